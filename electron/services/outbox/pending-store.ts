import { randomUUID } from 'node:crypto';
import type { StoreTx } from '../store/index.js';
import { ACCESS_LOG_BATCH, ACCESS_LOG_LANE, type OutboxItemInput, type OutboxOp, OutboxPayloads } from './outbox-payloads.js';

/**
 * The one owner of the `outbox` table (requests on their way to the server) and of
 * `local_pending` (this desk's copy of each unconfirmed write, laid over the replica so the
 * counsellor sees it at once). Every change of either table is one of the named transitions
 * below, so "when does the local copy go" is decided in one place: once nothing of that record is
 * still on its way (queued or waiting for a conflict decision).
 */

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

/** What a local copy stands for: a message, a conversation's changed fields, or a call log. */
export type PendingEntity = 'message' | 'conversation' | 'callLog';

export interface PendingRow {
  id: string;
  conversation_id: string | null;
  data: string;
  state: 'sending' | 'failed';
  error: string | null;
  created_at: string;
}

/** The local copy that goes with a request (none for access events: they are not shown). */
export interface PendingCopy {
  entity: PendingEntity;
  id: string;
  conversationId: string | null;
  /** The record as the counsellor sees it until the server confirms it (JSON-serialisable). */
  data: unknown;
}

/** The local copy a request belongs to; null for access events. */
export function pendingEntityOf(op: string): PendingEntity | null {
  if (op === 'accessLog.post') return null;
  return op === 'message.create' ? 'message' : op === 'callLog.put' ? 'callLog' : 'conversation';
}

/* ---------- transitions ---------- */

/**
 * A write, queued inside the caller's transaction so that the local change and its delivery
 * commit together; with its local copy (created, or replaced by the newer edit).
 */
export async function enqueue(tx: StoreTx, item: OutboxItemInput, now: Date, copy?: PendingCopy): Promise<number> {
  const schema = OutboxPayloads[item.op as OutboxOp] as (typeof OutboxPayloads)[OutboxOp] | undefined;
  if (!schema) throw new Error(`알 수 없는 outbox 작업입니다: ${String(item.op)}`);
  // Validated here so that a bad write fails in front of the counsellor, not hours later on the wire.
  const payload = schema.parse(item.payload);
  const at = now.toISOString();
  const res = await tx.run(
    `INSERT INTO outbox (op, record_id, lane, payload, idempotency_key, base_version, counsellor_id, attempts, next_attempt_at, state, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?, 'queued', ?)`,
    [item.op, item.recordId, item.lane, JSON.stringify(payload), item.idempotencyKey, item.baseVersion, item.counsellorId, at, at],
  );
  if (copy) {
    await tx.run(
      `INSERT INTO local_pending (entity, id, conversation_id, data, state, error, created_at) VALUES (?, ?, ?, ?, 'sending', NULL, ?)
       ON CONFLICT (entity, id) DO UPDATE SET data = excluded.data, conversation_id = excluded.conversation_id, state = 'sending', error = NULL`,
      [copy.entity, copy.id, copy.conversationId, JSON.stringify(copy.data), at],
    );
  }
  return res.lastID;
}

/** The local copy goes once nothing of its record is still on its way (queued, or a conflict to decide). */
async function dropCopyIfSettled(tx: StoreTx, entity: PendingEntity, recordId: string): Promise<void> {
  await tx.run(
    `DELETE FROM local_pending WHERE entity = ? AND id = ?
       AND NOT EXISTS (SELECT 1 FROM outbox WHERE record_id = ? AND state IN ('queued', 'conflict'))`,
    [entity, recordId, recordId],
  );
}

/**
 * The request is done with: delivered (the caller stores the server's record in the same
 * transaction), found already applied, or given up for the server's version. A delivered call-log
 * PUT carries the whole record, so earlier refused PUTs of it are done with too.
 */
export async function settle(tx: StoreTx, item: Pick<OutboxRow, 'seq' | 'op' | 'record_id'>): Promise<void> {
  await tx.run('DELETE FROM outbox WHERE seq = ?', [item.seq]);
  if (item.op === 'callLog.put') {
    await tx.run("DELETE FROM outbox WHERE record_id = ? AND op = 'callLog.put' AND state = 'failed' AND seq < ?", [item.record_id, item.seq]);
  }
  const entity = pendingEntityOf(item.op);
  if (entity) await dropCopyIfSettled(tx, entity, item.record_id);
}

