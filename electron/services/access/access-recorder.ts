import { randomUUID } from 'node:crypto';
import { ACCESS_LOG_LANE } from '../outbox/outbox-payloads.js';
import { enqueue } from '../outbox/pending-store.js';
import type { Store } from '../store/index.js';
import type { DeskAccessEvent } from './access-event.js';

export type AccessFact = Omit<DeskAccessEvent, 'id' | 'at' | 'deskId'>;

/**
 * Writes an access event into the replica and its outbox in one transaction, then wakes the
 * sender: offline it waits in the encrypted file, online it is delivered in a batch.
 */
export function createAccessRecorder(deps: { store: Store; deskId: string; counsellorId: () => string | null; now: () => Date; kick: () => void }) {
  return {
    async record(fact: AccessFact): Promise<void> {
      const me = deps.counsellorId();
      if (!me) return;
      const event: DeskAccessEvent = { id: randomUUID(), at: deps.now().toISOString(), deskId: deps.deskId, ...fact };
      await deps.store.transaction(async (tx) => {
        await tx.run(
          'INSERT INTO access_events (id, at, counsellor_id, action, entity, record_id, subject, reason, rows) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
          [event.id, event.at, me, event.action, event.entity, event.recordId, event.subject ? JSON.stringify(event.subject) : null, event.reason, event.rows],
        );
        await enqueue(tx, {
          op: 'accessLog.post', recordId: event.id, lane: ACCESS_LOG_LANE, payload: event,
          idempotencyKey: event.id, baseVersion: null, counsellorId: me,
        }, deps.now());
      });
      deps.kick();
    },
  };
}
export type AccessRecorder = ReturnType<typeof createAccessRecorder>;
