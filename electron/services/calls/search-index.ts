import type { Store } from '../store/index.js';

/**
 * Text search of call logs without reading every record: `calls_search` holds, per record, the
 * searchable fields folded the way matchesFilter folds them (whitespace removed, lower case),
 * joined by U+0001 so that a match cannot span two fields. Triggers on the replica table keep it
 * current whoever writes `call_logs` (the sync engine, tests, a future migration's copy), and it
 * is rebuilt when the service starts, so a row written while the triggers were missing is never
 * left out. The store owns the replica's migrations and has no feature hook, so this lives here.
 */

/** The record fields text search looks at; matchesFilter checks the same ones. */
export const SEARCH_FIELDS = ['callerName', 'need', 'notes', 'subTopic', 'agency', 'dong', 'callerPhone'] as const;

/** Every character JavaScript's \s matches: removed before matching, as fold() does. */
const WHITESPACE = [
  0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x20, 0xa0, 0x1680, 0x2000, 0x2001, 0x2002, 0x2003, 0x2004, 0x2005, 0x2006, 0x2007, 0x2008,
  0x2009, 0x200a, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000, 0xfeff,
];

/**
 * The only non-ASCII characters whose toLowerCase() contains an ASCII letter (İ -> i̇, Kelvin K -> k);
 * SQLite's lower() folds ASCII only, so these are mapped by hand (checked against every code point by the tests).
 */
export const LOWER_TO_ASCII: ReadonlyArray<[number, string]> = [[0x130, 'i'], [0x212a, 'k']];

function foldedBody(data: string): string {
  let expr = SEARCH_FIELDS.map((f) => `coalesce(json_extract(${data}, '$.${f}'), '')`).join(' || char(1) || ');
  for (const cp of WHITESPACE) expr = `replace(${expr}, char(${cp}), '')`;
  for (const [cp, to] of LOWER_TO_ASCII) expr = `replace(${expr}, char(${cp}), '${to}')`;
  return `lower(${expr})`;
}

const TABLE = 'calls_search';

/** Creates (or recreates) the index table and its triggers, and rebuilds it from the replica in one transaction. */
export async function ensureSearchIndex(store: Store): Promise<void> {
  const body = (row: string) => foldedBody(`${row}.data`);
  await store.transaction(async (tx) => {
    await tx.exec(`
      CREATE TABLE IF NOT EXISTS ${TABLE} (id TEXT PRIMARY KEY, body TEXT NOT NULL) WITHOUT ROWID;
      DROP TRIGGER IF EXISTS ${TABLE}_ai;
      DROP TRIGGER IF EXISTS ${TABLE}_au;
      DROP TRIGGER IF EXISTS ${TABLE}_ad;
      CREATE TRIGGER ${TABLE}_ai AFTER INSERT ON call_logs BEGIN
        INSERT OR REPLACE INTO ${TABLE} (id, body) VALUES (NEW.id, ${body('NEW')});
      END;
      CREATE TRIGGER ${TABLE}_au AFTER UPDATE ON call_logs BEGIN
        DELETE FROM ${TABLE} WHERE id = OLD.id;
        INSERT OR REPLACE INTO ${TABLE} (id, body) VALUES (NEW.id, ${body('NEW')});
      END;
      CREATE TRIGGER ${TABLE}_ad AFTER DELETE ON call_logs BEGIN
        DELETE FROM ${TABLE} WHERE id = OLD.id;
      END;
      DELETE FROM ${TABLE};
      INSERT INTO ${TABLE} (id, body) SELECT id, ${body('call_logs')} FROM call_logs;
    `);
  });
}

/** Folds case and spaces so that "기초 생활" finds "기초생활" (the in-memory match, and the index's query). */
export const foldText = (s: string): string => s.toLowerCase().replace(/\s+/g, '');

/**
 * Whether the index answers a folded query with a superset of the in-memory match: true for queries
 * of printable ASCII and Hangul, whose characters no other character lowercases to beyond those the
 * index maps. Anything else (Greek, full-width letters, …) is matched in memory only.
 */
export function indexCanAnswer(folded: string): boolean {
  return /^[\x20-\x7e\u1100-\u11ff\u3130-\u318f\uac00-\ud7a3]+$/.test(folded);
}

/** The SQL condition (on call_logs.id) that narrows to records whose folded text contains `folded`. */
export function textCondition(folded: string): { sql: string; params: string[] } {
  return { sql: `id IN (SELECT id FROM ${TABLE} WHERE instr(body, ?) > 0)`, params: [folded] };
}
