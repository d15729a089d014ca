import { chmod, open, rename, stat } from 'node:fs/promises';
// SQLCipher: node-sqlite3's API over an encrypted SQLite. Pages of the database, its WAL and its
// journal are encrypted with the key; without a key the file is a plain SQLite database.
import sqlite3 from '@journeyapps/sqlcipher';
import { MIGRATIONS, type Migration } from './migrations/index.js';

export type SqlValue = string | number | bigint | null | Buffer;
export type SqlParams = readonly SqlValue[] | Record<string, SqlValue>;

/** Statements that run inside one transaction, on the store's single connection. */
export interface StoreTx {
  run(sql: string, params?: SqlParams): Promise<{ changes: number; lastID: number }>;
  get<T>(sql: string, params?: SqlParams): Promise<T | undefined>;
  all<T>(sql: string, params?: SqlParams): Promise<T[]>;
  exec(sql: string): Promise<void>;
}

export interface Store extends StoreTx {
  /**
   * Runs `fn` in BEGIN IMMEDIATE … COMMIT. Everything on the store is serialised on one
   * connection, so no other statement can interleave with a transaction; a throw rolls back.
   */
  transaction<T>(fn: (tx: StoreTx) => Promise<T>): Promise<T>;
  close(): Promise<void>;
  readonly file: string;
  /** The schema version after migrations. */
  readonly version: number;
}

export interface OpenStoreOptions {
  /** Told when a damaged file was moved aside and a fresh store created. */
  onWarning?: (message: string) => void;
  /** Migrations to run (tests build earlier versions with a prefix of the list). */
  migrations?: readonly Migration[];
  now?: () => Date;
  /**
   * The 256-bit replica key (SQLCipher raw key). With a key, a file that does not decrypt is a
   * wrong key (StoreKeyError), never "corrupt": it is not moved aside.
   */
  key?: Buffer;
}

/** The file exists but does not open with this key. */
export class StoreKeyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StoreKeyError';
  }
}

/** A database file that cannot be used (corrupt, not a database, written by a newer app). */
export class StoreOpenError extends Error {
  constructor(message: string, override readonly cause?: unknown) {
    super(message);
    this.name = 'StoreOpenError';
  }
}

const CORRUPTION_CODES = new Set(['SQLITE_CORRUPT', 'SQLITE_NOTADB']);

function isCorruption(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && CORRUPTION_CODES.has(code);
}

function openDatabase(file: string): Promise<sqlite3.Database> {
  return new Promise((resolve, reject) => {
    const db = new sqlite3.Database(file, sqlite3.OPEN_READWRITE | sqlite3.OPEN_CREATE, (err) => (err ? reject(err) : resolve(db)));
  });
}

function bind(params: SqlParams | undefined): unknown[] | Record<string, unknown> {
  if (params === undefined) return [];
  return Array.isArray(params) ? [...params] : (params as Record<string, unknown>);
}

const STATEMENT_CACHE_SIZE = 256;

function rawOps(db: sqlite3.Database): StoreTx & { close(): Promise<void> } {
  // Compiling SQL costs more than running it for the small statements sync issues by the
  // thousand, so prepared statements are kept per SQL text (bounded, oldest dropped first).
  const statements = new Map<string, sqlite3.Statement>();
  const prepared = (sql: string): Promise<sqlite3.Statement> => {
    const hit = statements.get(sql);
    if (hit) return Promise.resolve(hit);
    return new Promise((resolve, reject) => {
      const stmt = db.prepare(sql, (err) => {
        if (err) return reject(err);
        statements.set(sql, stmt);
        if (statements.size > STATEMENT_CACHE_SIZE) {
          const [oldestSql, oldest] = statements.entries().next().value as [string, sqlite3.Statement];
          statements.delete(oldestSql);
          oldest.finalize();
        }
        resolve(stmt);
      });
    });
  };
  return {
    run: async (sql, params) => {
      const stmt = await prepared(sql);
      return new Promise((resolve, reject) => {
        stmt.run(bind(params), function (this: sqlite3.RunResult, err: Error | null) {
          if (err) reject(err);
          else resolve({ changes: this.changes, lastID: this.lastID });
        });
      });
    },
    get: async <T>(sql: string, params?: SqlParams) => {
      const stmt = await prepared(sql);
      return new Promise<T | undefined>((resolve, reject) => {
        // A stepped-but-unfinished statement keeps a read open (and blocks COMMIT): reset it.
        stmt.get(bind(params), (err: Error | null, row: T | undefined) => {
          stmt.reset(() => (err ? reject(err) : resolve(row)));
        });
      });
    },
    all: async <T>(sql: string, params?: SqlParams) => {
      const stmt = await prepared(sql);
      return new Promise<T[]>((resolve, reject) => {
        stmt.all(bind(params), (err: Error | null, rows: T[]) => (err ? reject(err) : resolve(rows)));
      });
    },
    exec: (sql) => new Promise<void>((resolve, reject) => db.exec(sql, (err) => (err ? reject(err) : resolve()))),
    close: async () => {
      for (const stmt of statements.values()) await new Promise<void>((r) => stmt.finalize(() => r()));
      statements.clear();
      await new Promise<void>((resolve, reject) => db.close((err) => (err ? reject(err) : resolve())));
    },
  };
}

