import { z } from 'zod';
import { CallLogInput, type Conversation, ConversationPatch, NewMessage, Uuid } from '../../../common/domain/index.js';
import { DeskAccessEvent } from '../access/access-event.js';

/** The requests the outbox knows how to deliver, with the payload each carries. */
export const OutboxPayloads = {
  /** POST /conversations/{conversationId}/messages; record = message id, lane = conversation id. */
  'message.create': z.object({ conversationId: Uuid, message: NewMessage }),
  /**
   * PATCH /conversations/{record} with If-Match: a counsellor's decision, conflicts are surfaced.
   * `seen`: the fields the patch decides, as the counsellor saw them when deciding (see decidedFields).
   */
  'conversation.patch': z.object({ patch: ConversationPatch, seen: z.record(z.string(), z.unknown()).optional() }),
  /** PATCH {markRead:true}: carries no decision, so a stale version is simply re-based. */
  'conversation.markRead': z.object({ patch: ConversationPatch }),
  /** PUT /call-logs/{record}: create (no If-Match) or update. The body is the CallLogInput itself. */
  'callLog.put': CallLogInput,
  /** POST /access-log: one desk access event (record = event id); queued ones go as one batch. */
  'accessLog.post': DeskAccessEvent,
} as const;

/** Access events travel in this lane; they are not the counsellor's writes and do not count as such. */
export const ACCESS_LOG_LANE = 'access-log';
/** Events per POST /access-log (the server takes 1–500). */
export const ACCESS_LOG_BATCH = 200;
export type OutboxOp = keyof typeof OutboxPayloads;

/** The conversation fields a patch decides (its comment and read mark decide none; a dismissal decides the signal). */
export function decidedFields(patch: ConversationPatch): Array<keyof Conversation> {
  const keys: Array<keyof Conversation> = [];
  for (const k of ['status', 'assigneeId', 'heldUntil', 'field', 'summary', 'citizenName', 'citizenPhone'] as const) {
    if (patch[k] !== undefined) keys.push(k);
  }
  if (patch.dismissCrisis !== undefined) keys.push('crisis');
  return keys;
}

/** What the counsellor saw of the fields a patch decides, stored with it (the `seen` of conversation.patch). */
export function seenFields(view: Conversation, patch: ConversationPatch): Record<string, unknown> {
  return Object.fromEntries(decidedFields(patch).map((k) => [k, view[k] ?? null]));
}

/**
 * A patch sent on an older version than the server's is still the counsellor's decision when the
 * server's copy holds, in every field it decides, what the counsellor saw: the newer version
 * changed something else (a citizen's message, the 운영시간 안내, an earlier change of this desk
 * not yet confirmed when the patch was queued). Then it is re-based, not a conflict.
 */
export function stillAsSeen(theirs: Conversation, seen: Record<string, unknown> | undefined): boolean {
  if (!seen) return false;
  const server = theirs as unknown as Record<string, unknown>;
  return Object.entries(seen).every(([k, v]) => JSON.stringify(server[k] ?? null) === JSON.stringify(v ?? null));
}
export const OUTBOX_OPS = Object.keys(OutboxPayloads) as OutboxOp[];

export interface OutboxItemInput {
  op: OutboxOp;
  recordId: string;
  /** Delivery order: items of one lane go strictly in sequence. */
  lane: string;
  payload: unknown;
  idempotencyKey: string;
  baseVersion: number | null;
  counsellorId: string;
}
