import { createHash, randomUUID } from 'node:crypto';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { AccessAction, AccessLogEntry } from '../../common/rest/access-log.js';
import { num } from '../db/json.js';
import { heldBack } from '../db/pg-write-client.js';
import type { AccessLogTable, Database } from '../db/schema.js';
import { executeLater, type Engine } from '../db/store.js';
import { createWriteQueue } from '../db/write-queue.js';
import type { Subject } from './subject.js';

/** Advisory lock serialising the access log's appenders across server instances (PostgreSQL). */
export const ACCESS_LOG_LOCK = 0x626f6b61; // "boka"
/** prevHash of the very first entry. */
export const GENESIS_HASH = '0'.repeat(64);
/** Entries appended in one transaction at most. */
const MAX_BATCH = 500;

export interface NewAccessEntry {
  /** Desk events bring their own id (idempotency); server entries get a fresh one. */
  id?: string;
  at: string;
  actorId: string | null;
  actorName: string | null;
  ip: string | null;
  deskId: string | null;
  action: AccessAction;
  entity: string;
  recordId: string | null;
  subject: Subject | null;
  reason: string | null;
  rows: number | null;
}

type Row = Omit<AccessLogTable, 'seq'>;

/**
 * The hash of one entry: SHA-256 over the previous entry's hash and this entry's fields in a
 * fixed order, so that changing, removing or reordering any entry breaks every later link.
 */
export function entryHash(prevHash: string, r: Omit<Row, 'hash' | 'prev_hash'>): string {
  const fields = [r.id, r.at, r.actor_id, r.actor_name, r.ip, r.desk_id, r.action, r.entity, r.record_id, r.subject_hash, r.subject_display, r.reason, r.rows];
  return createHash('sha256').update(prevHash).update('\n').update(JSON.stringify(fields)).digest('hex');
}

export const toEntry = (r: AccessLogTable): AccessLogEntry => ({
  id: r.id,
  at: r.at,
  actorId: r.actor_id,
  actorName: r.actor_name,
  ip: r.ip,
  deskId: r.desk_id,
  action: r.action as AccessAction,
  entity: r.entity,
  recordId: r.record_id,
  subject: r.subject_hash ? { hash: r.subject_hash, display: r.subject_display ?? '' } : null,
  reason: r.reason,
  rows: r.rows === null ? null : num(r.rows),
  prevHash: r.prev_hash,
  hash: r.hash,
});

/**
 * The one appender of the access log. Requests hand it entries and wait; it writes whatever has
 * queued up in one transaction under the chain's lock (an advisory lock on PostgreSQL, the one
 * connection on SQLite), so a busy pull feed costs one short transaction per burst, not one per
 * read, and the chain stays a single line across server instances.
 */
export class AccessLogWriter {
  private readonly batches = createWriteQueue<NewAccessEntry[], number>({
    write: (batch) => this.db.transaction().execute((trx) => this.write(trx, batch)),
    // Whole requests, up to MAX_BATCH entries (one request's entries may exceed it alone).
    take: (queued) => {
      let n = 0;
      let size = 0;
      while (n < queued.length && (n === 0 || size + queued[n]!.length <= MAX_BATCH)) size += queued[n++]!.length;
      return n;
    },
  });

  /** db: the store's writers (store.writer), so that on PostgreSQL a batch shares its round trips. */
  constructor(private readonly db: Kysely<Database>, private readonly engine: Engine) {}

  /** Appends the entries; entries whose id is already in the log are skipped. Resolves with how many were new. */
  append(entries: NewAccessEntry[]): Promise<number> {
    if (entries.length === 0) return Promise.resolve(0);
    return this.batches.push(entries);
  }

  /** Resolves when everything queued so far is written (shutdown). */
  idle(): Promise<void> {
    return this.batches.idle();
  }

  private async write(trx: Transaction<Database>, batch: readonly NewAccessEntry[][]): Promise<number[]> {
    // On the writers' connection (app.ts) the lock travels with the BEGIN and the first read, and
    // the inserts with the COMMIT: a batch is two round trips (pg-write-client.ts).
    if (this.engine === 'postgres') await trx.executeQuery(heldBack(sql`select pg_advisory_xact_lock(${ACCESS_LOG_LOCK})`.compile(trx)));
    const ids = batch.flatMap((entries) => entries.map((e) => e.id).filter((id): id is string => !!id));
    const seen = new Set<string>();
    for (let i = 0; i < ids.length; i += 200) {
      const rows = await trx.selectFrom('access_log').select('id').where('id', 'in', ids.slice(i, i + 200)).execute();
      for (const r of rows) seen.add(r.id);
    }
    const last = await trx.selectFrom('access_log').select(['seq', 'hash']).orderBy('seq', 'desc').limit(1).executeTakeFirst();
    let seq = last ? num(last.seq) : 0;
    let prev = last?.hash ?? GENESIS_HASH;
    const rows: AccessLogTable[] = [];
    const counts = batch.map((entries) => {
      let recorded = 0;
      for (const e of entries) {
        const id = e.id ?? randomUUID();
        if (seen.has(id)) continue;
        seen.add(id);
        const base = {
          id,
          at: e.at,
          actor_id: e.actorId,
          actor_name: e.actorName,
          ip: e.ip,
          desk_id: e.deskId,
          action: e.action,
          entity: e.entity,
          record_id: e.recordId,
          subject_hash: e.subject?.hash ?? null,
          subject_display: e.subject?.display ?? null,
          reason: e.reason,
          rows: e.rows,
        };
        const hash = entryHash(prev, base);
        seq += 1;
        rows.push({ seq, ...base, prev_hash: prev, hash });
        prev = hash;
        recorded += 1;
      }
      return recorded;
    });
    for (let i = 0; i < rows.length; i += 50) {
      await executeLater(trx, trx.insertInto('access_log').values(rows.slice(i, i + 50)).compile());
    }
    return counts;
  }
}

/**
 * Walks the whole chain in seq order. The oldest kept entry is the anchor (entries older than
 * the retention period are destroyed from the front), every later one must link to it.
 */
export async function verifyChain(db: Kysely<Database>): Promise<{ ok: boolean; entries: number; brokenAt?: string }> {
  let entries = 0;
  let prev: string | null = null;
  let after = -1;
  for (;;) {
    const rows = await db.selectFrom('access_log').selectAll().where('seq', '>', after).orderBy('seq').limit(1000).execute();
    if (rows.length === 0) break;
    for (const r of rows) {
      const { seq: _seq, hash, prev_hash, ...fields } = r;
      const linked = prev === null || prev_hash === prev;
      const rows_ = fields.rows === null ? null : num(fields.rows);
      if (!linked || entryHash(prev_hash, { ...fields, rows: rows_ }) !== hash) return { ok: false, entries, brokenAt: r.id };
      prev = hash;
      entries += 1;
    }
    after = num(rows.at(-1)!.seq);
  }
  return { ok: true, entries };
}
