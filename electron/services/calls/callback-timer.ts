import type { CallLog } from '../../../common/domain/index.js';

export interface CallbackTimerOptions {
  /** Callbacks not done yet, any due time. */
  due(): Promise<CallLog[]>;
  now(): Date;
  onDue(log: CallLog): void;
  /** Longest sleep between checks: new callbacks and clock changes are picked up at least this often. */
  maxSleepMs?: number;
}

/**
 * Reminds once per callback when its time comes: sleeps until the next callbackAt (at most
 * maxSleepMs), then fires every callback that is due and was not reminded yet.
 */
export function startCallbackTimer(o: CallbackTimerOptions): () => void {
  const reminded = new Set<string>();
  const maxSleep = o.maxSleepMs ?? 30_000;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let stopped = false;

  const tick = async () => {
    let sleep = maxSleep;
    try {
      const now = o.now().getTime();
      for (const log of await o.due()) {
        const at = Date.parse(log.callbackAt ?? '');
        if (Number.isNaN(at)) continue;
        const key = `${log.id}@${log.callbackAt}`;
        if (at <= now) {
          if (!reminded.has(key)) {
            reminded.add(key);
            o.onDue(log);
          }
        } else sleep = Math.min(sleep, at - now);
      }
    } catch {
      // The store may be closing or briefly busy; the next tick retries.
    }
    if (!stopped) {
      timer = setTimeout(() => void tick(), Math.max(50, sleep));
      timer.unref?.();
    }
  };
  void tick();
  return () => {
    stopped = true;
    if (timer) clearTimeout(timer);
  };
}
