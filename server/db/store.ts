import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import { CompiledQuery, Kysely, PostgresAdapter, PostgresDialect, sql, type Compilable, type Transaction } from 'kysely';
import pg from 'pg';
import type { ChangeEntity } from '../../common/domain/index.js';
import type { DatabaseConfig } from '../config.js';
import { ChangeNotifier } from '../events/notifier.js';
import { pgChannelName, startPgListener, type ListenerLogger } from '../events/pg-listener.js';
import { CHANGE_FEED_LOCK, WRITERS_LOCK } from './feed-lock.js';
import { migrateToLatest } from './migrate.js';
import { createWriteQueue } from './write-queue.js';
import { heldBack, INLINE_COMMIT, PgWriteClient } from './pg-write-client.js';
import type { Database } from './schema.js';
import { Sqlite3Dialect } from './sqlite-dialect.js';
import { isTransientConflict } from './unique-violation.js';

/** How often write() runs a transaction that PostgreSQL aborted for a deadlock or serialization failure. */
const TRANSIENT_ATTEMPTS = 3;
/**
 * SQLite group commit: how long the first write of a batch waits for companions, and how many
 * writes one transaction (one fsync) serves at most.
 */
const GROUP_COMMIT_WAIT_MS = 2;
const GROUP_COMMIT_MAX = 64;

export type Engine = DatabaseConfig['engine'];


/** What a write transaction may do besides plain queries. */
export interface WriteTx {
  trx: Transaction<Database>;
  /** One timestamp for everything this transaction writes. */
  now: string;
  actorId: string | null;
  /**
   * Takes the change feed's lock now (PostgreSQL; SQLite transactions are serial anyway). Rarely
   * needed: write() takes it by itself just before COMMIT to number the feed rows.
   */
  lockFeed(): Promise<void>;
  /**
   * Queues one change-feed row; it is numbered and inserted just before COMMIT, under the feed
   * lock, so that seq order is commit order.
   */
  change(entity: ChangeEntity, id: string, data: unknown): Promise<void>;
  /** Records the write in the audit log (who, what, when). */
  audit(action: string, entity: string, id: string, summary: string): Promise<void>;
  /**
   * Runs a write whose result this transaction does not read. On PostgreSQL it travels with the
   * transaction's next statement or its COMMIT, in the same round trip and in order, so that what
   * runs after it sees it (pg-write-client.ts); its failure surfaces there and rolls the whole
   * write back. Not for a statement whose error the caller handles (a unique violation it
   * turns into a 409): that one must run on its own.
   */
  later(query: Compilable): Promise<void>;
}

export interface WriteOptions {
  /**
   * Default true: the transaction runs alone among the writers (PostgreSQL: an exclusive
   * advisory lock from its first statement), so whatever it reads is what the previous writer
   * committed. false: it runs beside other such writers (a shared lock) and protects what it
   * reads and then rewrites with row locks (SELECT … FOR UPDATE, see lockingRead); only the
   * feed numbering at the end is serial. The hot paths (reply, webhook, delivery) use false.
   */
  lockFeedFirst?: boolean;
}

export interface Store {
  /** Reads (and writes that run outside write(), such as the access log's appender). */
  db: Kysely<Database>;
  /**
   * Where write() runs its transactions. On PostgreSQL a pool of its own, so that a burst of
   * pulls, lists and SSE catch-ups never leaves a writer queueing for a connection, and writers
   * waiting for the feed lock never leave a reader without one. On SQLite the same as db.
   */
  writer: Kysely<Database>;
  engine: Engine;
  notifier: ChangeNotifier;
  /**
   * Runs fn in one transaction; change-feed listeners hear about it after the commit. The feed
   * lock is taken only to number and insert the change rows right before COMMIT (the critical
   * section is short); see WriteOptions for how fn's reads are kept consistent. On PostgreSQL a
   * deadlock or serialization failure re-runs fn (it only touches the database).
   */
  write<T>(actorId: string | null, fn: (tx: WriteTx) => Promise<T>, opts?: WriteOptions): Promise<T>;
  latestSeq(): Promise<number>;
  /** Transactions write() has committed so far (SQLite: one per batch; for tests and benchmarks). */
  commits(): number;
  close(): Promise<void>;
}

