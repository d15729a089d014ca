import type { Kysely, Transaction } from 'kysely';
import type { z } from 'zod';
import type { AccessAction, AccessLogPage, AccessLogReview } from '../../common/rest/access-log.js';
import { num } from '../db/json.js';
import type { Database } from '../db/schema.js';
import { toEntry } from './chain.js';

type Q = Kysely<Database> | Transaction<Database>;

export interface AccessLogFilter {
  actorId?: string | undefined;
  /** Subject hashes the search term may stand for (SubjectKeyer.candidates). */
  subjectHashes?: string[] | undefined;
  recordId?: string | undefined;
  action?: AccessAction | undefined;
  /** ISO instants: from inclusive, to exclusive. */
  from?: string | undefined;
  to?: string | undefined;
  /** seq of the last entry of the previous page. */
  beforeSeq?: number | undefined;
  limit: number;
}

/** One page of the access log, newest first; one row more than the page tells whether another follows. */
export async function searchAccessLog(q: Q, f: AccessLogFilter): Promise<z.infer<typeof AccessLogPage>> {
  let qb = q.selectFrom('access_log').selectAll();
  if (f.actorId) qb = qb.where('actor_id', '=', f.actorId);
  if (f.subjectHashes) qb = qb.where('subject_hash', 'in', f.subjectHashes);
  if (f.recordId) qb = qb.where('record_id', '=', f.recordId);
  if (f.action) qb = qb.where('action', '=', f.action);
  if (f.from) qb = qb.where('at', '>=', f.from);
  if (f.to) qb = qb.where('at', '<', f.to);
  if (f.beforeSeq !== undefined) qb = qb.where('seq', '<', f.beforeSeq);
  const rows = await qb.orderBy('seq', 'desc').limit(f.limit + 1).execute();
  const page = rows.slice(0, f.limit);
  const last = page.at(-1);
  return { items: page.map(toEntry), nextCursor: rows.length > f.limit && last ? String(num(last.seq)) : null };
}

/** Entries dated in [start, end). */
export async function countEntriesBetween(q: Q, start: string, end: string): Promise<number> {
  const count = await q
    .selectFrom('access_log')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('at', '>=', start)
    .where('at', '<', end)
    .executeTakeFirstOrThrow();
  return num(count.n as number | string);
}

type Review = z.infer<typeof AccessLogReview>;

export async function insertReview(q: Q, r: Review): Promise<void> {
  await q
    .insertInto('access_log_reviews')
    .values({
      id: r.id, period: r.period, note: r.note, reviewer_id: r.reviewerId, reviewer_name: r.reviewerName, entries: r.entries,
      chain_ok: r.chainOk ? 1 : 0, created_at: r.createdAt,
    })
    .execute();
}

/** Monthly reviews, newest first. */
export async function listReviews(q: Q): Promise<Review[]> {
  const rows = await q.selectFrom('access_log_reviews').selectAll().orderBy('created_at', 'desc').execute();
  return rows.map((r) => ({
    id: r.id, period: r.period, note: r.note, reviewerId: r.reviewer_id, reviewerName: r.reviewer_name,
    entries: num(r.entries), chainOk: num(r.chain_ok) === 1, createdAt: r.created_at,
  }));
}
