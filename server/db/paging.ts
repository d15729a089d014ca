import { sql, type SelectQueryBuilder } from 'kysely';
import { problems } from '../http/problem.js';

/** Keyset cursors: an opaque base64url of [sortKey, id]; stable while rows are inserted. */
export function encodeCursor(sortKey: string, id: string): string {
  return Buffer.from(JSON.stringify([sortKey, id])).toString('base64url');
}

export function decodeCursor(cursor: string | undefined): { sortKey: string; id: string } | null {
  if (!cursor) return null;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    const isKey = (v: unknown): v is string => typeof v === 'string' && v.length <= 200 && !v.includes('\u0000');
    if (Array.isArray(parsed) && parsed.length === 2 && isKey(parsed[0]) && isKey(parsed[1])) {
      return { sortKey: parsed[0], id: parsed[1] };
    }
  } catch {
    // fall through to the problem below
  }
  throw problems.badRequest('cursor 값이 잘못되었습니다. 이전 응답의 nextCursor 를 그대로 보내세요 (invalid cursor).');
}

/** Escapes LIKE wildcards so that a search for "50%" means the text "50%". */
export const likePattern = (q: string) => `%${q.toLowerCase().replace(/[\\%_]/g, (c) => '\\' + c)}%`;

/**
 * One page of a list ordered by (column, id), the keyset way every list route pages: rows after
 * the cursor, one extra row read to know whether a next page exists, and the cursor of the last.
 */
export async function keysetPage<DB, TB extends keyof DB, Row extends { id: string }>(
  query: SelectQueryBuilder<DB, TB, Row>,
  page: { column: string & keyof Row; order: 'asc' | 'desc'; cursor: string | undefined; limit: number },
): Promise<{ rows: Row[]; nextCursor: string | null }> {
  const after = decodeCursor(page.cursor);
  const col = sql.ref(page.column);
  const id = sql.ref('id');
  const past = page.order === 'desc' ? sql`<` : sql`>`;
  const filtered = after
    ? query.where(sql<boolean>`(${col} ${past} ${after.sortKey} or (${col} = ${after.sortKey} and ${id} ${past} ${after.id}))`)
    : query;
  const rows = await filtered.orderBy(col, page.order).orderBy(id, page.order).limit(page.limit + 1).execute();
  const items = rows.slice(0, page.limit);
  const last = items.at(-1);
  return { rows: items, nextCursor: rows.length > page.limit && last ? encodeCursor(String(last[page.column]), last.id) : null };
}
