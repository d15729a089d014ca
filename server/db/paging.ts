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