/** Delivered access events: gone from the outbox, marked sent in the desk's own access log. */
export async function settleAccessEvents(tx: StoreTx, seqs: readonly number[], eventIds: readonly string[], now: Date): Promise<void> {
  const at = now.toISOString();
  for (const seq of seqs) await tx.run('DELETE FROM outbox WHERE seq = ?', [seq]);
  for (const id of eventIds) await tx.run('UPDATE access_events SET sent_at = ? WHERE id = ?', [at, id]);
}

/** Later queued edits of a record were made on top of the delivered one: carry them to its new version. */
export async function carryToVersion(tx: StoreTx, item: Pick<OutboxRow, 'seq' | 'record_id' | 'base_version'>, version: number): Promise<void> {
  await tx.run(
    "UPDATE outbox SET base_version = ? WHERE record_id = ? AND seq > ? AND state = 'queued' AND base_version IS ?",
    [version, item.record_id, item.seq, item.base_version],
  );
}

/**
 * Refused for good (a 4xx, or a payload that cannot be sent): kept with the reason. A message or
 * call log shows it on its local copy; a conversation has no "failed" badge, so the server's
 * state shows again (the status line says why).
 */
export async function markFailed(tx: StoreTx, item: Pick<OutboxRow, 'seq' | 'op' | 'record_id'>, message: string): Promise<void> {
  await tx.run("UPDATE outbox SET state = 'failed', last_error = ?, attempts = attempts + 1 WHERE seq = ?", [message, item.seq]);
  const entity = pendingEntityOf(item.op);
  if (entity === 'conversation') await dropCopyIfSettled(tx, entity, item.record_id);
  else if (entity) await tx.run("UPDATE local_pending SET state = 'failed', error = ? WHERE entity = ? AND id = ?", [message, entity, item.record_id]);
}

/** Another desk saved first: the request waits for the counsellor's choice, with both versions kept. */
export async function markConflict(
  tx: StoreTx,
  item: Pick<OutboxRow, 'seq' | 'op' | 'record_id'>,
  message: string,
  versions: { mine: unknown; theirs: unknown; detectedAt: Date },
): Promise<void> {
  const entity = item.op === 'callLog.put' ? 'callLog' : 'conversation';
  await tx.run("UPDATE outbox SET state = 'conflict', last_error = ?, attempts = attempts + 1 WHERE seq = ?", [message, item.seq]);
  await tx.run(
    'INSERT INTO conflicts (id, entity, record_id, outbox_seq, mine, theirs, detected_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
    [randomUUID(), entity, item.record_id, item.seq, JSON.stringify(versions.mine), JSON.stringify(versions.theirs), versions.detectedAt.toISOString()],
  );
  await tx.run("UPDATE local_pending SET state = 'failed', error = ? WHERE entity = ? AND id = ?", [message, entity, item.record_id]);
}

/**
 * Send it again from the start (the counsellor retried a failed message, or kept their version
 * of a conflict: then on top of the server's version, an explicit overwrite).
 */
export async function requeue(tx: StoreTx, item: Pick<OutboxRow, 'seq' | 'op' | 'record_id'>, now: Date, baseVersion?: number | null): Promise<void> {
  const at = now.toISOString();
  if (baseVersion === undefined) {
    await tx.run("UPDATE outbox SET state = 'queued', attempts = 0, next_attempt_at = ?, last_error = NULL WHERE seq = ?", [at, item.seq]);
  } else {
    await tx.run("UPDATE outbox SET state = 'queued', base_version = ?, attempts = 0, next_attempt_at = ?, last_error = NULL WHERE seq = ?", [baseVersion, at, item.seq]);
  }
  const entity = pendingEntityOf(item.op);
  if (entity) await tx.run("UPDATE local_pending SET state = 'sending', error = NULL WHERE entity = ? AND id = ?", [entity, item.record_id]);
}

