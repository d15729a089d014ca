import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Counsellor, Role } from '../../common/domain/index.js';
import type { AuthFailureLimiter } from '../auth/failure-limit.js';
import { counsellorForToken } from '../db/counsellors.js';
import { nowIso, type Store } from '../db/store.js';
import { problems } from './problem.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Reachable without a counsellor token (login, healthz, openapi, signed webhook, CTI). */
    public?: boolean;
    /** Only the admin role may call it (shorthand for roles: ['admin']). */
    admin?: boolean;
    /** Only these roles may call it. */
    roles?: readonly Role[];
    /** Reachable while the account must still change its admin-set password (password, logout, me). */
    beforePasswordChange?: boolean;
  }
  interface FastifyRequest {
    counsellor: Counsellor | null;
    /** The account still has the password an admin set (login response mustChangePassword). */
    mustChangePassword: boolean;
  }
}

export function bearerToken(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  if (typeof header !== 'string') return null;
  const match = /^Bearer\s+([A-Za-z0-9._~+/=-]{1,512})\s*$/i.exec(header);
  return match?.[1] ?? null;
}

/** The signed-in counsellor of a request that passed the auth hook. */
export function actor(request: FastifyRequest): Counsellor {
  if (!request.counsellor) throw problems.unauthorized();
  return request.counsellor;
}

export interface AuthOptions {
  idleTimeoutMinutes: number;
  failures: AuthFailureLimiter;
}

export function installAuth(app: FastifyInstance, store: Store, opts: AuthOptions): void {
  app.decorateRequest('counsellor', null);
  app.decorateRequest('mustChangePassword', false);
  const idleMs = opts.idleTimeoutMinutes * 60_000;
  app.addHook('onRequest', async (request) => {
    const config = request.routeOptions.config;
    // Unknown routes fall through to the 404 problem.
    if (!request.routeOptions.url || config.public) return;
    const token = bearerToken(request);
    if (!token) throw problems.unauthorized('Authorization: Bearer <token> 헤더가 없습니다. 로그인하세요 (missing bearer token).');
    const found = await counsellorForToken(store.db, token, nowIso(), idleMs);
    if (found.kind !== 'ok') {
      // Guessing tokens costs the address its attempts; a blocked address learns nothing more.
      const wait = opts.failures.blockedFor(request.ip);
      if (wait > 0) throw problems.tooManyFailures(wait);
      opts.failures.fail(request.ip);
      if (found.kind === 'idle') throw problems.sessionIdle(opts.idleTimeoutMinutes);
      throw problems.unauthorized('토큰이 만료되었거나 로그아웃되었습니다. 다시 로그인하세요 (token expired or revoked).');
    }
    request.counsellor = found.counsellor;
    request.mustChangePassword = found.mustChangePassword;
    if (found.mustChangePassword && !config.beforePasswordChange) throw problems.passwordChangeRequired();
    const allowed = config.admin ? ['admin'] : config.roles;
    if (allowed && !allowed.includes(found.counsellor.role)) {
      throw problems.forbidden(config.admin ? undefined : `이 작업은 ${allowed.join(', ')} 역할만 할 수 있습니다 (role required: ${allowed.join(', ')}).`);
    }
  });
}
