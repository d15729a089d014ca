import { z } from 'zod';
import { CallLogInput, type Conversation, ConversationPatch, NewMessage, Uuid } from '../../../common/domain/index.js';
import { DeskAccessEvent } from '../access/access-event.js';
import type { StoreTx } from '../store/index.js';

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

export interface OutboxRow {
  seq: number;
  op: string;
  record_id: string;
  lane: string;
  payload: string;
  idempotency_key: string;
  base_version: number | null;
  counsellor_id: string;
  attempts: number;
  next_attempt_at: string;
  state: 'queued' | 'failed' | 'conflict';
  last_error: string | null;
  created_at: string;
}

/** Adds a request inside the caller's transaction, so the local write and its delivery commit together. */
export async function enqueueOutbox(tx: StoreTx, item: OutboxItemInput, now: Date): Promise<number> {
  const schema = OutboxPayloads[item.op];
  if (!schema) throw new Error(`알 수 없는 outbox 작업입니다: ${String(item.op)}`);
  // Validated here so that a bad write fails in front of the counsellor, not hours later on the wire.
  const payload = schema.parse(item.payload);
  const at = now.toISOString();
  const res = await tx.run(
    `INSERT INTO outbox (op, record_id, lane, payload, idempotency_key, base_version, counsellor_id, attempts, next_attempt_at, state, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?, 'queued', ?)`,
    [item.op, item.recordId, item.lane, JSON.stringify(payload), item.idempotencyKey, item.baseVersion, item.counsellorId, at, at],
  );
  return res.lastID;
}

/** The first item due now whose lane has nothing earlier still waiting or in conflict. */
export async function nextDueItem(db: StoreTx, counsellorId: string, now: Date): Promise<OutboxRow | undefined> {
  return db.get<OutboxRow>(
    `SELECT * FROM outbox o
     WHERE o.state = 'queued' AND o.counsellor_id = ? AND o.next_attempt_at <= ?
       AND NOT EXISTS (SELECT 1 FROM outbox p WHERE p.lane = o.lane AND p.seq < o.seq AND p.state IN ('queued', 'conflict'))
     ORDER BY o.seq LIMIT 1`,
    [counsellorId, now.toISOString()],
  );
}

/** When the next queued item of this counsellor becomes due (for the wake-up timer). */
export async function nextDueAt(db: StoreTx, counsellorId: string): Promise<string | null> {
  const row = await db.get<{ at: string | null }>("SELECT min(next_attempt_at) AS at FROM outbox WHERE state = 'queued' AND counsellor_id = ?", [counsellorId]);
  return row?.at ?? null;
}

/** Writes still on their way (queued, or waiting for a conflict decision); failed ones are shown on their record. */
export async function countOutbox(db: StoreTx, counsellorId: string | null): Promise<number> {
  const row = await db.get<{ n: number }>(
    "SELECT count(*) AS n FROM outbox WHERE counsellor_id = ? AND state <> 'failed' AND op <> 'accessLog.post'",
    [counsellorId ?? ''],
  );
  return row?.n ?? 0;
}
