import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { PASSWORD_HISTORY, passwordRuleViolation } from '../../common/accounts/index.js';
import { LoginRequest, LoginResponse, MeResponse, PasswordChangeRequest } from '../../common/rest/contract.js';
import { decoyHash, hashPassword, verifyPassword } from '../auth/passwords.js';
import { newToken, tokenHash } from '../auth/tokens.js';
import {
  changePassword, countFailedLogin, endSession, findCounsellorByUsername, lockAccount, openSession, passwordRecord, toCounsellor,
} from '../db/counsellors.js';
import { nowIso } from '../db/store.js';
import type { ServerDeps } from '../deps.js';
import { actor, bearerToken } from '../http/auth.js';
import { historyAfterChange, lockAfterFailure, reuseCandidates } from '../domain/accounts.js';
import { problems } from '../http/problem.js';
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
      await openSession(tx, counsellor.id, tokenHash(token), expiresAt);
      await tx.audit('login', 'counsellor', counsellor.id, `login ${counsellor.username}`);
    }, { lockFeedFirst: false });
    await accessLog.record(request, { action: 'login', entity: 'counsellor', recordId: counsellor.id, actor: { id: counsellor.id, name: counsellor.displayName } });
    return { token, expiresAt, counsellor, mustChangePassword: Number(row.must_change_password) === 1, idleTimeoutMinutes: config.idleTimeoutMinutes };
  });

  /** Counts a wrong password; at the threshold the account locks. Returns the lock's end if it locked now. */
  async function recordFailedLogin(id: string): Promise<string | null> {
    return store.write(null, async (tx) => {
      const counted = await countFailedLogin(tx, id);
      const until = lockAfterFailure(counted.failedLogins, config.lockout, tx.now);
      if (!until) return null;
      await lockAccount(tx, id, until);
      await tx.audit('lock', 'counsellor', id, `${counted.username}: locked until ${until} after ${config.lockout.threshold} failed logins`);
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
    const record = await passwordRecord(store.db, me.id);
    if (!(await verifyPassword(current, record.hash))) {
      authFailures.fail(request.ip);
      throw problems.unauthorized('현재 비밀번호가 올바르지 않습니다 (current password is wrong).');
    }
    const violation = passwordRuleViolation(next, record.username);
    if (violation) throw problems.weakPassword(violation);
    for (const old of reuseCandidates(record.hash, record.history)) {
      if (await verifyPassword(next, old)) {
        throw problems.weakPassword(`최근 ${PASSWORD_HISTORY}개의 비밀번호는 다시 쓸 수 없습니다 (must differ from the last ${PASSWORD_HISTORY} passwords).`);
      }
    }
    const hash = await hashPassword(next);
    const token = bearerToken(request);
    await store.write(me.id, async (tx) => {
      // Other sessions of the account were opened with the old password: they end.
      await changePassword(tx, me.id, hash, historyAfterChange(record.hash, record.history), token ? tokenHash(token) : null);
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
      const stillSignedIn = await endSession(tx, me.id, token ? tokenHash(token) : null);
      await tx.audit('logout', 'counsellor', me.id, `logout ${me.username}`);
      // The last session signed out: nobody is at that desk any more.
      if (!stillSignedIn) await setPresence(tx, me.id, 'offline', 'logout');
    });
    await accessLog.record(request, { action: 'logout', entity: 'counsellor', recordId: me.id });
    return reply.code(204).send(null);
  });

  app.get('/me', {
    schema: { tags: ['auth'], summary: '로그인한 상담원 (who am I)', response: { 200: MeResponse } },
    config: { beforePasswordChange: true },
  }, async (request) => ({ counsellor: actor(request), mustChangePassword: request.mustChangePassword }));
};
