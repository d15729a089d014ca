import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { LoginRequest, LoginResponse, MeResponse } from '../../common/rest/contract.js';
import { decoyHash, verifyPassword } from '../auth/passwords.js';
import { newToken, tokenHash } from '../auth/tokens.js';
import { findCounsellorByUsername, toCounsellor } from '../db/counsellors.js';
import type { ServerDeps } from '../deps.js';
import { actor, bearerToken } from '../http/auth.js';
import { problems } from '../http/problem.js';
import { setPresence } from '../team/presence.js';

export const authRoutes: FastifyPluginAsyncZod<ServerDeps> = async (app, deps) => {
  const { store, config } = deps;

  app.post('/auth/login', {
    schema: { tags: ['auth'], summary: '로그인 (sign in)', body: LoginRequest, response: { 200: LoginResponse } },
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
    const row = await findCounsellorByUsername(store.db, username);
    // Always spend one scrypt so that unknown user names take as long as wrong passwords.
    const ok = await verifyPassword(password, row?.password_hash ?? (await decoyHash()));
    if (!row || !ok || row.active !== 1) {
      throw problems.unauthorized('아이디 또는 비밀번호가 올바르지 않습니다 (wrong user name or password).');
    }
    const counsellor = toCounsellor(row);
    const token = newToken();
    const expiresAt = new Date(Date.now() + config.tokenTtlHours * 3_600_000).toISOString();
    await store.write(counsellor.id, async (tx) => {
      await tx.trx
        .insertInto('auth_tokens')
        .values({ token_hash: tokenHash(token), counsellor_id: counsellor.id, created_at: tx.now, expires_at: expiresAt })
        .execute();
      // Expired tokens of this account are of no use to anyone.
      await tx.trx.deleteFrom('auth_tokens').where('counsellor_id', '=', counsellor.id).where('expires_at', '<=', tx.now).execute();
      await tx.audit('login', 'counsellor', counsellor.id, `login ${counsellor.username}`);
    });
    return { token, expiresAt, counsellor };
  });

  app.post('/auth/logout', {
    schema: { tags: ['auth'], summary: '로그아웃 (sign out)', response: { 204: z.null() } },
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
    return reply.code(204).send(null);
  });

  app.get('/me', {
    schema: { tags: ['auth'], summary: '로그인한 상담원 (who am I)', response: { 200: MeResponse } },
  }, async (request) => ({ counsellor: actor(request) }));
};
