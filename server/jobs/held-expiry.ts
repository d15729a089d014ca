import type { FastifyBaseLogger } from 'fastify';
import { getConversation, appendMessage, putConversation, systemMessage } from '../db/conversations.js';
import type { Store } from '../db/store.js';

/**
 * 보류 until a time: when heldUntil has passed, the conversation opens again (with a system
 * message) so that it shows up in the counsellor's list. Returns how many were reopened.
 */
export async function reopenExpiredHolds(store: Store, now: Date): Promise<number> {
  const due = await store.db
    .selectFrom('conversations')
    .select('id')
    .where('status', '=', 'held')
    .where('held_until', 'is not', null)
    .where('held_until', '<=', now.toISOString())
    .limit(100)
    .execute();
  let reopened = 0;
  for (const { id } of due) {
    const done = await store.write(null, async (tx) => {
      const c = await getConversation(tx.trx, id);
      // Someone may have changed it since the query: check again inside the transaction.
      if (!c || c.status !== 'held' || !c.heldUntil || c.heldUntil > now.toISOString()) return false;
      await appendMessage(tx, systemMessage(c.id, '보류 시간이 지나 상담이 다시 열렸습니다.', null, tx.now));
      await putConversation(tx, { ...c, status: 'open', heldUntil: null, updatedAt: tx.now, version: c.version + 1 }, false);
      await tx.audit('hold-expired', 'conversation', c.id, `held until ${c.heldUntil}`);
      return true;
    });
    if (done) reopened++;
  }
  return reopened;
}

/** Checks for expired holds every intervalMs until stop() is called. */
export function startHeldExpiry(store: Store, log: FastifyBaseLogger, intervalMs: number): { stop(): Promise<void> } {
  let running: Promise<unknown> = Promise.resolve();
  const timer = setInterval(() => {
    running = running.then(() =>
      reopenExpiredHolds(store, new Date()).catch((err: unknown) => log.warn({ err }, 'held-expiry check failed')),
    );
  }, intervalMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