/**
 * Inside a write transaction on PostgreSQL, a read of a row the transaction will rewrite takes
 * its row lock (SELECT … FOR UPDATE), so that concurrent writers of that row queue instead of
 * losing an update. Elsewhere (SQLite, plain reads) the query is unchanged.
 */
export function lockingRead(q: Kysely<Database> | Transaction<Database>): boolean {
  return q.isTransaction && q.getExecutor().adapter instanceof PostgresAdapter;
}

/**
 * Runs a statement whose result the write never reads. On PostgreSQL's writers' connection it
 * travels with the next statement or the COMMIT (pg-write-client.ts); elsewhere it runs now.
 */
export async function executeLater(trx: Transaction<Database>, query: CompiledQuery): Promise<void> {
  await trx.executeQuery(trx.getExecutor().adapter instanceof PostgresAdapter ? heldBack(query) : query);
}

export const nowIso = (): string => new Date().toISOString();

/** Connections per pool: readers have one pool of this size, writers another. */
export const PG_POOL_SIZE = 10;

function pgPool(url: string, schema: string | null, Client: typeof pg.Client = pg.Client): pg.Pool {
  return new pg.Pool({
    Client,
    connectionString: url,
    max: PG_POOL_SIZE,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
}

async function ensurePgSchema(url: string, schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`create schema if not exists "${schema}"`);
  } finally {
    await client.end();
  }
}

/** Marks code running inside a write transaction (see Sqlite3DialectConfig.beforeAcquire). */
const insideWrite = new AsyncLocalStorage<boolean>();

function refuseNestedAccess(): void {
  if (insideWrite.getStore()) {
    throw new Error('database used outside its transaction inside store.write(): use tx.trx (it would deadlock on SQLite)');
  }
}

export interface StoreOptions {
  /** Where the change listener reports dropped and restored connections. */
  logger?: ListenerLogger;
}

