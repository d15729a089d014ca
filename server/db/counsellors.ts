import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import { z } from 'zod';
import { Presence, type Counsellor, type Role } from '../../common/domain/index.js';
import { hashPassword } from '../auth/passwords.js';
import { tokenHash } from '../auth/tokens.js';
import { parseStored } from './json.js';
import type { CounsellorsTable, Database } from './schema.js';
import type { WriteTx } from './store.js';

export const toCounsellor = (row: CounsellorsTable): Counsellor => ({
  id: row.id,
  username: row.username,
  displayName: row.display_name,
  role: row.role as Role,
  active: row.active === 1 || (row.active as unknown) === true,
  presence: Presence.catch('offline').parse(row.presence),
  presenceSince: row.presence_since,
});

export async function findCounsellorByUsername(db: Kysely<Database> | Transaction<Database>, username: string) {
  return db.selectFrom('counsellors').selectAll().where('username', '=', username).executeTakeFirst();
}

export async function findCounsellor(db: Kysely<Database> | Transaction<Database>, id: string): Promise<Counsellor | null> {
  const row = await db.selectFrom('counsellors').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toCounsellor(row) : null;
}

export async function listCounsellors(db: Kysely<Database>): Promise<Counsellor[]> {
  const rows = await db.selectFrom('counsellors').selectAll().orderBy('username').execute();
  return rows.map(toCounsellor);
}

export interface NewCounsellor {
  id?: string;
  username: string;
  displayName: string;
  role: Role;
  password: string;
  active?: boolean;
  /** An account an admin creates must get a new password from its owner at first login. */
  mustChangePassword?: boolean;
}

export async function insertCounsellor(tx: WriteTx, input: NewCounsellor): Promise<Counsellor> {
  const row: CounsellorsTable = {
    id: input.id ?? randomUUID(),
    username: input.username,
    display_name: input.displayName,
    role: input.role,
    active: input.active === false ? 0 : 1,
    password_hash: await hashPassword(input.password),
    created_at: tx.now,
    updated_at: tx.now,
    must_change_password: input.mustChangePassword ? 1 : 0,
    failed_logins: 0,
    locked_until: null,
    password_history: '[]',
    presence: 'offline',
    presence_since: null,
    presence_source: null,
    presence_before_call: null,
    last_seen_at: null,
    last_assigned_at: null,
  };
  await tx.trx.insertInto('counsellors').values(row).execute();
  const counsellor = toCounsellor(row);
  await tx.change('counsellor', counsellor.id, counsellor);
  await tx.audit('create', 'counsellor', counsellor.id, `${counsellor.username} (${counsellor.role})`);
  return counsellor;
}

export interface CounsellorChanges {
  displayName?: string;
  role?: Role;
  active?: boolean;
  password?: string;
}

export async function updateCounsellor(tx: WriteTx, id: string, changes: CounsellorChanges): Promise<Counsellor | null> {
  const set: Partial<CounsellorsTable> = { updated_at: tx.now };
  if (changes.displayName !== undefined) set.display_name = changes.displayName;
  if (changes.role !== undefined) set.role = changes.role;
  if (changes.active !== undefined) set.active = changes.active ? 1 : 0;
  if (changes.password !== undefined) {
    // Reset by an admin: the owner must choose their own at the next login.
    set.password_hash = await hashPassword(changes.password);
    set.must_change_password = 1;
    set.failed_logins = 0;
    set.locked_until = null;
  }
  const result = await tx.trx.updateTable('counsellors').set(set).where('id', '=', id).executeTakeFirst();
  if (Number(result.numUpdatedRows) === 0) return null;
  // A deactivated account or a new password ends every session of that account.
  if (changes.active === false || changes.password !== undefined) {
    await tx.trx.deleteFrom('auth_tokens').where('counsellor_id', '=', id).execute();
  }
  // A deactivated account is nobody's desk: 오프라인, and never picked by automatic assignment.
  if (changes.active === false) {
    await tx.trx.updateTable('counsellors').set({ presence: 'offline', presence_source: 'deactivated', presence_since: tx.now }).where('id', '=', id).execute();
  }
  const row = await tx.trx.selectFrom('counsellors').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const counsellor = toCounsellor(row);
  await tx.change('counsellor', id, counsellor);
  const fields = Object.keys(changes).filter((k) => k !== 'password');
  await tx.audit('update', 'counsellor', id, `${counsellor.username}: ${[...fields, ...(changes.password ? ['password'] : [])].join(', ')}`);
  return counsellor;
}

export type TokenLookup =
  | { kind: 'ok'; counsellor: Counsellor; mustChangePassword: boolean }
  | { kind: 'idle' }
  | { kind: 'unknown' };

/** last_used_at is rewritten at most this often: idle expiry needs minutes, not every request. */
const TOUCH_EVERY_MS = 60_000;

/**
 * The signed-in counsellor behind a bearer token, if the token is known, unexpired, used within
 * the idle timeout and its account active. An idle token is deleted: it cannot come back.
 */
