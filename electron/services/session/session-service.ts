import { Counsellor } from '../../../common/domain/index.js';
import { DeskError, type DeskHandlers, type SessionState } from '../../../common/desk-api/index.js';
import type { EventHub } from '../events/event-hub.js';
import type { DeskServicesConfig } from '../host.js';
import { countAllOutbox } from '../outbox/pending-store.js';
import { clearReplica } from '../replica/write.js';
import { RestError, createRestClient } from '../rest/index.js';
import type { Store } from '../store/index.js';
import { KeyUnavailableError } from '../vault/key-wrap.js';
import type { Vault } from '../vault/vault.js';
import { checkServerUrl } from './server-url.js';

interface SessionRow {
  server_url: string | null;
  counsellor: string | null;
  token_enc: string | null;
  expires_at: string | null;
}

export const REASON_EXPIRED = '로그인이 만료되었습니다. 다시 로그인하세요. 보내지 못한 내용은 그대로 남아 있습니다.';
export const REASON_LOGGED_OUT = '로그아웃했습니다.';
export const REASON_UNLOCK_FAILED = '잠금 해제에 5번 실패하여 로그아웃했습니다. 다시 로그인하세요.';
/** Failed unlock attempts before the lock screen signs the counsellor out. */
export const MAX_UNLOCK_FAILURES = 5;

interface Current {
  counsellor: Counsellor;
  username: string;
  /** Null after an offline sign-in whose replica holds no live token (signed out before). */
  token: string | null;
  serverUrl: string;
  store: Store;
  /** The open replica's key: only here, for the lock screen's check; never leaves the services. */
  key: Buffer;
  offline: boolean;
}

export interface SessionHooks {
  /** A replica is open (login, offline sign-in): build the services on it and start syncing. */
  onSignedIn(store: Store): Promise<void>;
  /** Signed out (logout, expiry, failed unlocks): stop everything that uses the store. */
  onSignedOut(): Promise<void>;
  /** The lock screen came up or went away (presence follows: 자리 비움 while locked). */
  onLockChanged?(locked: boolean): void;
}

type SessionConfig = Pick<DeskServicesConfig, 'serverUrl' | 'serverUrlFixed' | 'secretStore' | 'demoHint' | 'onWarning'> & {
  now: () => Date;
  requestTimeoutMs?: number;
};

/**
 * Who is signed in, and the key to their replica. Nothing opens before the password: the
 * server checks it online; offline (and on the lock screen) the wrapped replica key does. The
 * token lives only here and, encrypted with the SecretStore, inside the encrypted replica; it is
 * never returned to the renderer and never logged.
 */