/** Could not be delivered now (offline, 5xx, 429): try again at `at`. */
export async function postpone(tx: StoreTx, seq: number, at: Date, error: string): Promise<void> {
  await tx.run('UPDATE outbox SET attempts = attempts + 1, next_attempt_at = ?, last_error = ? WHERE seq = ?', [at.toISOString(), error, seq]);
}

/** Send again on the server's newer version (nothing this request decides changed there). */
export async function rebase(tx: StoreTx, seq: number, version: number, attempts: number, at: Date): Promise<void> {
  await tx.run('UPDATE outbox SET base_version = ?, attempts = ?, next_attempt_at = ? WHERE seq = ?', [version, attempts, at.toISOString(), seq]);
}

/** The connection is back: everything of this counsellor waiting for its backoff is due now. */
export async function dueNow(tx: StoreTx, counsellorId: string, now: Date): Promise<void> {
  const at = now.toISOString();
  await tx.run("UPDATE outbox SET next_attempt_at = ? WHERE state = 'queued' AND counsellor_id = ? AND next_attempt_at > ?", [at, counsellorId, at]);
}

/* ---------- reads ---------- */

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

/** The queued access events from `item` on, one batch (the server takes 1–500 per request). */
export async function accessEventBatch(db: StoreTx, item: Pick<OutboxRow, 'seq' | 'counsellor_id'>): Promise<OutboxRow[]> {
  return db.all<OutboxRow>(
    "SELECT * FROM outbox WHERE lane = ? AND op = 'accessLog.post' AND state = 'queued' AND counsellor_id = ? AND seq >= ? ORDER BY seq LIMIT ?",
    [ACCESS_LOG_LANE, item.counsellor_id, item.seq, ACCESS_LOG_BATCH],
  );
}

/** The failed request that sent this message, if it failed. */
export async function failedMessageItem(db: StoreTx, messageId: string): Promise<OutboxRow | undefined> {
  return db.get<OutboxRow>("SELECT * FROM outbox WHERE record_id = ? AND op = 'message.create' AND state = 'failed'", [messageId]);
}

/** Writes still on their way (queued, or waiting for a conflict decision); failed ones are shown on their record. */
export async function countOutbox(db: StoreTx, counsellorId: string | null): Promise<number> {
  const row = await db.get<{ n: number }>(
    "SELECT count(*) AS n FROM outbox WHERE counsellor_id = ? AND state <> 'failed' AND op <> 'accessLog.post'",
    [counsellorId ?? ''],
  );
  return row?.n ?? 0;
}

/** Everything in the outbox, whoever's and whatever its state (a wipe must not throw it away). */
export async function countAllOutbox(db: StoreTx): Promise<number> {
  return (await db.get<{ n: number }>('SELECT count(*) AS n FROM outbox'))?.n ?? 0;
}

/** This desk's local copies of one kind: all, one record, or those of some conversations. */
export async function pendingCopies(db: StoreTx, entity: PendingEntity, where: { id?: string; conversationIds?: readonly string[] } = {}): Promise<PendingRow[]> {
  const cols = 'SELECT id, conversation_id, data, state, error, created_at FROM local_pending WHERE entity = ?';
  if (where.id !== undefined) return db.all<PendingRow>(`${cols} AND id = ?`, [entity, where.id]);
  if (where.conversationIds !== undefined) {
    if (where.conversationIds.length === 0) return [];
    return db.all<PendingRow>(`${cols} AND conversation_id IN (${where.conversationIds.map(() => '?').join(', ')})`, [entity, ...where.conversationIds]);
  }
  return db.all<PendingRow>(cols, [entity]);
}

/** Is any message of this desk still unconfirmed? (Lets a big pull skip a delete per message.) */
export async function anyPendingMessage(db: StoreTx): Promise<boolean> {
  return Boolean(await db.get("SELECT 1 AS x FROM local_pending WHERE entity = 'message' LIMIT 1"));
}

/** The server now holds this message (a pull brought it): its local copy has done its job. */
export async function confirmMessage(tx: StoreTx, messageId: string): Promise<void> {
  await dropCopyIfSettled(tx, 'message', messageId);
}