export async function counsellorForToken(db: Kysely<Database>, token: string, now: string, idleMs: number): Promise<TokenLookup> {
  const hash = tokenHash(token);
  const row = await db
    .selectFrom('auth_tokens')
    .innerJoin('counsellors', 'counsellors.id', 'auth_tokens.counsellor_id')
    .selectAll('counsellors')
    .select(['auth_tokens.created_at as token_created_at', 'auth_tokens.last_used_at'])
    .where('auth_tokens.token_hash', '=', hash)
    .where('auth_tokens.expires_at', '>', now)
    .executeTakeFirst();
  if (!row) return { kind: 'unknown' };
  const counsellor = toCounsellor(row);
  if (!counsellor.active) return { kind: 'unknown' };
  const lastUsed = Date.parse(row.last_used_at ?? row.token_created_at);
  const at = Date.parse(now);
  if (at - lastUsed > idleMs) {
    await db.deleteFrom('auth_tokens').where('token_hash', '=', hash).execute();
    return { kind: 'idle' };
  }
  if (at - lastUsed > Math.min(TOUCH_EVERY_MS, idleMs / 10)) {
    await db.updateTable('auth_tokens').set({ last_used_at: now }).where('token_hash', '=', hash).execute();
  }
  return { kind: 'ok', counsellor, mustChangePassword: Number(row.must_change_password) === 1 };
}

/** A new session: its token row; a successful sign-in also clears the failure count and the account's expired tokens. */
export async function openSession(tx: WriteTx, counsellorId: string, hash: string, expiresAt: string): Promise<void> {
  await tx.trx
    .insertInto('auth_tokens')
    .values({ token_hash: hash, counsellor_id: counsellorId, created_at: tx.now, expires_at: expiresAt, last_used_at: tx.now })
    .execute();
  await tx.trx.updateTable('counsellors').set({ failed_logins: 0, locked_until: null }).where('id', '=', counsellorId).execute();
  // Expired tokens of this account are of no use to anyone.
  await tx.trx.deleteFrom('auth_tokens').where('counsellor_id', '=', counsellorId).where('expires_at', '<=', tx.now).execute();
}

/** Counts one wrong password and returns the new count (one statement, so concurrent failures all count). */
export async function countFailedLogin(tx: WriteTx, id: string): Promise<{ failedLogins: number; username: string }> {
  await tx.trx.updateTable('counsellors').set((eb) => ({ failed_logins: eb('failed_logins', '+', 1) })).where('id', '=', id).execute();
  const row = await tx.trx.selectFrom('counsellors').select(['failed_logins', 'username']).where('id', '=', id).executeTakeFirstOrThrow();
  return { failedLogins: Number(row.failed_logins), username: row.username };
}

export async function lockAccount(tx: WriteTx, id: string, until: string): Promise<void> {
  await tx.trx.updateTable('counsellors').set({ locked_until: until, failed_logins: 0 }).where('id', '=', id).execute();
}

/** Lifts a lock from repeated failed logins; null when there is no such account. */
export async function unlockCounsellor(tx: WriteTx, id: string): Promise<Counsellor | null> {
  const result = await tx.trx
    .updateTable('counsellors')
    .set({ locked_until: null, failed_logins: 0, updated_at: tx.now })
    .where('id', '=', id)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) === 0) return null;
  await tx.audit('unlock', 'counsellor', id, 'unlocked by admin');
  return findCounsellor(tx.trx, id);
}

/** counsellors.password_history: the previous hashes, newest first. */
const PasswordHistory = z.array(z.string());

/** What a password change checks against: the username, the current hash and the kept history. */
export async function passwordRecord(q: Kysely<Database> | Transaction<Database>, id: string): Promise<{ username: string; hash: string; history: string[] }> {
  const row = await q.selectFrom('counsellors').select(['username', 'password_hash', 'password_history']).where('id', '=', id).executeTakeFirstOrThrow();
  return { username: row.username, hash: row.password_hash, history: parseStored(PasswordHistory, row.password_history || '[]', 'counsellors', id) };
}

/** Sets the new hash and history; every other session of the account (opened with the old password) ends. */
export async function changePassword(tx: WriteTx, id: string, hash: string, history: string[], keepTokenHash: string | null): Promise<void> {
  await tx.trx
    .updateTable('counsellors')
    .set({ password_hash: hash, password_history: JSON.stringify(history), must_change_password: 0, updated_at: tx.now })
    .where('id', '=', id)
    .execute();
  await tx.trx.deleteFrom('auth_tokens').where('counsellor_id', '=', id).where('token_hash', '!=', keepTokenHash ?? '').execute();
}

/** Ends one session; returns whether the account still has another unexpired one. */
export async function endSession(tx: WriteTx, counsellorId: string, hash: string | null): Promise<boolean> {
  if (hash) await tx.trx.deleteFrom('auth_tokens').where('token_hash', '=', hash).execute();
  const other = await tx.trx.selectFrom('auth_tokens').select('token_hash').where('counsellor_id', '=', counsellorId).where('expires_at', '>', tx.now).executeTakeFirst();
  return other !== undefined;
}
