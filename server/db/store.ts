import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import { Kysely, PostgresDialect, sql, type Transaction } from 'kysely';
import pg from 'pg';
import type { ChangeEntity } from '../../common/domain/index.js';
import type { DatabaseConfig } from '../config.js';
import { ChangeNotifier } from '../events/notifier.js';
import { pgChannelName, startPgListener, type ListenerLogger } from '../events/pg-listener.js';
import { CHANGE_FEED_LOCK } from './feed-lock.js';
import { migrateToLatest } from './migrate.js';
import type { Database } from './schema.js';
import { Sqlite3Dialect } from './sqlite-dialect.js';

export type Engine = DatabaseConfig['engine'];


/** What a write transaction may do besides plain queries. */
export interface WriteTx {
  trx: Transaction<Database>;
  /** One timestamp for everything this transaction writes. */
  now: string;
  actorId: string | null;
  /**
   * Takes the change feed's lock now (PostgreSQL; SQLite transactions are serial anyway): what
   * this transaction reads afterwards is what the previous writer committed. change() takes it
   * too, on first use.
   */
  lockFeed(): Promise<void>;
  /** Appends one change-feed row in this transaction; returns its seq. */
  change(entity: ChangeEntity, id: string, data: unknown): Promise<number>;
  /** Records the write in the audit log (who, what, when). */
  audit(action: string, entity: string, id: string, summary: string): Promise<void>;
}

export interface WriteOptions {
  /** Default true. */
  lockFeedFirst?: boolean;
}

export interface Store {
  db: Kysely<Database>;
  engine: Engine;
  notifier: ChangeNotifier;
  /**
   * Runs fn in one transaction; change-feed listeners hear about it after the commit. On
   * PostgreSQL the transaction takes the feed lock before fn runs, so that what fn reads is what
   * the previous writer committed (no lost updates, as on SQLite where writes are serial);
   * `lockFeedFirst: false` leaves that to fn (tx.lockFeed or the first tx.change).
   */
  write<T>(actorId: string | null, fn: (tx: WriteTx) => Promise<T>, opts?: WriteOptions): Promise<T>;
  latestSeq(): Promise<number>;
  close(): Promise<void>;
}

export const nowIso = (): string => new Date().toISOString();

function pgPool(url: string, schema: string | null): pg.Pool {
  return new pg.Pool({
    connectionString: url,
    max: 10,
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
  if (config.engine === 'postgres') {
    if (config.schema) await ensurePgSchema(config.url, config.schema);
    db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: pgPool(config.url, config.schema) }) });
  } else {
    await mkdir(path.dirname(config.file), { recursive: true });
    db = new Kysely<Database>({ dialect: new Sqlite3Dialect({ file: config.file, beforeAcquire: refuseNestedAccess }) });
  }
  try {
    await migrateToLatest(db, undefined, config.engine === 'postgres' ? (config.schema ?? 'public') : undefined);
  } catch (err) {
    await db.destroy();
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

  const store: Store = {
    db,
    engine,
    notifier,
    async write(actorId, fn, opts) {
      let lastSeq = 0;
      const result = await db.transaction().execute(async (trx) => {
        let nextSeq = 0;
        let locked = false;
        const tx: WriteTx = {
          trx,
          now: nowIso(),
          actorId,
          async lockFeed() {
            if (locked) return;
            // Serialise the feed's writers so seq order is commit order: a reader can never
            // see seq n+1 while n is still uncommitted. SQLite transactions already are serial.
            if (engine === 'postgres') await sql`select pg_advisory_xact_lock(${CHANGE_FEED_LOCK})`.execute(trx);
            locked = true;
          },
          async change(entity, id, data) {
            if (nextSeq === 0) {
              await tx.lockFeed();
              nextSeq = (await readLatestSeq(trx)) + 1;
            }
            const seq = nextSeq++;
            await trx
              .insertInto('changes')
              .values({ seq, entity, record_id: id, data: JSON.stringify(data), created_at: tx.now })
              .execute();
            lastSeq = seq;
            return seq;
          },
          async audit(action, entity, id, summary) {
            await trx
              .insertInto('audit_log')
              .values({ id: randomUUID(), at: tx.now, counsellor_id: actorId, action, entity, record_id: id, summary: summary.slice(0, 500) })
              .execute();
          },
        };
        if (opts?.lockFeedFirst !== false) await tx.lockFeed();
        const result = await insideWrite.run(true, () => fn(tx));
        // Other server instances on this database hear of it at commit (LISTEN/NOTIFY).
        if (engine === 'postgres' && lastSeq > 0) {
          await sql`select pg_notify(${channel}, ${String(lastSeq)})`.execute(trx);
        }
        return result;
      });
      if (lastSeq > 0) notifier.notify(lastSeq);
      return result;
    },
    latestSeq: () => readLatestSeq(db),
    async close() {
      await listener?.close();
      await db.destroy();
    },
  };
  notifier.notify(await store.latestSeq());
  return store;
}
