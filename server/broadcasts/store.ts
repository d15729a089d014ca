import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { z } from 'zod';
import type { Counsellor } from '../../common/domain/index.js';
import { maskResidentNumbers } from '../../common/privacy/index.js';
import {
  Broadcast, maskCitizenKey, type BroadcastCounts, type BroadcastCreate, type BroadcastPatch, type BroadcastRecipient,
  type BroadcastReport, type BroadcastStatus, type RecipientStatus,
} from '../../common/subscriptions/index.js';
import { parseStored, num, toJson } from '../db/json.js';
import type { Database } from '../db/schema.js';
import type { WriteTx } from '../db/store.js';
import { audienceOf } from '../subscriptions/store.js';

type Q = Kysely<Database> | Transaction<Database>;

/** The stored record: everything but the live counts. */
export const BroadcastRecord = Broadcast.omit({ counts: true });
export type BroadcastRecord = z.infer<typeof BroadcastRecord>;

const EMPTY_COUNTS: BroadcastCounts = { targeted: 0, pending: 0, delivered: 0, failed: 0, optedOut: 0, cancelled: 0 };
const COUNT_KEY: Record<RecipientStatus, keyof BroadcastCounts> = {
  pending: 'pending', delivered: 'delivered', failed: 'failed', opted_out: 'optedOut', cancelled: 'cancelled',
};

export async function countsOf(q: Q, ids: readonly string[]): Promise<Map<string, BroadcastCounts>> {
  const out = new Map<string, BroadcastCounts>(ids.map((id) => [id, { ...EMPTY_COUNTS }]));
  if (ids.length === 0) return out;
  const rows = await q
    .selectFrom('broadcast_recipients')
    .select(['broadcast_id', 'status', (eb) => eb.fn.countAll().as('n')])
    .where('broadcast_id', 'in', [...ids])
    .groupBy(['broadcast_id', 'status'])
    .execute();
  for (const r of rows) {
    const c = out.get(r.broadcast_id);
    if (!c) continue;
    const n = num(r.n as number | string);
    c[COUNT_KEY[r.status as RecipientStatus]] += n;
    c.targeted += n;
  }
  return out;
}

export async function getRecord(q: Q, id: string): Promise<BroadcastRecord | null> {
  const row = await q.selectFrom('broadcasts').select('data').where('id', '=', id).executeTakeFirst();
  return row ? parseStored(BroadcastRecord, row.data, 'broadcasts', id) : null;
}

export async function withCounts(q: Q, records: BroadcastRecord[]): Promise<Broadcast[]> {
  const counts = await countsOf(q, records.map((r) => r.id));
  return records.map((r) => ({ ...r, counts: counts.get(r.id) ?? { ...EMPTY_COUNTS } }));
}

export async function getBroadcast(q: Q, id: string): Promise<Broadcast | null> {
  const r = await getRecord(q, id);
  return r ? (await withCounts(q, [r]))[0]! : null;
}

export async function listBroadcasts(q: Q, status: BroadcastStatus | undefined, limit: number): Promise<Broadcast[]> {
  let query = q.selectFrom('broadcasts').select('data').orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit);
  if (status) query = query.where('status', '=', status);
  const rows = await query.execute();
  return withCounts(q, rows.map((r) => parseStored(BroadcastRecord, r.data, 'broadcasts')));
}

export async function saveRecord(tx: WriteTx, r: BroadcastRecord, isNew: boolean): Promise<void> {
  const row = { status: r.status, author_id: r.authorId, scheduled_at: r.scheduledAt, created_at: r.createdAt, updated_at: r.updatedAt, version: r.version, data: toJson(r) };
  if (isNew) await tx.trx.insertInto('broadcasts').values({ id: r.id, ...row }).execute();
  else await tx.trx.updateTable('broadcasts').set(row).where('id', '=', r.id).execute();
}

/** Texts never keep a 주민등록번호, like every text the service stores. */
const masked = <T extends { title?: string; body?: string }>(v: T): T => ({
  ...v,
  ...(v.title !== undefined ? { title: maskResidentNumbers(v.title) } : {}),
  ...(v.body !== undefined ? { body: maskResidentNumbers(v.body) } : {}),
});

export function newRecord(input: BroadcastCreate, author: Counsellor, now: string): BroadcastRecord {
  const m = masked(input);
  return {
    id: m.id, title: m.title, body: m.body, topics: [...new Set(m.topics)], dongs: m.dongs, lifeStages: m.lifeStages, buttons: m.buttons,
    programmeId: m.programmeId, scheduledAt: m.scheduledAt, status: 'draft', pausedReason: null,
    authorId: author.id, authorName: author.displayName, submittedAt: null, approvedById: null, approvedByName: null, approvedAt: null,
    cancelledAt: null, completedAt: null, createdAt: now, updatedAt: now, version: 1,
  };
}

