import type { WindowControl } from '../../electron/services/host.js';

export interface RecordedNotification {
  title: string;
  body: string;
  silent: boolean;
  /** Clicks the notification as the OS would (runs the services' onClick). */
  click(): void;
}

/** WindowControl for the harness: records what the services asked of the window so tests can assert it. */
export interface RecordingWindowControl extends WindowControl {
  readonly alwaysOnTop: boolean[];
  readonly badges: number[];
  readonly notifications: RecordedNotification[];
}

export function createRecordingWindowControl(): RecordingWindowControl {
  const alwaysOnTop: boolean[] = [];
  const badges: number[] = [];
  const notifications: RecordedNotification[] = [];
  return {
    alwaysOnTop,
    badges,
    notifications,
    setAlwaysOnTop(pinned) {
      alwaysOnTop.push(pinned);
    },
    setUnreadBadge(count) {
      badges.push(count);
    },
    notify(note) {
      notifications.push({ title: note.title, body: note.body, silent: note.silent, click: () => note.onClick?.() });
    },
  };
}
