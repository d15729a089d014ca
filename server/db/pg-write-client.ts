import type { CompiledQuery } from 'kysely';
import pg from 'pg';
import pgUtils from 'pg/lib/utils.js';

/** Ends the last statement of a write transaction that commits in the same round trip (store.ts). */
export const INLINE_COMMIT = '; commit';

/** Marks a statement the writers' connection holds back and sends in front of the next one (heldBack()). */
const HOLD = '/* bokji:held */ ';

type QueryResult = pg.QueryResult<Record<string, unknown>>;

const answered = (command: string): QueryResult => ({ command, rowCount: 0, oid: 0, rows: [], fields: [] });

/** The result a multi-statement simple query stands for: its last statement's, BEGIN and COMMIT aside. */
function meaningful(result: QueryResult | QueryResult[]): QueryResult {
  if (!Array.isArray(result)) return result;
  const own = result.filter((r) => r.command !== 'BEGIN' && r.command !== 'COMMIT');
  return own.at(-1) ?? result.at(-1) ?? answered('EMPTY');
}

/**
 * A statement whose result the transaction never reads (an audit entry, a row it has already
 * decided to write), marked for the writers' connection to send in front of the transaction's
 * next statement or its COMMIT, in the same round trip and in the same order. Only for that
 * connection (store.ts's write(), WriteTx.later); a failure surfaces at the next statement and
 * rolls the whole transaction back.
 */
export const heldBack = (query: CompiledQuery): CompiledQuery => ({ ...query, sql: `${HOLD}${query.sql}` });

/** A value as a PostgreSQL literal, converted as node-postgres converts a parameter (prepareValue). */
function literal(value: unknown): string {
  const prepared = pgUtils.prepareValue(value);
  if (prepared === null) return 'null';
  if (Buffer.isBuffer(prepared)) return pg.escapeLiteral(`\\x${prepared.toString('hex')}`);
  return pg.escapeLiteral(prepared);
}

/**
 * The statement with its $n parameters written in as literals, so that it can share a simple
 * query with others. A quoted literal is untyped like a parameter of node-postgres (sent with
 * type 0), so PostgreSQL resolves both the same way from their context. $n inside a quoted string
 * or identifier is left alone (Kysely writes neither with one).
 */
export function inlineParameters(text: string, values: readonly unknown[]): string {
  if (values.length === 0) return text;
  let out = '';
  let quote: string | null = null;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quote) {
      if (ch === quote) quote = null;
      out += ch;
    } else if (ch === "'" || ch === '"') {
      quote = ch;
      out += ch;
    } else if (ch === '$' && /[0-9]/.test(text[i + 1] ?? '')) {
      let end = i + 1;
      while (/[0-9]/.test(text[end] ?? '')) end++;
      const n = Number(text.slice(i + 1, end));
      if (n < 1 || n > values.length) throw new Error(`inlineParameters: $${n} but ${values.length} parameters`);
      out += literal(values[n - 1]);
      i = end - 1;
    } else {
      out += ch;
    }
  }
  return out;
}

/**
 * The connection of the writers' pool on PostgreSQL. Each round trip costs a write system call
 * on both sides, and on this kind of machine that, not the database, was most of a reply's cost
 * (README, benchmarks). So statements whose answer nobody waits for travel with the next one:
 * - BEGIN is held back and sent in front of the transaction's first statement.
 * - A statement marked heldBack() is answered at once and sent in front of the next one (or the
 *   COMMIT), in order, so that whatever runs after it sees its effect.
 * - What goes with held statements is one simple query: its parameters are written in as
 *   literals (inlineParameters); it answers with its last statement's result.
 * - A statement ending in INLINE_COMMIT has committed the transaction itself; the COMMIT that
 *   Kysely sends after it is answered here, not sent.
 * Everything else, and any query with a callback or a config object, goes to node-postgres unchanged.
 */
export class PgWriteClient extends pg.Client {
  /** Statements held back, BEGIN first when the transaction has sent nothing yet. */
  #held: string[] = [];
  /** The server has seen this transaction's BEGIN. */
  #begun = false;
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
    // Only the short control statements are compared (not a whole insert lower-cased per call).
    const lower = text.length <= 8 ? text.toLowerCase() : '';
    if (lower === 'begin' && values.length === 0) {
      this.#held = ['begin'];
      this.#begun = false;
      this.#committedInline = false;
      return answered('BEGIN');
    }
    if (text.startsWith(HOLD)) {
      this.#held.push(inlineParameters(text.slice(HOLD.length), values));
      return answered('HELD');
    }
    if (lower === 'rollback' || lower === 'commit') {
      const held = this.#held;
      this.#held = [];
      if (this.#committedInline) {
        this.#committedInline = false;
        return answered(lower.toUpperCase());
      }
      // Nothing reached the server: nothing to end, and a rollback has nothing to undo.
      if (!this.#begun && (lower === 'rollback' || held.every((h) => h === 'begin'))) return answered(lower.toUpperCase());
      // A COMMIT that fails (a held statement refused) leaves #begun set: Kysely's ROLLBACK then goes out.
      const result = meaningful(await base(lower === 'rollback' ? text : [...held, text].join('; ')));
      this.#begun = false;
      return result;
    }
    let sent = text;
    let params = values;
    if (this.#held.length > 0) {
      sent = [...this.#held, inlineParameters(text, values)].join('; ');
      params = [];
      this.#held = [];
      this.#begun = true;
    }
    const result = meaningful(await base(sent, params));
    if (params.length === 0 && sent.slice(-INLINE_COMMIT.length).toLowerCase() === INLINE_COMMIT) {
      this.#committedInline = true;
      this.#begun = false;
    }
    return result;
  }
}
