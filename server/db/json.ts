import type { z } from 'zod';

/**
 * A stored row whose JSON no longer matches its record's schema: written by an older version, or
 * changed by hand. It names the table and the row so that the row can be found and repaired.
 */
export class StoredRowError extends Error {
  constructor(readonly table: string, readonly rowId: string | null, detail: string) {
    super(`저장된 ${table} 행${rowId ? ` '${rowId}'` : ''} 이(가) 형식에 맞지 않습니다 (stored row does not match its schema): ${detail}`);
    this.name = 'StoredRowError';
  }
}

const idIn = (value: unknown): string | null =>
  typeof value === 'object' && value !== null && 'id' in value && typeof value.id === 'string' ? value.id : null;

/** JSON text of a row, not yet checked: for callers that validate it themselves right away. */
export function storedJson(text: string, table: string, rowId: string | null = null): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw new StoredRowError(table, rowId, `JSON: ${(err as Error).message}`);
  }
}

/**
 * Rows keep the full domain record as JSON text; the server is its only writer, and this parse is
 * the check that what it reads back is still that record. `rowId` defaults to the record's own id.
 * It costs about 1.3 µs a conversation and 0.9 µs a message over JSON.parse alone (500 conversations:
 * 1.43 ms against 0.78 ms, load 3.0); a list route's response schema checks the page again, but
 * only this check can say which row is wrong, so list reads keep it.
 */
export function parseStored<S extends z.ZodType>(schema: S, text: string, table: string, rowId: string | null = null): z.output<S> {
  return checkStored(schema, storedJson(text, table, rowId), table, rowId);
}

/** The schema check of parseStored, for a value already assembled from a row's columns. */
export function checkStored<S extends z.ZodType>(schema: S, value: unknown, table: string, rowId: string | null = null): z.output<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const detail = parsed.error.issues.slice(0, 3).map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
  throw new StoredRowError(table, rowId ?? idIn(value), detail);
}

export const toJson = (value: unknown): string => JSON.stringify(value);

/** PostgreSQL hands bigint/count columns back as strings. */
export const num = (v: number | string | bigint | null | undefined): number => (v == null ? 0 : Number(v));
