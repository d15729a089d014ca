import type { WindowControl } from '../host.js';

export const LOCKED_NOTIFICATION = { title: '복지 데스크', body: '새 메시지가 있습니다' } as const;

/**
 * Desktop notifications are read by whoever stands at the screen: while the window is locked
 * they say only "새 메시지가 있습니다" (the services compose the others with masked names and
 * without phone numbers or need text).
 */
export function guardNotifications(inner: WindowControl, isLocked: () => boolean): WindowControl {
  return {
    setAlwaysOnTop: (pinned) => inner.setAlwaysOnTop(pinned),
    setUnreadBadge: (n) => inner.setUnreadBadge(n),
    notify: (note) => inner.notify(isLocked() ? { ...note, ...LOCKED_NOTIFICATION } : note),
  };
}
