import { globalShortcut } from 'electron';

/** Global accelerators; documented in the README. Ctrl+Alt avoids the Ctrl+Shift combos editors use. */
export const SHORTCUTS = {
  toggleWindow: 'CommandOrControl+Alt+D',
  togglePinned: 'CommandOrControl+Alt+P',
} as const;

export interface ShortcutActions {
  toggleWindow(): void;
  togglePinned(): void;
}

/**
 * Registers the global shortcuts. One taken by another program is reported, not fatal: the
 * tray and the pin button still work. Returns the accelerators that failed.
 */
export function registerShortcuts(actions: ShortcutActions, warn: (message: string) => void = console.warn): string[] {
  const failed: string[] = [];
  for (const [name, accelerator] of Object.entries(SHORTCUTS) as Array<[keyof ShortcutActions, string]>) {
    let ok = false;
    try {
      ok = globalShortcut.register(accelerator, () => actions[name]());
    } catch {
      ok = false;
    }
    if (!ok) {
      failed.push(accelerator);
      warn(`[bokji-desk] global shortcut ${accelerator} is taken by another program; use the tray instead`);
    }
  }
  return failed;
}

export function unregisterShortcuts(): void {
  globalShortcut.unregisterAll();
}
