import { useEffect } from 'react';

/** Ctrl+Alt+L locks the window at once (keyboard-first, like Win+L for the OS). */
export function isLockShortcut(e: KeyboardEvent): boolean {
  return e.ctrlKey && e.altKey && !e.shiftKey && !e.metaKey && e.code === 'KeyL';
}

const ACTIVITY = ['keydown', 'pointerdown', 'pointermove', 'wheel', 'touchstart'] as const;

/**
 * Locks after `minutes` without keyboard or pointer input in the window, or on Ctrl+Alt+L.
 * `onLock` asks the services (session.lock), which hold the state; this only measures idleness.
 */
export function useIdleLock(opts: { enabled: boolean; minutes: number; onLock: () => void }): void {
  const { enabled, minutes, onLock } = opts;
  useEffect(() => {
    if (!enabled) return undefined;
    const ms = Math.max(1, minutes) * 60_000;
    let timer = setTimeout(onLock, ms);
    const activity = () => {
      clearTimeout(timer);
      timer = setTimeout(onLock, ms);
    };
    const onKey = (e: KeyboardEvent) => {
      if (!isLockShortcut(e)) return;
      e.preventDefault();
      clearTimeout(timer);
      onLock();
    };
    for (const name of ACTIVITY) window.addEventListener(name, activity, { capture: true, passive: true });
    window.addEventListener('keydown', onKey, { capture: true });
    return () => {
      clearTimeout(timer);
      for (const name of ACTIVITY) window.removeEventListener(name, activity, { capture: true });
      window.removeEventListener('keydown', onKey, { capture: true });
    };
  }, [enabled, minutes, onLock]);
}