/** One lock for the single connection: each task (a statement or a whole transaction) runs alone. */
function createSerialQueue() {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(task: () => Promise<T>): Promise<T> => {
    const result = tail.then(task, task);
    tail = result.catch(() => undefined);
    return result;
  };
}

async function applyKey(ops: StoreTx, key: Buffer | undefined): Promise<void> {
  if (!key) return;
  if (key.length !== 32) throw new StoreOpenError('replica key must be 32 bytes');
  // A raw key (x'…' hex) skips SQLCipher's own PBKDF2: the key is already random, and the
  // password-derived part is scrypt in the vault. PRAGMA takes no parameters; the hex is ours.
  await ops.exec(`PRAGMA key = "x'${key.toString('hex')}'"`);
  // Temporary tables and sort spills stay in memory, never in a plain temp file.
  await ops.exec('PRAGMA temp_store = MEMORY');
}

async function configure(ops: StoreTx): Promise<void> {
  // WAL lets the UI read while sync writes; FULL because the file holds what counsellors typed.
  await ops.exec('PRAGMA busy_timeout = 5000');
  await ops.get('PRAGMA journal_mode = WAL');
  await ops.exec('PRAGMA synchronous = FULL');
  await ops.exec('PRAGMA foreign_keys = ON');
  // Reading the schema and a quick check surface a damaged file now, not mid-shift.
  const check = await ops.get<{ quick_check: string }>('PRAGMA quick_check(1)');
  if (check && check.quick_check !== 'ok') {
    const err = new Error(`quick_check: ${check.quick_check}`) as Error & { code: string };
    err.code = 'SQLITE_CORRUPT';
    throw err;
  }
}

async function migrate(ops: StoreTx, migrations: readonly Migration[]): Promise<number> {
  const row = await ops.get<{ user_version: number }>('PRAGMA user_version');
  const current = row?.user_version ?? 0;
  const latest = migrations.length === 0 ? 0 : migrations[migrations.length - 1]!.version;
  if (current > latest) {
    throw new StoreOpenError(
      `로컬 데이터 파일이 더 새로운 버전(${current})의 프로그램으로 만들어졌습니다. 최신 버전을 설치하세요. ` +
        `(local store schema ${current} is newer than this app's ${latest})`,
    );
  }
  for (const m of migrations) {
    if (m.version <= current) continue;
    await ops.exec('BEGIN IMMEDIATE');
    try {
      await m.up(ops);
      // PRAGMA takes no parameters; the version is a number from our own code.
      await ops.exec(`PRAGMA user_version = ${Math.trunc(m.version)}`);
      await commitWithRetry(ops);
    } catch (err) {
      await ops.exec('ROLLBACK').catch(() => undefined);
      throw new StoreOpenError(`로컬 저장소 마이그레이션 ${m.version} (${m.name}) 실패: ${(err as Error).message}`, err);
    }
  }
  return latest;
}

/**
 * SQLite leaves a transaction open when COMMIT answers SQLITE_BUSY and documents that the COMMIT
 * may simply be retried. Seen intermittently on a loaded machine right after a fresh file was
 * switched to WAL; a bounded retry beats failing the whole start-up.
 */
export async function commitWithRetry(ops: StoreTx, attempts = 8): Promise<void> {
  for (let i = 1; ; i += 1) {
    try {
      await ops.exec('COMMIT');
      return;
    } catch (err) {
      if ((err as { code?: string }).code !== 'SQLITE_BUSY' || i >= attempts) throw err;
      await new Promise((r) => setTimeout(r, 25 * i));
    }
  }
}

