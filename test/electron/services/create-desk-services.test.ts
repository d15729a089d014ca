import { dispatchDeskCall } from '../../../common/desk-api/index.js';
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
});
