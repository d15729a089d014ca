import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sqlite3 from '@journeyapps/sqlcipher';
import type { DeskEventName } from '../../../common/desk-api/index.js';
import { unwrapKey } from '../../../electron/services/vault/key-wrap.js';
import { accountKey, readWorkstation } from '../../../electron/services/vault/workstation-file.js';
import { createDeskServices } from '../../../electron/services/create-desk-services.js';
import type { DeskServices, DeskServicesConfig, SecretStore, WindowControl } from '../../../electron/services/host.js';

/** A reversible stand-in for Electron's safeStorage, so tests can see the token is not stored in clear. */
export const fakeSecretStore: SecretStore = {
  kind: 'os',
  encrypt: async (plain) => `enc:${Buffer.from(plain).toString('base64')}`,
  decrypt: async (stored) => {
    if (!stored.startsWith('enc:')) throw new Error('not ours');
    return Buffer.from(stored.slice(4), 'base64').toString();
  },
};

export interface RecordingWindow extends WindowControl {
  pinned: boolean[];
  badges: number[];
  notes: { title: string; body: string; silent: boolean; onClick?: () => void }[];
}

export function recordingWindow(): RecordingWindow {
  const w: RecordingWindow = {
    pinned: [], badges: [], notes: [],
    setAlwaysOnTop: (p) => void w.pinned.push(p),
    setUnreadBadge: (n) => void w.badges.push(n),
    notify: (n) => void w.notes.push(n),
  };
  return w;
}

/** A cheap scrypt for tests (the wrap itself is the same code as in production). */
export const TEST_KDF = { N: 1024, r: 8, p: 1 };

export interface DeskFixture {
  services: DeskServices;
  dataDir: string;
  window: RecordingWindow;
  events: { name: DeskEventName; payload: unknown }[];
  /** The last successful sign-in, so that reopen() can sign in again like the counsellor would. */
  credentials: { username: string; password: string } | null;
  /** Closes and starts the services again; a desk that was signed in signs in again (password). */
  reopen(overrides?: Partial<DeskServicesConfig>): Promise<void>;
  dispose(): Promise<void>;
}

/** The signed-in counsellor's replica file and key, as the test's side door into it. */
export async function replicaOf(desk: Pick<DeskFixture, 'dataDir' | 'credentials'>): Promise<{ file: string; key: Buffer }> {
  if (!desk.credentials) throw new Error('the desk never signed in');
  const ws = await readWorkstation(desk.dataDir);
  const entry = ws.replicas[accountKey(desk.credentials.username)];
  if (!entry) throw new Error('no replica for this account');
  const key = await unwrapKey(entry.wrapped, desk.credentials.password, fakeSecretStore);
  if (!key) throw new Error('wrong password');
  return { file: join(desk.dataDir, entry.file), key };
}

/** Runs SQL on a desk's encrypted replica from the side (WAL lets it run beside the services). */
export async function queryReplica<T>(desk: Pick<DeskFixture, 'dataDir' | 'credentials'>, sql: string, params: unknown[] = []): Promise<T[]> {
  const { file, key } = await replicaOf(desk);
  return new Promise((resolve, reject) => {
    const db = new sqlite3.Database(file, (err) => {
      if (err) return reject(err);
      db.exec(`PRAGMA key = "x'${key.toString('hex')}'"`, (e0) => {
        if (e0) return db.close(() => reject(e0));
        db.all(sql, params, (e: Error | null, rows: T[]) => db.close(() => (e ? reject(e) : resolve(rows))));
      });
    });
  });
}

export async function startDesk(overrides: Partial<DeskServicesConfig> = {}): Promise<DeskFixture> {
  const dataDir = overrides.dataDir ?? (await mkdtemp(join(tmpdir(), 'bokji-desk-')));
  const window = recordingWindow();
  const events: DeskFixture['events'] = [];
  const config = (): DeskServicesConfig => ({
    dataDir,
    serverUrl: 'http://127.0.0.1:9',
    secretStore: fakeSecretStore,
    windowControl: window,
    host: 'web',
    demoHint: null,
    tuning: { retryBaseMs: 20, retryCapMs: 200, requestTimeoutMs: 5_000, fallbackPullMs: 5_000 },
    kdf: TEST_KDF,
    ...overrides,
  });
  const build = async (c: DeskServicesConfig): Promise<DeskServices> => {
    const services = await createDeskServices(c);
    const login = services.handlers.session.login;
    (services.handlers.session as { login: typeof login }).login = async (args) => {
      const state = await login(args);
      fx.credentials = { username: args.username, password: args.password };
      return state;
    };
    services.onEvent((name, payload) => events.push({ name, payload }));
    return services;
  };
  const fx: DeskFixture = {
    services: null as unknown as DeskServices,
    dataDir,
    window,
    events,
    credentials: null,
    async reopen(more = {}) {
      const wasSignedIn = (await fx.services.handlers.session.getState(undefined)).signedIn;
      await fx.services.close();
      fx.services = await build({ ...config(), ...more });
      if (wasSignedIn && fx.credentials) await fx.services.handlers.session.login({ ...fx.credentials });
    },
    async dispose() {
      await fx.services.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
  fx.services = await build(config());
  return fx;
}

/** A desk signed in to `server` as `username` (demo password) with its first sync done. */
export async function startSignedInDesk(server: { url: string; demoPassword: string }, username: string): Promise<DeskFixture> {
  const desk = await startDesk({ serverUrl: server.url });
  await desk.services.handlers.session.login({ serverUrl: server.url, username, password: server.demoPassword });
  await desk.services.handlers.sync.syncNow(undefined);
  return desk;
}

/** Polls until `check` returns a value (not undefined/false), or fails after `ms`. */
export async function waitFor<T>(check: () => Promise<T | undefined | false> | T | undefined | false, ms = 10_000, what = 'condition'): Promise<T> {
  const until = Date.now() + ms;
  let last: unknown;
  for (;;) {
    try {
      const v = await check();
      if (v !== undefined && v !== false) return v;
    } catch (err) {
      last = err;
    }
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}${last ? `: ${(last as Error).message}` : ''}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