async function moveAside(file: string, now: Date): Promise<string> {
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  const aside = `${file}.corrupt-${stamp}`;
  await rename(file, aside);
  // The WAL and shared-memory files belong to the damaged database; keep them beside it.
  for (const suffix of ['-wal', '-shm']) {
    await rename(`${file}${suffix}`, `${aside}${suffix}`).catch(() => undefined);
  }
  return aside;
}

type RawOps = ReturnType<typeof rawOps>;

async function openAndMigrate(file: string, migrations: readonly Migration[], key: Buffer | undefined): Promise<{ ops: RawOps; version: number }> {
  // Created private before SQLite writes a byte; its WAL and -shm take the same mode.
  await open(file, 'a', 0o600).then((h) => h.close()).catch(() => undefined);
  const db = await openDatabase(file);
  const ops = rawOps(db);
  try {
    await applyKey(ops, key);
    try {
      // The first read decrypts page 1: a wrong key shows here as "file is not a database".
      await ops.get('SELECT count(*) AS n FROM sqlite_master');
    } catch (err) {
      if (key && isCorruption(err)) throw new StoreKeyError(`로컬 데이터 파일을 이 키로 열 수 없습니다 (${file})`);
      throw err;
    }
    await configure(ops);
    // Only this OS account may read the file (the WAL and -shm inherit the database's mode).
    await chmod(file, 0o600).catch(() => undefined);
    const version = await migrate(ops, migrations);
    return { ops, version };
  } catch (err) {
    await ops.close().catch(() => undefined);
    throw err;
  }
}

/**
 * Opens (creating if needed) the local store and brings its schema up to date. A corrupt or
 * unreadable file is renamed with a timestamp (never deleted), a fresh store is created and
 * `onWarning` is told where the old file went.
 */
export async function openStore(file: string, options: OpenStoreOptions = {}): Promise<Store> {
  const migrations = options.migrations ?? MIGRATIONS;
  const now = options.now ?? (() => new Date());
  let opened: { ops: RawOps; version: number };
  try {
    opened = await openAndMigrate(file, migrations, options.key);
  } catch (err) {
    if (err instanceof StoreKeyError) throw err;
    if (!isCorruption(err)) {
      if (err instanceof StoreOpenError) throw err;
      throw new StoreOpenError(`로컬 저장소를 열 수 없습니다 (${file}): ${(err as Error).message}`, err);
    }
    const exists = await stat(file).then(() => true, () => false);
    if (!exists) throw new StoreOpenError(`로컬 저장소를 열 수 없습니다 (${file}): ${(err as Error).message}`, err);
    const aside = await moveAside(file, now());
    options.onWarning?.(
      `로컬 데이터 파일이 손상되어 ${aside} 로 옮기고 새로 만들었습니다. 서버에서 다시 동기화합니다. ` +
        `(the local store was damaged: ${(err as Error).message}; moved aside to ${aside})`,
    );
    opened = await openAndMigrate(file, migrations, options.key);
  }
  const ops = opened.ops;
  const serial = createSerialQueue();
  let closed = false;
  const guard = <T>(task: () => Promise<T>): Promise<T> => {
    if (closed) return Promise.reject(new Error('로컬 저장소가 닫혔습니다 (store is closed)'));
    return serial(task);
  };
  return {
    file,
    version: opened.version,
    run: (sql, params) => guard(() => ops.run(sql, params)),
    get: <T>(sql: string, params?: SqlParams) => guard(() => ops.get<T>(sql, params)),
    all: <T>(sql: string, params?: SqlParams) => guard(() => ops.all<T>(sql, params)),
    exec: (sql) => guard(() => ops.exec(sql)),
    transaction: <T>(fn: (tx: StoreTx) => Promise<T>) =>
      guard(async () => {
        await ops.exec('BEGIN IMMEDIATE');
        try {
          const value = await fn(ops);
          await ops.exec('COMMIT');
          return value;
        } catch (err) {
          await ops.exec('ROLLBACK').catch(() => undefined);
          throw err;
        }
      }),
    close: async () => {
      if (closed) return;
      await serial(async () => {
        closed = true;
        await ops.close();
      });
    },
  };
}
