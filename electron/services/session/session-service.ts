import { Counsellor } from '../../../common/domain/index.js';
import { DeskError, type DeskHandlers, type SessionState } from '../../../common/desk-api/index.js';
import type { EventHub } from '../events/event-hub.js';
import type { DeskServicesConfig } from '../host.js';
import { clearReplica } from '../replica/write.js';
import { RestError, createRestClient } from '../rest/index.js';
import type { Store } from '../store/index.js';

interface SessionRow {
  server_url: string | null;
  counsellor: string | null;
  token_enc: string | null;
  expires_at: string | null;
  reason: string | null;
}

export const REASON_EXPIRED = '로그인이 만료되었습니다. 다시 로그인하세요. 보내지 못한 내용은 그대로 남아 있습니다.';
export const REASON_LOGGED_OUT = '로그아웃했습니다.';

interface Current {
  counsellor: Counsellor;
  token: string;
  serverUrl: string;
}

export interface SessionHooks {
  /** Signed in (at start-up or by login): start syncing. */
  onSignedIn(): void;
  /** Signed out (logout, expiry): stop network work; the outbox and drafts stay. */
  onSignedOut(): Promise<void>;
}

/**
 * Who is signed in. The token lives only here and, encrypted with the host's SecretStore, in
 * the session table; it is never returned to the renderer and never logged.
 */
export async function createSessionService(
  store: Store,
  events: EventHub,
  config: Pick<DeskServicesConfig, 'serverUrl' | 'secretStore' | 'demoHint'> & { now: () => Date; requestTimeoutMs?: number },
) {
  let current: Current | null = null;
  let serverUrl = config.serverUrl;
  let reason: string | null = null;
  let hooks: SessionHooks = { onSignedIn: () => undefined, onSignedOut: async () => undefined };

  const row = await store.get<SessionRow>('SELECT server_url, counsellor, token_enc, expires_at, reason FROM session WHERE id = 1');
  reason = row?.reason ?? null;
  if (row?.server_url) serverUrl = row.server_url;
  if (row?.token_enc && row.counsellor) {
    const expired = row.expires_at !== null && Date.parse(row.expires_at) <= config.now().getTime();
    const counsellor = Counsellor.safeParse(JSON.parse(row.counsellor));
    if (expired) {
      reason = REASON_EXPIRED;
      await store.run('UPDATE session SET token_enc = NULL, reason = ? WHERE id = 1', [reason]);
    } else if (counsellor.success) {
      try {
        current = { counsellor: counsellor.data, token: await config.secretStore.decrypt(row.token_enc), serverUrl };
      } catch {
        // The OS keychain changed (new profile, new machine): sign in again; nothing else is lost.
        reason = '저장된 로그인 정보를 읽을 수 없습니다. 다시 로그인하세요.';
        await store.run('UPDATE session SET token_enc = NULL, reason = ? WHERE id = 1', [reason]);
      }
    }
  }

  const state = (): SessionState => ({
    signedIn: current !== null,
    counsellor: current?.counsellor ?? null,
    serverUrl,
    demoHint: config.demoHint,
    reason: current ? null : reason,
  });

  async function signOut(why: string): Promise<void> {
    if (!current) return;
    current = null;
    reason = why;
    await store.run('UPDATE session SET token_enc = NULL, counsellor = NULL, expires_at = NULL, reason = ? WHERE id = 1', [why]);
    await hooks.onSignedOut();
    events.emit('session:onChange', state());
  }

  const handlers: DeskHandlers['session'] = {
    getState: async () => state(),
    login: async ({ serverUrl: url, username, password }) => {
      const base = url.replace(/\/+$/, '');
      const client = createRestClient({ baseUrl: () => base, token: () => null, timeoutMs: config.requestTimeoutMs ?? 15_000, now: config.now });
      let res;
      try {
        res = await client.login(username, password);
      } catch (err) {
        if (!(err instanceof RestError)) throw err;
        if (err.kind === 'unauthenticated') throw new DeskError('unauthenticated', err.message || '아이디 또는 비밀번호가 올바르지 않습니다.');
        if (err.kind === 'retryable' && err.status === 429) throw new DeskError('rejected', err.message);
        if (err.kind === 'retryable' && err.status !== null) throw new DeskError('offline', `서버가 지금 응답하지 못합니다. 잠시 뒤 다시 시도하세요. (${err.message})`);
        if (err.kind === 'retryable') throw new DeskError('offline', `${base} 에 연결할 수 없습니다. 서버 주소와 네트워크를 확인하세요. (${err.message})`);
        if (err.kind === 'forbidden') throw new DeskError('forbidden', err.message);
        throw new DeskError('rejected', err.message);
      }
      if (current) await hooks.onSignedOut();
      const tokenEnc = await config.secretStore.encrypt(res.token);
      await store.transaction(async (tx) => {
        const owner = await tx.get<{ server_url: string | null; counsellor_id: string | null }>('SELECT server_url, counsellor_id FROM sync_state WHERE id = 1');
        // The change feed is per counsellor and per server: another one's replica must not leak in.
        if (owner?.server_url !== base || owner?.counsellor_id !== res.counsellor.id) {
          await clearReplica(tx);
          await tx.run('UPDATE sync_state SET server_url = ?, counsellor_id = ? WHERE id = 1', [base, res.counsellor.id]);
        }
        await tx.run('UPDATE session SET server_url = ?, counsellor = ?, token_enc = ?, expires_at = ?, reason = NULL WHERE id = 1', [
          base, JSON.stringify(res.counsellor), tokenEnc, res.expiresAt,
        ]);
      });
      serverUrl = base;
      reason = null;
      current = { counsellor: res.counsellor, token: res.token, serverUrl: base };
      events.emit('session:onChange', state());
      hooks.onSignedIn();
      return state();
    },
    logout: async () => {
      if (current) {
        const token = current.token;
        const client = createRestClient({ baseUrl: () => serverUrl, token: () => token, timeoutMs: 3_000, now: config.now });
        // Best effort: the local sign-out must not wait for an unreachable server.
        await client.logout().catch(() => undefined);
      }
      await signOut(REASON_LOGGED_OUT);
      return state();
    },
  };

  return {
    handlers,
    state,
    setHooks(h: SessionHooks): void {
      hooks = h;
    },
    counsellor: (): Counsellor | null => current?.counsellor ?? null,
    token: (): string | null => current?.token ?? null,
    serverUrl: (): string => serverUrl,
    /** The server said 401: the token is no longer valid. */
    expire: (message?: string) => signOut(message ? `${REASON_EXPIRED} (${message})` : REASON_EXPIRED),
    requireCounsellor(): Counsellor {
      if (!current) throw new DeskError('unauthenticated', '로그인이 필요합니다.');
      return current.counsellor;
    },
  };
}
export type SessionService = Awaited<ReturnType<typeof createSessionService>>;
