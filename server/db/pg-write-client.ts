import pg from 'pg';

/** Ends the last statement of a write transaction that commits in the same round trip (store.ts). */
export const INLINE_COMMIT = '; commit';

type QueryResult = pg.QueryResult<Record<string, unknown>>;

const answered = (command: string): QueryResult => ({ command, rowCount: 0, oid: 0, rows: [], fields: [] });

/** The result a multi-statement simple query stands for: its last statement's, BEGIN and COMMIT aside. */
function meaningful(result: QueryResult | QueryResult[]): QueryResult {
  if (!Array.isArray(result)) return result;
  const own = result.filter((r) => r.command !== 'BEGIN' && r.command !== 'COMMIT');
  return own.at(-1) ?? result.at(-1) ?? answered('EMPTY');
}

/**
 * The connection of the writers' pool on PostgreSQL. Each round trip costs a write system call
 * on both sides, and on this kind of machine that, not the database, was most of a reply's cost
 * (README, benchmarks). Two round trips of a Kysely transaction say nothing the next statement
 * cannot carry, and one is left over by store.ts's inline COMMIT:
 * - BEGIN is held back and sent in front of the transaction's first statement when that is a
 *   simple query (no parameters): "begin; select pg_advisory_xact_lock_shared(…)" is one trip.
 * - A statement ending in INLINE_COMMIT has committed the transaction itself; the COMMIT that
 *   Kysely sends after it is answered here, not sent.
 * A multi-statement query answers with its last statement's result (BEGIN and COMMIT aside), so
 * that "select bokji_append_changes(…) as last; commit" returns the seq. Everything else, and any
 * query with parameters or a callback, goes to node-postgres unchanged.
 */
export class PgWriteClient extends pg.Client {
  #beginHeld = false;
  #committedInline = false;

  constructor(config?: string | pg.ClientConfig) {
    super(config);
    const base = this.query.bind(this) as (text: string, values?: unknown[]) => Promise<QueryResult | QueryResult[]>;
    const plain = (args: unknown[]): args is [string] | [string, unknown[]] =>
      typeof args[0] === 'string' && args.length <= 2 && (args[1] === undefined || Array.isArray(args[1]));
    this.query = ((...args: unknown[]) => {
      if (!plain(args)) return (base as (...a: unknown[]) => unknown)(...args);
      const [text, values] = args;
      return this.#send(base, text.trim(), values ?? []);
    }) as pg.Client['query'];
  }

  async #send(base: (text: string, values?: unknown[]) => Promise<QueryResult | QueryResult[]>, text: string, values: unknown[]): Promise<QueryResult> {
    const lower = text.toLowerCase();
    if (lower === 'begin' && values.length === 0) {
      this.#beginHeld = true;
      this.#committedInline = false;
      return answered('BEGIN');
    }
    if (lower === 'commit' || lower === 'rollback') {
      // Nothing was begun yet, or the transaction already committed inline: nothing to end.
      if (this.#beginHeld || this.#committedInline) {
        this.#beginHeld = false;
        this.#committedInline = false;
        return answered(lower.toUpperCase());
      }
      return meaningful(await base(text, values));
    }
    let sent = text;
    if (this.#beginHeld) {
      this.#beginHeld = false;
      if (values.length === 0) sent = `begin; ${text}`;
      else await base('begin');
    }
    const result = meaningful(await base(sent, values));
    if (values.length === 0 && lower.endsWith(INLINE_COMMIT)) this.#committedInline = true;
    return result;
  }
}
