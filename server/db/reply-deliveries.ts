import { Message } from '../../common/domain/index.js';
import {
  enqueueOutbound, requeueOutbound, type ClaimedWork, type OutboundKind, type OutboundPayload, type SettledWork,
} from '../delivery/outbound-claims.js';
import { parseStored, toJson } from './json.js';
import type { WriteTx } from './store.js';

/**
 * Replies and automatic notices as outbound work of kind 'reply': the message row is the
 * counsellor's view of the delivery (delivery, deliveryError in the change feed), the
 * outbound_work row is the lease that sends it.
 */
export const REPLY_WORK = 'reply';

/** Queues an outbound message for delivery to its conversation's citizen (same transaction). */
export async function enqueueReply(tx: WriteTx, message: Pick<Message, 'id'>, citizenKey: string): Promise<void> {
  await enqueueOutbound(tx, { id: message.id, kind: REPLY_WORK, refId: message.id, orderKey: citizenKey });
}

/** A failed reply sent again: its work item is pending once more (queued anew if it predates the queue). */
export async function requeueReply(tx: WriteTx, messageId: string, conversationId: string): Promise<void> {
  if (await requeueOutbound(tx, messageId)) return;
  const c = await tx.trx.selectFrom('conversations').select('citizen_key').where('id', '=', conversationId).executeTakeFirstOrThrow();
  const exists = await tx.trx.selectFrom('outbound_work').select('id').where('id', '=', messageId).executeTakeFirst();
  if (!exists) await enqueueReply(tx, { id: messageId }, c.citizen_key);
}

/** The messages' delivery status after their sends (one read for them all). */
async function setMessagesDelivery(tx: WriteTx, settled: readonly SettledWork[]): Promise<void> {
  const rows = await tx.trx.selectFrom('messages').select(['id', 'data', 'attempts']).where('id', 'in', settled.map((s) => s.item.refId)).execute();
  const byId = new Map(rows.map((r) => [r.id, r]));
  for (const { item, outcome } of settled) {
    const row = byId.get(item.refId);
    if (!row) continue;
    const status = outcome.status === 'retry' ? 'pending' : outcome.status;
    const error = outcome.status === 'delivered' ? null : outcome.error.slice(0, 500);
    const message: Message = { ...parseStored(Message, row.data, 'messages', item.refId), delivery: status, deliveryError: error };
    await tx.later(tx.trx
      .updateTable('messages')
      .set({
        delivery: status,
        attempts: row.attempts + 1,
        next_attempt_at: outcome.status === 'retry' ? outcome.nextAttemptAt.toISOString() : null,
        data: toJson(message),
      })
      .where('id', '=', item.refId));
    await tx.change('message', item.refId, message);
  }
}

export const replyKind: OutboundKind = {
  kind: REPLY_WORK,
  async load(db, items: readonly ClaimedWork[]) {
    const out = new Map<string, OutboundPayload>();
    if (items.length === 0) return out;
    const rows = await db
      .selectFrom('messages')
      .innerJoin('conversations', 'conversations.id', 'messages.conversation_id')
      .select(['messages.data as data', 'conversations.citizen_key as userKey'])
      .where('messages.id', 'in', items.map((i) => i.refId))
      .execute();
    const byId = new Map(rows.map((r) => [parseStored(Message, r.data, 'messages').id, r] as const));
    for (const item of items) {
      const r = byId.get(item.refId);
      if (!r) continue;
      const m = parseStored(Message, r.data, 'messages');
      out.set(item.id, {
        userKey: r.userKey,
        conversationId: m.conversationId,
        kind: m.kind === 'programme_card' ? 'programme_card' : 'text',
        body: m.body,
        programmeId: m.programmeId,
      });
    }
    return out;
  },
  settle: setMessagesDelivery,
};
