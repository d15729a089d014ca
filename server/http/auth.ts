import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Counsellor, Role } from '../../common/domain/index.js';
import type { AuthFailureLimiter } from '../auth/failure-limit.js';
import { counsellorForToken, type TokenLookup } from '../db/counsellors.js';
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

/**
 * How long a bearer token's lookup is reused. Every request used to cost a database round trip
 * for it; a few seconds of reuse takes that off the hot path while a logout, a password change
 * or a deactivation still takes effect within this bound on every instance (at once on the one
 * that made it: account and session writes there flush the cache). Idle expiry is measured in
 * minutes, so a token's last use recorded at most every few seconds is exact enough.
 */
export const TOKEN_CACHE_MS = 5_000;
const TOKEN_CACHE_MAX = 10_000;

/** A bearer token's counsellor, as the auth hook sees it (the same cache, flushed by the same writes). */
export type TokenLookupFn = (token: string) => Promise<TokenLookup>;

/** Installs the bearer-token hook; returns its lookup, for requests that outlive their hook (SSE). */
export function installAuth(app: FastifyInstance, store: Store, opts: AuthOptions): TokenLookupFn {
  app.decorateRequest('counsellor', null);
  app.decorateRequest('mustChangePassword', false);
  const idleMs = opts.idleTimeoutMinutes * 60_000;
  // Never reuse for more than half the idle timeout: a hit does not record the token's use.
  const cacheMs = Math.min(TOKEN_CACHE_MS, idleMs / 2);
  const cache = new Map<string, { found: TokenLookup & { kind: 'ok' }; until: number }>();
  /**
   * Session and account writes in flight here. While one runs nothing is cached nor reused: a
   * lookup between its commit and its answer (an SSE stream told of that very commit) must read
   * the revoked session, not a copy from before.
   */
  let sessionWrites = 0;
  const sessionWrite = (request: FastifyRequest) =>
    request.method !== 'GET' && /^\/api\/v1\/(auth|counsellors|me)(\/|$)/.test(request.routeOptions.url ?? '');
  const lookup = async (token: string): Promise<TokenLookup> => {
    const now = Date.now();
    const hit = sessionWrites === 0 ? cache.get(token) : undefined;
    if (hit && hit.until > now) return hit.found;
    const found = await counsellorForToken(store.db, token, nowIso(), idleMs);
    // Only valid tokens are kept: a bad one must not push good ones out.
    if (found.kind === 'ok' && sessionWrites === 0) {
      if (cache.size >= TOKEN_CACHE_MAX) cache.clear();
      cache.set(token, { found, until: now + cacheMs });
    } else {
      cache.delete(token);
    }
    return found;
  };
  const ended = new WeakSet<FastifyRequest>();
  const endSessionWrite = (request: FastifyRequest) => {
    if (!sessionWrite(request) || ended.has(request)) return;
    ended.add(request);
    sessionWrites--;
    cache.clear();
  };
  // A session or account changed here (logout, password, role, deactivation): forget before the
  // answer leaves, and reuse nothing while the write runs.
  app.addHook('onRequest', async (request) => {
    if (!sessionWrite(request)) return;
    sessionWrites++;
    cache.clear();
  });
  app.addHook('onSend', async (request, _reply, payload) => {
    endSessionWrite(request);
    return payload;
  });
  app.addHook('onRequestAbort', async (request) => {
    endSessionWrite(request);
  });
  app.addHook('onRequest', async (request) => {
    const config = request.routeOptions.config;
    // Unknown routes fall through to the 404 problem.
    if (!request.routeOptions.url || config.public) return;
    const token = bearerToken(request);
    if (!token) throw problems.unauthorized('Authorization: Bearer <token> 헤더가 없습니다. 로그인하세요 (missing bearer token).');
    const found = await lookup(token);
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
  return lookup;
}
