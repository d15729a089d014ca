import { ONE_OPEN_CONVERSATION_INDEX } from './migrations/003-one-open-conversation.js';

/**
 * Whether a database error is the "one open conversation per citizen" index refusing a second
 * one (migration 003). PostgreSQL names the index; SQLite names the indexed column.
 */
export function isOpenConversationConflict(err: unknown): boolean {
  if (!err || typeof err !== 'object') return false;
  const e = err as { code?: unknown; constraint?: unknown; message?: unknown };
  if (e.code === '23505') return e.constraint === ONE_OPEN_CONVERSATION_INDEX;
  return e.code === 'SQLITE_CONSTRAINT' && typeof e.message === 'string' && e.message.includes('UNIQUE constraint failed: conversations.citizen_key');
}

/**
 * PostgreSQL gave up on the transaction because of another one (deadlock detected, or a
 * serialization failure): running it again is safe and will most likely succeed.
 */
export function isTransientConflict(err: unknown): boolean {
  const code = err && typeof err === 'object' ? (err as { code?: unknown }).code : undefined;
  return code === '40P01' || code === '40001';
}

/** A unique or primary-key violation on this table (a concurrent writer inserted the same key first). */
export function isUniqueViolation(err: unknown, table: string): boolean {
  if (!err || typeof err !== 'object') return false;
  const e = err as { code?: unknown; table?: unknown; message?: unknown };
  if (e.code === '23505') return e.table === table;
  return e.code === 'SQLITE_CONSTRAINT' && typeof e.message === 'string' && e.message.includes(`constraint failed: ${table}.`);
}