export async function openStore(config: DatabaseConfig, options: StoreOptions = {}): Promise<Store> {
  let db: Kysely<Database>;
  let writer: Kysely<Database>;
  if (config.engine === 'postgres') {
    if (config.schema) await ensurePgSchema(config.url, config.schema);
    db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: pgPool(config.url, config.schema) }) });
    writer = new Kysely<Database>({ dialect: new PostgresDialect({ pool: pgPool(config.url, config.schema, PgWriteClient) }) });
  } else {
    await mkdir(path.dirname(config.file), { recursive: true });
    db = new Kysely<Database>({ dialect: new Sqlite3Dialect({ file: config.file, beforeAcquire: refuseNestedAccess }) });
    writer = db;
  }
  const destroy = async () => {
    await db.destroy();
    if (writer !== db) await writer.destroy();
  };
  try {
    await migrateToLatest(db, undefined, config.engine === 'postgres' ? (config.schema ?? 'public') : undefined);
  } catch (err) {
    await destroy();
    throw err;
  }
  if (config.engine === 'sqlite') {
    // One process owns an embedded database: a claim still "in flight" at start belongs to a
    // request that died with the previous process, so the retry must not wait for it.
    await db.deleteFrom('idempotency_keys').where('state', '=', 'pending').execute();
  }
  const notifier = new ChangeNotifier();
  const engine = config.engine;
  const channel = config.engine === 'postgres' ? pgChannelName(config.schema) : '';
  const readLatestSeq = async (q: Kysely<Database> | Transaction<Database>): Promise<number> => {
    const row = await q.selectFrom('changes').select((eb) => eb.fn.max('seq').as('m')).executeTakeFirst();
    return row?.m == null ? 0 : Number(row.m);
  };
  const listener = config.engine === 'postgres'
    ? startPgListener({ url: config.url, schema: config.schema, notifier, latestSeq: () => readLatestSeq(db), ...(options.logger ? { logger: options.logger } : {}) })
    : null;

  let commits = 0;
  /**
   * Runs fn in trx and numbers and inserts its change rows; lastSeq is 0 when it wrote none.
   * feedHead: the feed's last seq inside this transaction when the caller knows it (SQLite's
   * batch: the writes before this one numbered theirs), saving a read per write.
   */
  const runInTrx = async <T>(trx: Transaction<Database>, actorId: string | null, fn: (tx: WriteTx) => Promise<T>, opts?: WriteOptions, feedHead?: number): Promise<{ result: T; lastSeq: number }> => {
    let lastSeq = 0;
    const pending: { entity: ChangeEntity; id: string; data: string }[] = [];
    let feedLocked = false;
    const tx: WriteTx = {
      trx,
      now: nowIso(),
      actorId,
      async lockFeed() {
        if (feedLocked) return;
        // Serialise the numbering of the feed so seq order is commit order: a reader can never
        // see seq n+1 while n is still uncommitted. SQLite transactions already are serial.
        if (engine === 'postgres') await sql`select pg_advisory_xact_lock(${CHANGE_FEED_LOCK})`.execute(trx);
        feedLocked = true;
      },
      async change(entity, id, data) {
        pending.push({ entity, id, data: JSON.stringify(data) });
      },
      async audit(action, entity, id, summary) {
        await tx.later(trx
          .insertInto('audit_log')
          .values({ id: randomUUID(), at: tx.now, counsellor_id: actorId, action, entity, record_id: id, summary: summary.slice(0, 500) }));
      },
      async later(query) {
        await executeLater(trx, query.compile());
      },
    };
    if (engine === 'postgres') {
      // Exclusive: alone among writers; shared: beside the other row-locking writers. It travels
      // with the BEGIN and the transaction's first statement (pg-write-client.ts).
      await trx.executeQuery(heldBack(CompiledQuery.raw(`select ${opts?.lockFeedFirst === false ? 'pg_advisory_xact_lock_shared' : 'pg_advisory_xact_lock'}(${WRITERS_LOCK})`)));
    }
    const result = await insideWrite.run(true, () => fn(tx));
    if (pending.length > 0 && engine === 'postgres') {
      // The critical section is one round trip: lock, number, insert, notify (other server
      // instances hear of it at commit) in bokji_append_changes (migration 009), and the COMMIT
      // in the same simple query. Were the COMMIT a round trip of its own, the feed lock would
      // be held while this process's event loop, busy with hundreds of desks, gets round to
      // sending it. (Kysely's own COMMIT after it is answered by the connection, pg-write-client.ts.)
      // A simple query takes no parameters: the values are escaped literals (pg.escapeLiteral).
      const list = (xs: string[]) => `array[${xs.map((x) => pg.escapeLiteral(x)).join(',')}]::text[]`;
      // The writers' connection (pg-write-client.ts) answers with the SELECT's row.
      const committed = await sql.raw<{ last: string }>(
        `select bokji_append_changes(${CHANGE_FEED_LOCK}, ${pg.escapeLiteral(channel)}, ${pg.escapeLiteral(tx.now)}, ` +
        `${list(pending.map((c) => c.entity))}, ${list(pending.map((c) => c.id))}, ${list(pending.map((c) => c.data))})::text as last${INLINE_COMMIT}`,
      ).execute(trx);
      lastSeq = Number(committed.rows[0]!.last);
    } else if (pending.length > 0) {
      const first = (feedHead ?? (await readLatestSeq(trx))) + 1;
      await trx
        .insertInto('changes')
        .values(pending.map((c, i) => ({ seq: first + i, entity: c.entity, record_id: c.id, data: c.data, created_at: tx.now })))
        .execute();
      lastSeq = first + pending.length - 1;
    }
    return { result, lastSeq };
  };

  const writeOnce = async <T>(actorId: string | null, fn: (tx: WriteTx) => Promise<T>, opts?: WriteOptions): Promise<{ result: T; lastSeq: number }> => {
    const out = await writer.transaction().execute((trx) => runInTrx(trx, actorId, fn, opts));
    commits++;
    return out;
  };

  // SQLite: every write goes through the one connection anyway, so concurrent writes share a
  // transaction and its fsync at COMMIT (synchronous=FULL is unchanged: nothing is acknowledged
  // before the COMMIT that makes it durable). Each write runs in a savepoint of its own, so one
  // that throws takes back only its own work.
  interface QueuedWrite {
    actorId: string | null;
    fn: (tx: WriteTx) => Promise<unknown>;
  }
  type Outcome = { ok: true; result: unknown } | { ok: false; error: unknown };
  const runBatch = async (batch: readonly QueuedWrite[]): Promise<Outcome[]> => {
    if (batch.length === 1) {
      // Alone in its transaction: the transaction's own rollback takes back a write that throws.
      const w = batch[0]!;
      try {
        const { result, lastSeq } = await writeOnce(w.actorId, w.fn);
        if (lastSeq > 0) notifier.notify(lastSeq);
        return [{ ok: true, result }];
      } catch (error) {
        return [{ ok: false, error }];
      }
    }
    const outcomes: Outcome[] = [];
    let lastSeq = 0;
    await writer.transaction().execute(async (trx) => {
      // The feed's head as the batch goes: read once, then carried from write to write.
      let head = await readLatestSeq(trx);
      for (const w of batch) {
        await sql`savepoint one_write`.execute(trx);
        try {
          const out = await runInTrx(trx, w.actorId, w.fn, undefined, head);
          await sql`release one_write`.execute(trx);
          if (out.lastSeq > 0) lastSeq = head = out.lastSeq;
          outcomes.push({ ok: true, result: out.result });
        } catch (error) {
          // Its change rows were inserted inside the savepoint too: the feed keeps no gap, and the head stays.
          await sql`rollback to one_write`.execute(trx);
          await sql`release one_write`.execute(trx);
          outcomes.push({ ok: false, error });
        }
      }
    });
    commits++;
    if (lastSeq > 0) notifier.notify(lastSeq);
    return outcomes;
  };
  // A failed COMMIT fails every write of its batch (createWriteQueue without isolation).
  const groupCommit = engine === 'sqlite'
    ? createWriteQueue<QueuedWrite, Outcome>({ write: runBatch, take: (queued) => Math.min(queued.length, GROUP_COMMIT_MAX), gatherMs: GROUP_COMMIT_WAIT_MS })
    : null;

  const store: Store = {
    db,
    writer,
    engine,
    notifier,
    async write<T>(actorId: string | null, fn: (tx: WriteTx) => Promise<T>, opts?: WriteOptions): Promise<T> {
      if (groupCommit) {
        // A write from inside a write would wait for the batch it is part of.
        refuseNestedAccess();
        const outcome = await groupCommit.push({ actorId, fn });
        if (!outcome.ok) throw outcome.error;
        return outcome.result as T;
      }
      for (let attempt = 1; ; attempt++) {
        try {
          const { result, lastSeq } = await writeOnce(actorId, fn, opts);
          if (lastSeq > 0) notifier.notify(lastSeq);
          return result;
        } catch (err) {
          if (!isTransientConflict(err) || attempt >= TRANSIENT_ATTEMPTS) throw err;
        }
      }
    },
    latestSeq: () => readLatestSeq(db),
    commits: () => commits,
    async close() {
      await groupCommit?.idle();
      await listener?.close();
      await destroy();
    },
  };
  notifier.notify(await store.latestSeq());
  return store;
}
