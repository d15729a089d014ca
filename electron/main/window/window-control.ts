import { Notification, type BrowserWindow } from 'electron';
import type { WindowControl } from '../../services/host.js';
import type { DeskTray } from '../tray/desk-tray.js';
import { revealWindow } from './main-window.js';

/**
 * What the services may do to the window (host.ts WindowControl), implemented with Electron.
 * Notifications are kept referenced until closed: Electron drops the click handler of a
 * notification that was garbage-collected.
 */
export function createWindowControl(getWindow: () => BrowserWindow | null, getTray: () => DeskTray | null): WindowControl {
  const live = new Set<Notification>();
  return {
    setAlwaysOnTop(pinned) {
      const win = getWindow();
      // 'floating' keeps the desk above ordinary windows without covering full-screen apps.
      if (win && !win.isDestroyed()) win.setAlwaysOnTop(pinned, 'floating');
      getTray()?.setPinned(pinned);
    },
    setUnreadBadge(count) {
      getTray()?.setUnread(count);
    },
    notify(note) {
      if (!Notification.isSupported()) return;
      const n = new Notification({ title: note.title, body: note.body, silent: note.silent });
      live.add(n);
      const forget = (): void => void live.delete(n);
      n.on('click', () => {
        const win = getWindow();
        if (win) revealWindow(win);
        note.onClick?.();
        forget();
      });
      n.on('close', forget);
      n.on('failed', forget);
      n.show();
    },
  };
}
