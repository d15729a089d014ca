import type { CallLog } from '../../../common/domain/index.js';

/**
 * Which callbacks were already reminded, kept across restarts: record id -> the callbackAt it was
 * reminded for (a moved callback reminds again).
 */
export interface ReminderLedger {
  load(): Promise<Map<string, string>>;
  save(reminded: ReadonlyMap<string, string>): Promise<void>;
}

export interface CallbackTimerOptions {
  /** Callbacks not done yet, any due time. */
  due(): Promise<CallLog[]>;
  now(): Date;
  onDue(log: CallLog): void;
  /** Where reminders are remembered; in memory only when absent (then a restart reminds again). */
  ledger?: ReminderLedger;
  /** Longest sleep between checks: new callbacks and clock changes are picked up at least this often. */
  maxSleepMs?: number;
}

/**
 * Reminds once per callback when its time comes: sleeps until the next callbackAt (at most
 * maxSleepMs), then fires every callback that is due and was not reminded yet.
 */
export function startCallbackTimer(o: CallbackTimerOptions): () => void {
  let reminded: Map<string, string> | null = null;
  const maxSleep = o.maxSleepMs ?? 30_000;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let stopped = false;

  const tick = async () => {
    let sleep = maxSleep;
    try {
      reminded ??= o.ledger ? await o.ledger.load() : new Map<string, string>();
      const now = o.now().getTime();
      const pending = await o.due();
      const fire: CallLog[] = [];
      for (const log of pending) {
        const at = Date.parse(log.callbackAt ?? '');
        if (Number.isNaN(at)) continue;
        if (at > now) sleep = Math.min(sleep, at - now);
        else if (reminded.get(log.id) !== log.callbackAt) fire.push(log);
      }
      if (fire.length > 0 && !stopped) {
        for (const log of fire) reminded.set(log.id, log.callbackAt!);
        // Done or deleted callbacks leave the ledger, so it stays as small as the queue.
        const open = new Set(pending.map((l) => l.id));
        for (const id of reminded.keys()) if (!open.has(id)) reminded.delete(id);
        // Remembered before the notification: a crash in between loses one pop-up (the callback stays
        // in the queue), never repeats it.
        await o.ledger?.save(reminded).catch(() => undefined);
        for (const log of fire) o.onDue(log);
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
