import sqlite3 from 'sqlite3';
import {
  CompiledQuery, SqliteAdapter, SqliteIntrospector, SqliteQueryCompiler,
  type DatabaseConnection, type DatabaseIntrospector, type Dialect, type DialectAdapter, type Driver,
  type Kysely, type QueryCompiler, type QueryResult,
} from 'kysely';

/**
 * Kysely over the asynchronous `sqlite3` package (kysely's own SqliteDialect wants the
 * synchronous better-sqlite3 API, and kysely-generic-sqlite needs Node 22). One connection;
 * a mutex hands it to one query or one whole transaction at a time, so transactions are
 * serialised and the change feed's seq = max + 1 is race-free on this engine.
 */
export interface Sqlite3DialectConfig {
  file: string;
  busyTimeoutMs?: number;
  /**
   * Called before a query or transaction takes the connection. The store throws from it when
   * code inside a transaction reaches for the database outside that transaction, which on one
   * connection would otherwise wait for itself forever.
   */
  beforeAcquire?: () => void;
}

export class Sqlite3Dialect implements Dialect {
  constructor(private readonly config: Sqlite3DialectConfig) {}
  createDriver(): Driver {
    return new Sqlite3Driver(this.config);
  }
  createQueryCompiler(): QueryCompiler {
    return new SqliteQueryCompiler();
  }
  createAdapter(): DialectAdapter {
    return new SqliteAdapter();
  }
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- Kysely's own signature
  createIntrospector(db: Kysely<any>): DatabaseIntrospector {
    return new SqliteIntrospector(db);
  }
}

class Mutex {
  #tail: Promise<void> = Promise.resolve();
  /** Resolves with the release function once every earlier holder has released. */
  lock(): Promise<() => void> {
    let release!: () => void;
    const next = new Promise<void>((resolve) => (release = resolve));
    const acquired = this.#tail.then(() => release);
    this.#tail = this.#tail.then(() => next);
    return acquired;
  }
}

function open(file: string): Promise<sqlite3.Database> {
  return new Promise((resolve, reject) => {
    const db = new sqlite3.Database(file, (err) => (err ? reject(err) : resolve(db)));
  });
}

class Sqlite3Driver implements Driver {
  #db: sqlite3.Database | null = null;
  #connection: Sqlite3Connection | null = null;
  #mutex = new Mutex();
  #release: (() => void) | null = null;
  #closing = false;

  constructor(private readonly config: Sqlite3DialectConfig) {}

  async init(): Promise<void> {
    this.#db = await open(this.config.file);
    this.#db.configure('busyTimeout', this.config.busyTimeoutMs ?? 5000);
    this.#connection = new Sqlite3Connection(this.#db);
    for (const pragma of ['journal_mode = WAL', 'synchronous = FULL', 'foreign_keys = ON']) {
      await this.#connection.executeQuery(CompiledQuery.raw(`pragma ${pragma}`));
    }
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    this.config.beforeAcquire?.();
    if (this.#closing) throw new Error('SQLite database is closed');
    const release = await this.#mutex.lock();
    if (this.#closing || !this.#connection) {
      // Kysely does not release a connection it failed to acquire: hand the mutex on ourselves.
      release();
      throw new Error('SQLite database is closed');
    }
    this.#release = release;
    return this.#connection;
  }

  async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('commit'));
  }
  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('rollback'));
  }
  async releaseConnection(): Promise<void> {
    const release = this.#release;
    this.#release = null;
    release?.();
  }
  async destroy(): Promise<void> {
    if (this.#closing) return;
    this.#closing = true;
    // Wait for whoever holds the connection to finish before closing it.
    const release = await this.#mutex.lock();
    const db = this.#db;
    const connection = this.#connection;
    this.#db = null;
    this.#connection = null;
    try {
      // SQLite refuses to close a connection with statements not finalized.
      await connection?.finalizeStatements();
      if (db) await new Promise<void>((resolve, reject) => db.close((err) => (err ? reject(err) : resolve())));
    } finally {
      release();
    }
  }
}

const WRITE_NODES = new Set(['InsertQueryNode', 'UpdateQueryNode', 'DeleteQueryNode']);

/**
 * Prepared statements kept per SQL text: Kysely writes the same text for every request of a
 * kind (the values travel apart), and db.run()/db.all() would parse and plan it again each
 * time, on the one connection every write waits for. Least recently used beyond this many.
 */
const STATEMENT_CACHE_SIZE = 256;

class Sqlite3Connection implements DatabaseConnection {
  /** In use order, the most recent last (a Map keeps insertion order). */
  #statements = new Map<string, Promise<sqlite3.Statement>>();

  constructor(private readonly db: sqlite3.Database) {}

  #prepared(sql: string): Promise<sqlite3.Statement> {
    const cached = this.#statements.get(sql);
    if (cached) {
      this.#statements.delete(sql);
      this.#statements.set(sql, cached);
      return cached;
    }
    const statement = new Promise<sqlite3.Statement>((resolve, reject) => {
      const stmt: sqlite3.Statement = this.db.prepare(sql, (err: Error | null) => (err ? reject(err) : resolve(stmt)));
    });
    this.#statements.set(sql, statement);
    // A statement that does not prepare (a syntax error) is not kept: the next call reports it again.
    statement.catch(() => this.#statements.delete(sql));
    if (this.#statements.size > STATEMENT_CACHE_SIZE) {
      const [oldest, evicted] = this.#statements.entries().next().value as [string, Promise<sqlite3.Statement>];
      this.#statements.delete(oldest);
      // Finalizing waits for the statement's queued runs (node-sqlite3 queues them per statement).
      void evicted.then((stmt) => stmt.finalize(), () => undefined);
    }
    return statement;
  }

  /** Finalizes every kept statement (before the connection closes). */
  async finalizeStatements(): Promise<void> {
    const statements = [...this.#statements.values()];
    this.#statements.clear();
    await Promise.all(statements.map((p) => p.then(
      (stmt) => new Promise<void>((resolve) => stmt.finalize(() => resolve())),
      () => undefined,
    )));
  }

  async executeQuery<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
    const { sql, parameters } = compiled;
    const node = compiled.query as { kind: string; returning?: unknown };
    const params = parameters.map((p) => (typeof p === 'boolean' ? (p ? 1 : 0) : p));
    const stmt = await this.#prepared(sql);
    if (WRITE_NODES.has(node.kind) && !node.returning) {
      return new Promise((resolve, reject) => {
        stmt.run(params, function (this: sqlite3.RunResult, err: Error | null) {
          if (err) return reject(err);
          resolve({ rows: [], numAffectedRows: BigInt(this.changes), insertId: BigInt(this.lastID) });
        });
      });
    }
    return new Promise((resolve, reject) => {
      stmt.all(params, (err: Error | null, rows: R[]) => (err ? reject(err) : resolve({ rows })));
    });
  }

  // eslint-disable-next-line require-yield
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('streaming queries are not supported by the sqlite3 dialect');
  }
}
