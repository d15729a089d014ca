import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DeskEventName } from '../../../common/desk-api/index.js';
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

export interface DeskFixture {
  services: DeskServices;
  dataDir: string;
  window: RecordingWindow;
  events: { name: DeskEventName; payload: unknown }[];
  reopen(overrides?: Partial<DeskServicesConfig>): Promise<void>;
  dispose(): Promise<void>;
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
    ...overrides,
  });
  const fx: DeskFixture = {
    services: await createDeskServices(config()),
    dataDir,
    window,
    events,
    async reopen(more = {}) {
      await fx.services.close();
      fx.services = await createDeskServices({ ...config(), ...more });
      fx.services.onEvent((name, payload) => events.push({ name, payload }));
    },
    async dispose() {
      await fx.services.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
  fx.services.onEvent((name, payload) => events.push({ name, payload }));
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
