import type { DeskEventName, DeskEventPayload, DeskHandlers } from '../../common/desk-api/index.js';

/**
 * What createDeskServices(config) needs from its host (electron/main or the browser harness) and
 * what it gives back. Both hosts call the same factory, so tests exercise the wiring that ships.
 */

/** Keeps the session token out of the renderer and out of plain files where the OS offers better. */
export interface SecretStore {
  /** Encrypts (Electron safeStorage) or passes through (harness); the result is stored by the services. */
  encrypt(plain: string): Promise<string>;
  decrypt(stored: string): Promise<string>;
  /** 'os' when backed by the OS keychain (safeStorage), 'plain' otherwise; shown in diagnostics. */
  readonly kind: 'os' | 'plain';
}

/** Window effects that only Electron can perform; the harness passes a no-op. */
export interface WindowControl {
  setAlwaysOnTop(pinned: boolean): void;
  /** Tray badge / dock badge with the total unread count. */
  setUnreadBadge(count: number): void;
  /** Desktop notification; `onClick` focuses the window and the conversation. */
  notify(note: { title: string; body: string; silent: boolean; onClick?: () => void }): void;
}

export interface DeskServicesConfig {
  /** Folder of the counsellors' encrypted replicas (replica-*.sqlite) and workstation.json. */
  dataDir: string;
  /** Central service base URL, e.g. http://127.0.0.1:8787 (without /api/v1). */
  serverUrl: string;
  /**
   * The configuration names the server (BOKJI_SERVER_URL, the harness): use it and nothing else.
   * Otherwise serverUrl is only the first run's default, and the workstation keeps what an
   * administrator saved or the first sign-in proved.
   */
  serverUrlFixed?: boolean;
  secretStore: SecretStore;
  windowControl: WindowControl;
  host: 'electron' | 'web';
  /** Shown on the login screen when the local demo server runs. */
  demoHint: { usernames: string[]; password: string } | null;
  /** Injectable clock for tests. */
  now?: () => Date;
  /** Told about recoverable problems (e.g. a damaged local file was moved aside); also shown in SyncStatus.lastError. */
  onWarning?: (message: string) => void;
  /** Timings for tests and benchmarks; the defaults suit a workstation. */
  tuning?: Partial<DeskServicesTuning>;
  /** scrypt cost of the replica key wrap; tests lower it, the default suits a workstation. */
  kdf?: { N: number; r: number; p: number };
}

export interface DeskServicesTuning {
  /** Outbox and reconnect backoff: first step and ceiling (full jitter below it). */
  retryBaseMs: number;
  retryCapMs: number;
  /** Changes per pull request (server allows up to 5000). */
  pullLimit: number;
  requestTimeoutMs: number;
  /** Pull this often even without an SSE poke. */
  fallbackPullMs: number;
}

export type DeskEventListener = <N extends DeskEventName>(name: N, payload: DeskEventPayload<N>) => void;

export interface DeskServices {
  readonly handlers: DeskHandlers;
  /** Subscribe to every DeskApi event; returns an unsubscribe function. */
  onEvent(listener: DeskEventListener): () => void;
  /** Flushes and closes the store, the SSE stream and timers. */
  close(): Promise<void>;
}
