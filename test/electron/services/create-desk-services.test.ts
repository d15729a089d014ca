import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dispatchDeskCall } from '../../../common/desk-api/index.js';
import { STORE_FILE_NAME } from '../../../electron/services/create-desk-services.js';
import { openStore } from '../../../electron/services/store/index.js';
import { fakeSecretStore, type DeskFixture, startDesk } from './fixtures.js';

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
    expect(state).toMatchObject({ signedIn: false, counsellor: null, demoHint: { usernames: ['counsellor1'], password: 'demo-pass' } });
    expect((await desk.services.handlers.sync.getStatus(undefined)).state).toBe('signedOut');
  });

  it('every handler result passes the DeskApi result schema', async () => {
    for (const channel of ['session:getState', 'sync:getStatus', 'window:getState', 'settings:get', 'programmes:favourites', 'sync:conflicts']) {
      const res = await dispatchDeskCall(desk.services.handlers, channel, undefined);
      expect(res.ok, channel).toBe(true);
    }
  });

  it('persists settings and emits settings:onChange', async () => {
    const s = await desk.services.handlers.settings.set({ soundMuted: true });
    expect(s).toEqual({ language: 'ko', soundMuted: true, notifications: true });
    expect(desk.events.filter((e) => e.name === 'settings:onChange')).toHaveLength(1);
    await desk.reopen();
    expect(await desk.services.handlers.settings.get(undefined)).toEqual({ language: 'ko', soundMuted: true, notifications: true });
  });

  it('pins by default, remembers the pin state and applies it through the window control', async () => {
    expect(desk.window.pinned).toEqual([true]);
    const st = await desk.services.handlers.window.togglePinned(undefined);
    expect(st).toEqual({ pinned: false, host: 'web' });
    expect(desk.events.some((e) => e.name === 'window:onStateChange')).toBe(true);
    await desk.reopen();
    expect(await desk.services.handlers.window.getState(undefined)).toEqual({ pinned: false, host: 'web' });
    expect(desk.window.pinned.at(-1)).toBe(false);
  });

  it('writes need a session: inbox.send is refused as unauthenticated', async () => {
    const res = await dispatchDeskCall(desk.services.handlers, 'inbox:send', {
      conversationId: '00000000-0000-4000-8000-000000000001', body: '안녕하세요',
    });
    expect(res).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
  });

  it('a login to an unreachable server is reported as offline with the address', async () => {
    const res = await dispatchDeskCall(desk.services.handlers, 'session:login', { serverUrl: 'http://127.0.0.1:9', username: 'a', password: 'b' });
    expect(res).toMatchObject({ ok: false, error: { code: 'offline' } });
    expect(!res.ok && res.error.message).toContain('127.0.0.1:9');
  });

  it('keeps reply drafts per conversation across a restart', async () => {
    const id = '00000000-0000-4000-8000-0000000000aa';
    await desk.services.handlers.inbox.saveDraft({ conversationId: id, body: '작성 중인 답장' });
    await desk.reopen();
    expect(await desk.services.handlers.inbox.getDraft({ conversationId: id })).toEqual({ body: '작성 중인 답장' });
    await desk.services.handlers.inbox.saveDraft({ conversationId: id, body: '' });
    expect(await desk.services.handlers.inbox.getDraft({ conversationId: id })).toEqual({ body: '' });
  });

  it('a stored session whose token has expired starts signed out with the reason; one that has not starts signed in', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'bokji-desk-session-'));
    try {
      const store = await openStore(join(dir, STORE_FILE_NAME));
      const counsellor = { id: '00000000-0000-4000-8000-0000000000c1', username: 'counsellor1', displayName: '상담원', role: 'counsellor', active: true };
      await store.run('UPDATE session SET server_url = ?, counsellor = ?, token_enc = ?, expires_at = ? WHERE id = 1', [
        'http://127.0.0.1:9', JSON.stringify(counsellor), await fakeSecretStore.encrypt('tok'), '2026-01-01T00:00:00Z',
      ]);
      await store.close();
      const later = await startDesk({ dataDir: dir, now: () => new Date('2026-06-01T00:00:00Z') });
      const state = await later.services.handlers.session.getState(undefined);
      expect(state).toMatchObject({ signedIn: false, counsellor: null });
      expect(state.reason).toMatch(/만료/);
      await later.services.close();

      const again = await openStore(join(dir, STORE_FILE_NAME));
      await again.run('UPDATE session SET counsellor = ?, token_enc = ?, expires_at = ? WHERE id = 1', [
        JSON.stringify(counsellor), await fakeSecretStore.encrypt('tok'), '2027-01-01T00:00:00Z',
      ]);
      await again.close();
      const earlier = await startDesk({ dataDir: dir, now: () => new Date('2026-06-01T00:00:00Z') });
      expect(await earlier.services.handlers.session.getState(undefined)).toMatchObject({ signedIn: true, counsellor: { username: 'counsellor1' } });
      await earlier.services.close();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('a damaged local file is moved aside, reported to the host and shown in the sync status', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'bokji-desk-corrupt-'));
    try {
      await writeFile(join(dir, STORE_FILE_NAME), 'not a database at all '.repeat(100));
      const warnings: string[] = [];
      const d = await startDesk({ dataDir: dir, onWarning: (w) => warnings.push(w) });
      expect(warnings).toHaveLength(1);
      expect((await d.services.handlers.sync.getStatus(undefined)).lastError).toBe(warnings[0]);
      expect((await readdir(dir)).some((f) => f.startsWith(`${STORE_FILE_NAME}.corrupt-`))).toBe(true);
      await d.services.close();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
