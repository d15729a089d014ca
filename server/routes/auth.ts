import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { PASSWORD_HISTORY, passwordRuleViolation } from '../../common/accounts/index.js';
import { LoginRequest, LoginResponse, MeResponse, PasswordChangeRequest } from '../../common/rest/contract.js';
import { decoyHash, hashPassword, verifyPassword } from '../auth/passwords.js';
import { newToken, tokenHash } from '../auth/tokens.js';
import { findCounsellorByUsername, toCounsellor } from '../db/counsellors.js';
import { parseStored } from '../db/json.js';
import { nowIso } from '../db/store.js';
import type { ServerDeps } from '../deps.js';
import { actor, bearerToken } from '../http/auth.js';
import { problems } from '../http/problem.js';

/** counsellors.password_history: the previous hashes, newest first. */
const PasswordHistory = z.array(z.string());
import { setPresence } from '../team/presence.js';

const WRONG_LOGIN = '아이디 또는 비밀번호가 올바르지 않습니다 (wrong user name or password).';

export const authRoutes: FastifyPluginAsyncZod<ServerDeps> = async (app, deps) => {
  const { store, config, accessLog, authFailures } = deps;

  app.post('/auth/login', {
    schema: { tags: ['auth'], summary: '로그인 (sign in; 423 while the account is locked)', body: LoginRequest, response: { 200: LoginResponse } },
    config: {
      public: true,
      rateLimit: {
        max: config.loginRatePerMinute,
        timeWindow: 60_000,
        // Counted per IP and user name, after the body is parsed.
        hook: 'preHandler',
        keyGenerator: (request) => {
          const body = request.body as { username?: unknown } | undefined;
          const username = typeof body?.username === 'string' ? body.username.trim().toLowerCase() : '';
          return `login:${request.ip}:${username}`;
        },
      },
    },
  }, async (request) => {
    const { username, password } = request.body;
    const wait = authFailures.blockedFor(request.ip);
    if (wait > 0) throw problems.tooManyFailures(wait);
    const row = await findCounsellorByUsername(store.db, username);
    const failed = async (counsellorId: string | null, name: string) => {
      authFailures.fail(request.ip);
      await accessLog.record(request, { action: 'login_failed', entity: 'counsellor', recordId: counsellorId, actor: { id: counsellorId, name } });
    };
    // A locked account says so even to the right password (the 423 tells the owner until when).
    if (row?.locked_until && row.locked_until > nowIso()) {
      await failed(row.id, row.display_name);
      throw problems.accountLocked(row.locked_until);
    }
    // Always spend one scrypt so that unknown user names take as long as wrong passwords.
    const ok = await verifyPassword(password, row?.password_hash ?? (await decoyHash()));
    if (!row || row.active !== 1) {
      await failed(null, username.slice(0, 64));
      throw problems.unauthorized(WRONG_LOGIN);
    }
    if (!ok) {
      const lockedUntil = await recordFailedLogin(row.id);
      await failed(row.id, row.display_name);
      if (lockedUntil) throw problems.accountLocked(lockedUntil);
      throw problems.unauthorized(WRONG_LOGIN);
    }
    const counsellor = toCounsellor(row);
    const token = newToken();
    const expiresAt = new Date(Date.now() + config.tokenTtlHours * 3_600_000).toISOString();
    await store.write(counsellor.id, async (tx) => {
      await tx.trx
        .insertInto('auth_tokens')
        .values({ token_hash: tokenHash(token), counsellor_id: counsellor.id, created_at: tx.now, expires_at: expiresAt, last_used_at: tx.now })
        .execute();
      await tx.trx.updateTable('counsellors').set({ failed_logins: 0, locked_until: null }).where('id', '=', counsellor.id).execute();
      // Expired tokens of this account are of no use to anyone.
      await tx.trx.deleteFrom('auth_tokens').where('counsellor_id', '=', counsellor.id).where('expires_at', '<=', tx.now).execute();
      await tx.audit('login', 'counsellor', counsellor.id, `login ${counsellor.username}`);
    }, { lockFeedFirst: false });
    await accessLog.record(request, { action: 'login', entity: 'counsellor', recordId: counsellor.id, actor: { id: counsellor.id, name: counsellor.displayName } });
    return { token, expiresAt, counsellor, mustChangePassword: Number(row.must_change_password) === 1, idleTimeoutMinutes: config.idleTimeoutMinutes };
  });

  /** Counts a wrong password; at the threshold the account locks. Returns the lock's end if it locked now. */
  async function recordFailedLogin(id: string): Promise<string | null> {
    return store.write(null, async (tx) => {
      // One statement, so concurrent failures all count.
      await tx.trx.updateTable('counsellors').set((eb) => ({ failed_logins: eb('failed_logins', '+', 1) })).where('id', '=', id).execute();
      const row = await tx.trx.selectFrom('counsellors').select(['failed_logins', 'username']).where('id', '=', id).executeTakeFirstOrThrow();
      if (Number(row.failed_logins) < config.lockout.threshold) return null;
      const until = new Date(Date.parse(tx.now) + config.lockout.minutes * 60_000).toISOString();
      await tx.trx.updateTable('counsellors').set({ locked_until: until, failed_logins: 0 }).where('id', '=', id).execute();
      await tx.audit('lock', 'counsellor', id, `${row.username}: locked until ${until} after ${config.lockout.threshold} failed logins`);
      return until;
    }, { lockFeedFirst: false });
  }

  app.post('/auth/password', {
    schema: {
      tags: ['auth'],
      summary: '비밀번호 변경 (current, next; rules: 10+ chars of 2 kinds or 8+ of 3, not the user name, not one of the last 3)',
      body: PasswordChangeRequest,
      response: { 204: z.null() },
    },
    config: { beforePasswordChange: true },
  }, async (request, reply) => {
    const me = actor(request);
    const { current, next } = request.body;
    const row = await store.db.selectFrom('counsellors').selectAll().where('id', '=', me.id).executeTakeFirstOrThrow();
    if (!(await verifyPassword(current, row.password_hash))) {
      authFailures.fail(request.ip);
      throw problems.unauthorized('현재 비밀번호가 올바르지 않습니다 (current password is wrong).');
    }
    const violation = passwordRuleViolation(next, row.username);
    if (violation) throw problems.weakPassword(violation);
    const history = parseStored(PasswordHistory, row.password_history || '[]', 'counsellors', row.id);
    const recent = [row.password_hash, ...history].slice(0, PASSWORD_HISTORY);
    for (const old of recent) {
      if (await verifyPassword(next, old)) {
        throw problems.weakPassword(`최근 ${PASSWORD_HISTORY}개의 비밀번호는 다시 쓸 수 없습니다 (must differ from the last ${PASSWORD_HISTORY} passwords).`);
      }
    }
    const hash = await hashPassword(next);
    const token = bearerToken(request);
    await store.write(me.id, async (tx) => {
      await tx.trx
        .updateTable('counsellors')
        .set({
          password_hash: hash,
          password_history: JSON.stringify([row.password_hash, ...history].slice(0, PASSWORD_HISTORY - 1)),
          must_change_password: 0,
          updated_at: tx.now,
        })
        .where('id', '=', me.id)
        .execute();
      // Other sessions of the account were opened with the old password: end them.
      await tx.trx.deleteFrom('auth_tokens').where('counsellor_id', '=', me.id).where('token_hash', '!=', token ? tokenHash(token) : '').execute();
      await tx.audit('password', 'counsellor', me.id, `${me.username}: password changed`);
    }, { lockFeedFirst: false });
    await accessLog.record(request, { action: 'permission_change', entity: 'counsellor', recordId: me.id });
    return reply.code(204).send(null);
  });

  app.post('/auth/logout', {
    schema: { tags: ['auth'], summary: '로그아웃 (sign out)', response: { 204: z.null() } },
    config: { beforePasswordChange: true },
  }, async (request, reply) => {
    const me = actor(request);
    const token = bearerToken(request);
    await store.write(me.id, async (tx) => {
      if (token) await tx.trx.deleteFrom('auth_tokens').where('token_hash', '=', tokenHash(token)).execute();
      await tx.audit('logout', 'counsellor', me.id, `logout ${me.username}`);
      // The last session signed out: nobody is at that desk any more.
      const other = await tx.trx.selectFrom('auth_tokens').select('token_hash').where('counsellor_id', '=', me.id).where('expires_at', '>', tx.now).executeTakeFirst();
      if (!other) await setPresence(tx, me.id, 'offline', 'logout');
    });
    await accessLog.record(request, { action: 'logout', entity: 'counsellor', recordId: me.id });
    return reply.code(204).send(null);
  });

  app.get('/me', {
    schema: { tags: ['auth'], summary: '로그인한 상담원 (who am I)', response: { 200: MeResponse } },
    config: { beforePasswordChange: true },
  }, async (request) => ({ counsellor: actor(request), mustChangePassword: request.mustChangePassword }));
};