export function patched(r: BroadcastRecord, patch: BroadcastPatch, now: string): BroadcastRecord {
  const m = masked(patch);
  const next: BroadcastRecord = { ...r, updatedAt: now, version: r.version + 1 };
  if (m.title !== undefined) next.title = m.title;
  if (m.body !== undefined) next.body = m.body;
  if (m.topics !== undefined) next.topics = [...new Set(m.topics)];
  if (m.dongs !== undefined) next.dongs = m.dongs;
  if (m.lifeStages !== undefined) next.lifeStages = m.lifeStages;
  if (m.buttons !== undefined) next.buttons = m.buttons;
  if (m.programmeId !== undefined) next.programmeId = m.programmeId;
  if (m.scheduledAt !== undefined) next.scheduledAt = m.scheduledAt;
  return next;
}

const INSERT_BATCH = 500;

/** Freezes the audience at approval: one pending recipient row per subscriber it reaches now. */
export async function freezeAudience(tx: WriteTx, r: BroadcastRecord): Promise<number> {
  const keys = await audienceOf(tx.trx, r);
  for (let i = 0; i < keys.length; i += INSERT_BATCH) {
    await tx.trx
      .insertInto('broadcast_recipients')
      .values(keys.slice(i, i + INSERT_BATCH).map((citizenKey, j) => ({
        id: randomUUID(), broadcast_id: r.id, seq: i + j, citizen_key: citizenKey, status: 'pending', attempts: 0, queued: 0,
        error: null, sent_at: null, replied_at: null, updated_at: tx.now,
      })))
      .execute();
  }
  return keys.length;
}

export async function listRecipients(
  q: Q, broadcastId: string, status: RecipientStatus | undefined, cursor: number, limit: number,
): Promise<{ items: BroadcastRecipient[]; nextCursor: string | null }> {
  let query = q
    .selectFrom('broadcast_recipients')
    .select(['id', 'seq', 'citizen_key', 'status', 'attempts', 'error', 'sent_at', 'updated_at', 'replied_at'])
    .where('broadcast_id', '=', broadcastId)
    .where('seq', '>=', cursor)
    .orderBy('seq')
    .limit(limit + 1);
  if (status) query = query.where('status', '=', status);
  const rows = await query.execute();
  const page = rows.slice(0, limit);
  return {
    items: page.map((r) => ({
      id: r.id, citizenKeyMasked: maskCitizenKey(r.citizen_key), status: r.status as RecipientStatus, attempts: r.attempts,
      error: r.error, sentAt: r.sent_at, updatedAt: r.updated_at, repliedAt: r.replied_at,
    })),
    nextCursor: rows.length > limit ? String(rows[limit]!.seq) : null,
  };
}

/** Deliveries per minute (for the report's chart): minute (ISO, UTC) -> delivered, failed. */
export async function timeline(q: Q, broadcastId: string): Promise<{ minute: string; delivered: number; failed: number }[]> {
  const rows = await q
    .selectFrom('broadcast_recipients')
    .select(['status', 'sent_at', 'updated_at'])
    .where('broadcast_id', '=', broadcastId)
    .where('status', 'in', ['delivered', 'failed'])
    .execute();
  const byMinute = new Map<string, { delivered: number; failed: number }>();
  for (const r of rows) {
    const at = (r.sent_at ?? r.updated_at).slice(0, 16);
    const slot = byMinute.get(at) ?? { delivered: 0, failed: 0 };
    if (r.status === 'delivered') slot.delivered++;
    else slot.failed++;
    byMinute.set(at, slot);
  }
  return [...byMinute.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([minute, v]) => ({ minute: `${minute}:00.000Z`, ...v }));
}

/** Citizen keys per consent-ledger query: the IN list stays bounded however large the audience. */
const LEDGER_BATCH = 500;

/** The report of a notice: counts, deliveries per minute, failures by reason, opt-outs after it, replies. */
export async function broadcastReport(q: Q, b: Broadcast): Promise<BroadcastReport> {
  const failures = await q
    .selectFrom('broadcast_recipients')
    .select(['error', (eb) => eb.fn.countAll().as('n')])
    .where('broadcast_id', '=', b.id)
    .where('status', '=', 'failed')
    .groupBy('error')
    .execute();
  const delivered = await q
    .selectFrom('broadcast_recipients')
    .select(['citizen_key', 'sent_at', 'replied_at'])
    .where('broadcast_id', '=', b.id)
    .where('status', '=', 'delivered')
    .execute();
  let optOutsAfter = 0;
  if (delivered.length > 0) {
    const sentAt = new Map(delivered.map((d) => [d.citizen_key, d.sent_at ?? '']));
    const keys = [...sentAt.keys()];
    for (let i = 0; i < keys.length; i += LEDGER_BATCH) {
      const rows = await q
        .selectFrom('consent_ledger')
        .select(['citizen_key', 'at'])
        .where('action', 'in', ['unsubscribe', 'lapse'])
        .where('citizen_key', 'in', keys.slice(i, i + LEDGER_BATCH))
        .execute();
      const counted = new Set<string>();
      for (const r of rows) if (r.at >= (sentAt.get(r.citizen_key) ?? '') && !counted.has(r.citizen_key)) counted.add(r.citizen_key);
      optOutsAfter += counted.size;
    }
  }
  return {
    broadcast: b,
    timeline: await timeline(q, b.id),
    failures: failures.map((f) => ({ error: f.error ?? '(이유 없음)', count: Number(f.n) })).sort((x, y) => y.count - x.count),
    optOutsAfter,
    replies: delivered.filter((d) => d.replied_at).length,
  };
}