export function createSessionService(vault: Vault, events: EventHub, config: SessionConfig) {
  let current: Current | null = null;
  let reason: string | null = null;
  let locked = false;
  let unlockFailures = 0;
  /** The sign-in a logout is ending: its token is revoked before the replica closes. */
  let leaving: Current | null = null;
  let hooks: SessionHooks = { onSignedIn: async () => undefined, onSignedOut: async () => undefined };

  /** Main decides: the configuration, else what was accepted on the first run or an admin saved. */
  const decidedServerUrl = (): string | null => (config.serverUrlFixed ? config.serverUrl : vault.workstation().serverUrl);
  const serverUrl = (): string => current?.serverUrl ?? decidedServerUrl() ?? config.serverUrl;

  const state = (): SessionState => ({
    signedIn: current !== null,
    counsellor: current?.counsellor ?? null,
    serverUrl: serverUrl(),
    demoHint: config.demoHint,
    reason: current ? null : reason,
    locked: current !== null && locked,
    idleLockMinutes: vault.workstation().policy.idleLockMinutes,
    serverUrlEditable: decidedServerUrl() === null,
    offline: current?.offline ?? false,
  });

  async function signOut(why: string, opts: { wipe?: boolean } = {}): Promise<void> {
    if (!current) return;
    const was = current;
    current = null;
    locked = false;
    unlockFailures = 0;
    reason = why;
    try {
      await was.store.run('UPDATE session SET token_enc = NULL, expires_at = NULL, reason = ? WHERE id = 1', [why]);
    } catch {
      // The store may already be failing; signing out must still complete.
    }
    await hooks.onSignedOut();
    await was.store.close();
    if (opts.wipe) await vault.wipe(was.username);
    events.emit('session:onChange', state());
  }

  /** Where to log in: the decided URL, or on the first run the login screen's proposal. */
  function loginBase(proposal: string | undefined): string {
    const decided = decidedServerUrl();
    const check = checkServerUrl(decided ?? proposal ?? config.serverUrl);
    if (!check.ok) throw new DeskError('invalid_argument', check.message, [{ path: 'serverUrl', message: check.message }]);
    return check.url;
  }

  async function offlineSignIn(username: string, password: string, base: string, cause: string): Promise<SessionState> {
    if (!vault.hasReplica(username)) {
      throw new DeskError('offline', `${base} 에 연결할 수 없고, 이 PC에는 이 계정의 로컬 데이터가 없어 오프라인으로 로그인할 수 없습니다. (${cause})`);
    }
    let key: Buffer | null;
    try {
      key = await vault.unwrap(username, password);
    } catch (err) {
      if (err instanceof KeyUnavailableError) throw new DeskError('offline', `${err.message} 서버에 연결되면 다시 로그인하세요.`);
      throw err;
    }
    if (!key) throw new DeskError('unauthenticated', '아이디 또는 비밀번호가 올바르지 않습니다. (서버에 연결할 수 없어 이 PC에서 확인했습니다)');
    const { store } = await vault.openWithKey(username, key);
    try {
      const row = await store.get<SessionRow>('SELECT server_url, counsellor, token_enc, expires_at FROM session WHERE id = 1');
      const counsellor = Counsellor.safeParse(row?.counsellor ? JSON.parse(row.counsellor) : null);
      if (!counsellor.success) throw new DeskError('offline', `${base} 에 연결할 수 없습니다. 오프라인 로그인에 필요한 정보가 없습니다. (${cause})`);
      let token: string | null = null;
      if (row?.token_enc) token = await config.secretStore.decrypt(row.token_enc).catch(() => null);
      if (current) await signOut(REASON_LOGGED_OUT);
      current = { counsellor: counsellor.data, username, token, serverUrl: row?.server_url ?? base, store, key, offline: true };
    } catch (err) {
      await store.close();
      throw err;
    }
    reason = null;
    await hooks.onSignedIn(store);
    events.emit('session:onChange', state());
    return state();
  }

  const handlers: DeskHandlers['session'] = {
    getState: async () => state(),
    login: async ({ serverUrl: proposal, username, password }) => {
      const base = loginBase(proposal);
      const client = createRestClient({ baseUrl: () => base, token: () => null, timeoutMs: config.requestTimeoutMs ?? 15_000, now: config.now });
      let res;
      try {
        res = await client.login(username, password);
      } catch (err) {
        if (!(err instanceof RestError)) throw err;
        if (err.kind === 'unauthenticated') throw new DeskError('unauthenticated', err.message || '아이디 또는 비밀번호가 올바르지 않습니다.');
        if (err.kind === 'retryable' && err.status === 429) throw new DeskError('rejected', err.message);
        if (err.kind === 'retryable' && err.status !== null) throw new DeskError('offline', `서버가 지금 응답하지 못합니다. 잠시 뒤 다시 시도하세요. (${err.message})`);
        if (err.kind === 'retryable') return offlineSignIn(username, password, base, err.message);
        if (err.kind === 'forbidden') throw new DeskError('forbidden', err.message);
        throw new DeskError('rejected', err.message);
      }
      if (current) await signOut(REASON_LOGGED_OUT);
      const opened = await vault.openOrCreate(username, password, res.counsellor.id);
      if (opened.migratedLegacy) config.onWarning?.('암호화되지 않은 이전 로컬 데이터를 암호화된 파일로 옮기고 안전하게 삭제했습니다. 서버에서 다시 동기화합니다.');
      const { store } = opened;
      try {
        const tokenEnc = await config.secretStore.encrypt(res.token);
        await store.transaction(async (tx) => {
          const owner = await tx.get<{ server_url: string | null; counsellor_id: string | null }>('SELECT server_url, counsellor_id FROM sync_state WHERE id = 1');
          // The change feed is per counsellor and per server: another feed must not leak in.
          if (owner?.server_url !== base || owner?.counsellor_id !== res.counsellor.id) {
            await clearReplica(tx);
            await tx.run('UPDATE sync_state SET server_url = ?, counsellor_id = ? WHERE id = 1', [base, res.counsellor.id]);
          }
          await tx.run('UPDATE session SET server_url = ?, counsellor = ?, token_enc = ?, expires_at = ?, reason = NULL WHERE id = 1', [
            base, JSON.stringify(res.counsellor), tokenEnc, res.expiresAt,
          ]);
        });
        // The first run's proposal, now proven to answer, becomes the workstation's server.
        if (decidedServerUrl() === null) await vault.setServerUrl(base);
      } catch (err) {
        await store.close();
        throw err;
      }
      reason = null;
      locked = false;
      unlockFailures = 0;
      current = { counsellor: res.counsellor, username, token: res.token, serverUrl: base, store, key: opened.key, offline: false };
      await hooks.onSignedIn(store);
      events.emit('session:onChange', state());
      return state();
    },
    logout: async () => {
      const was = current;
      if (!was) return state();
      // Revoking the token makes the replica's in-flight requests answer 401; that expiry must
      // not overtake this logout (under load it did, and a wipe-policy logout kept the replica).
      leaving = was;
      try {
        if (was.token) {
          const token = was.token;
          const client = createRestClient({ baseUrl: () => serverUrl(), token: () => token, timeoutMs: 3_000, now: config.now });
          // Best effort: the local sign-out must not wait for an unreachable server.
          await client.logout().catch(() => undefined);
        }
        if (current !== was) return state();
        let wipe = vault.workstation().policy.logoutAction === 'wipe';
        let why = REASON_LOGGED_OUT;
        if (wipe) {
          // Unsent work is not thrown away: the replica stays (encrypted) until it is delivered.
          const unsent = await countAllOutbox(was.store);
          if (unsent > 0) {
            wipe = false;
            why = `${REASON_LOGGED_OUT} 아직 서버에 보내지 못한 작업 ${unsent}건이 있어 로컬 데이터는 암호화된 채로 남겨 두었습니다.`;
          }
        }
        await signOut(why, { wipe });
        return state();
      } finally {
        leaving = null;
      }
    },
    lock: async () => {
      if (!current) throw new DeskError('unauthenticated', '로그인이 필요합니다.');
      if (!locked) {
        locked = true;
        events.emit('session:onChange', state());
        hooks.onLockChanged?.(true);
      }
      return state();
    },
    unlock: async ({ password }) => {
      if (!current) throw new DeskError('unauthenticated', '로그인이 필요합니다.');
      if (!locked) return state();
      if (await vault.checkPassword(current.username, password, current.key)) {
        locked = false;
        unlockFailures = 0;
        events.emit('session:onChange', state());
        hooks.onLockChanged?.(false);
        return state();
      }
      unlockFailures += 1;
      if (unlockFailures >= MAX_UNLOCK_FAILURES) {
        await signOut(REASON_UNLOCK_FAILED);
        return state();
      }
      throw new DeskError('unauthenticated', `비밀번호가 올바르지 않습니다. ${MAX_UNLOCK_FAILURES - unlockFailures}번 더 틀리면 로그아웃됩니다.`);
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
    serverUrl,
    locked: (): boolean => current !== null && locked,
    /**
     * The server said the token is no longer good (401). With `store`, only while that replica is
     * still the open one: a request of an earlier sign-in that answers late must not sign out
     * whoever signed in since (it did, under load: the next counsellor was signed out). A logout
     * in progress revoked the token itself and finishes the sign-out its own way.
     */
    expire: async (message?: string, store?: Store) => {
      if (store && current?.store !== store) return;
      if (current !== null && current === leaving) return;
      await signOut(message ? `${REASON_EXPIRED} (${message})` : REASON_EXPIRED);
    },
    requireCounsellor(): Counsellor {
      if (!current) throw new DeskError('unauthenticated', '로그인이 필요합니다.');
      return current.counsellor;
    },
    /** Closes the open replica without signing out (app shutdown): the next start asks the password. */
    async close(): Promise<void> {
      if (!current) return;
      const was = current;
      current = null;
      await hooks.onSignedOut();
      await was.store.close();
    },
  };
}
export type SessionService = ReturnType<typeof createSessionService>;
