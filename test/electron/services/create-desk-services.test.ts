import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dispatchDeskCall } from '../../../common/desk-api/index.js';
import { LEGACY_STORE_FILE } from '../../../electron/services/vault/vault.js';
import { type DeskFixture, startDesk } from './fixtures.js';

let desk: DeskFixture;
beforeEach(async () => {
  desk = await startDesk({ demoHint: { usernames: ['counsellor1'], password: 'demo-pass' } });
});
afterEach(async () => {
  await desk.dispose();
});

describe('createDeskServices (signed out, no server)', () => {
  it('reports a signed-out session with the demo hint and a signedOut sync status', async () => {
    const state = await desk.services.handlers.session.getState(undefined);
    expect(state).toMatchObject({ signedIn: false, counsellor: null, locked: false, idleLockMinutes: 10, demoHint: { usernames: ['counsellor1'], password: 'demo-pass' } });
    expect((await desk.services.handlers.sync.getStatus(undefined)).state).toBe('signedOut');
  });

  it('every handler result passes the DeskApi result schema', async () => {
    for (const channel of ['session:getState', 'sync:getStatus', 'window:getState', 'settings:get', 'settings:workstation']) {
      const res = await dispatchDeskCall(desk.services.handlers, channel, undefined);
      expect(res.ok, channel).toBe(true);
    }
  });

  it('nothing of a counsellor opens before a sign-in: replica reads and writes are refused as unauthenticated', async () => {
    for (const [channel, arg] of [
      ['inbox:send', { conversationId: '00000000-0000-4000-8000-000000000001', body: '안녕하세요' }],
      ['inbox:list', { view: 'all' }],
      ['calls:list', {}],
      ['inbox:saveDraft', { conversationId: '00000000-0000-4000-8000-000000000001', body: '초안' }],
      ['privacy:reveal', { entity: 'callLog', recordId: 'x' }],
      ['settings:set', { soundMuted: true }],
      ['session:lock', undefined],
    ] as const) {
      const res = await dispatchDeskCall(desk.services.handlers, channel, arg);
      expect(res, channel).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
    }
    expect(await desk.services.handlers.settings.get(undefined)).toEqual({ language: 'ko', soundMuted: false, notifications: true });
  });

  it('pins by default, remembers the pin state (a workstation setting) and applies it through the window control', async () => {
    expect(desk.window.pinned).toEqual([true]);
    const st = await desk.services.handlers.window.togglePinned(undefined);
    expect(st).toEqual({ pinned: false, host: 'web' });
    expect(desk.events.some((e) => e.name === 'window:onStateChange')).toBe(true);
    await desk.reopen();
    expect(await desk.services.handlers.window.getState(undefined)).toEqual({ pinned: false, host: 'web' });
    expect(desk.window.pinned.at(-1)).toBe(false);
  });

  it('a login to an unreachable server with no replica on this PC is reported as offline with the address', async () => {
    const res = await dispatchDeskCall(desk.services.handlers, 'session:login', { serverUrl: 'http://127.0.0.1:9', username: 'a', password: 'b' });
    expect(res).toMatchObject({ ok: false, error: { code: 'offline' } });
    expect(!res.ok && res.error.message).toContain('127.0.0.1:9');
  });

  it('main accepts only https or loopback http: a plain http proposal to another host is refused before any request', async () => {
    const res = await dispatchDeskCall(desk.services.handlers, 'session:login', { serverUrl: 'http://bokji.example.kr', username: 'a', password: 'b' });
    expect(res).toMatchObject({ ok: false, error: { code: 'invalid_argument' } });
    expect(!res.ok && res.error.message).toMatch(/https/);
  });

  it('the workstation policy is admin-only and validated', async () => {
    const res = await dispatchDeskCall(desk.services.handlers, 'settings:setWorkstation', { idleLockMinutes: 5 });
    expect(res).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
    const bad = await dispatchDeskCall(desk.services.handlers, 'settings:setWorkstation', { idleLockMinutes: 31 });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_argument' } });
  });

  it('a damaged plain replica of an earlier version is removed at start-up and reported', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'bokji-desk-corrupt-'));
    try {
      await writeFile(join(dir, LEGACY_STORE_FILE), 'not a database at all '.repeat(100));
      const warnings: string[] = [];
      const d = await startDesk({ dataDir: dir, onWarning: (w) => warnings.push(w) });
      expect(warnings).toHaveLength(1);
      expect((await d.services.handlers.sync.getStatus(undefined)).lastError).toBe(warnings[0]);
      expect((await readdir(dir)).filter((f) => f.startsWith(LEGACY_STORE_FILE))).toEqual([]);
      await d.services.close();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
