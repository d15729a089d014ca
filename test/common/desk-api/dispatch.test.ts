import { describe, expect, it } from 'vitest';
import {
  createDeskClient, DESK_CHANNELS, DESK_EVENT_CHANNELS, DeskError, dispatchDeskCall, toDeskError,
  type DeskHandlers,
} from '../../../common/desk-api/index.js';

const counsellor = { id: '6f1c1c7e-8f7e-4a59-9f7e-1d2b3c4d5e6f', username: 'counsellor1', displayName: '김상담', role: 'counsellor', active: true, presence: 'offline', presenceSince: null } as const;
const signedIn = { signedIn: true, counsellor, serverUrl: 'http://127.0.0.1:8787', demoHint: null, reason: null, locked: false, idleLockMinutes: 10, serverUrlEditable: false, offline: false };

function handlers(overrides: Record<string, Record<string, (a: unknown) => Promise<unknown>>>): DeskHandlers {
  return overrides as unknown as DeskHandlers;
}

describe('dispatchDeskCall', () => {
  it('lists a channel for every method of every namespace', () => {
    expect(DESK_CHANNELS).toContain('session:login');
    expect(DESK_CHANNELS).toContain('calls:export');
    expect(DESK_EVENT_CHANNELS).toContain('sync:onSyncStatus');
    expect(DESK_CHANNELS.every((c) => /^[a-z]+:[a-zA-Z]+$/.test(c))).toBe(true);
  });

  it('passes the parsed argument (with defaults) and returns the validated result', async () => {
    let seen: unknown;
    const h = handlers({ session: { login: async (a) => ((seen = a), signedIn) } });
    const res = await dispatchDeskCall(h, 'session:login', { serverUrl: 'http://127.0.0.1:8787', username: ' counsellor1 ', password: 'x' });
    expect(res).toEqual({ ok: true, value: signedIn });
    expect(seen).toEqual({ serverUrl: 'http://127.0.0.1:8787', username: 'counsellor1', password: 'x' });
  });

  it('refuses an invalid argument with the field that is wrong, without calling the handler', async () => {
    let called = false;
    const h = handlers({ session: { login: async () => ((called = true), signedIn) } });
    const res = await dispatchDeskCall(h, 'session:login', { serverUrl: 'file:///etc/passwd', username: '', password: 'x' });
    expect(called).toBe(false);
    expect(res.ok).toBe(false);
    if (!res.ok) {
      expect(res.error.code).toBe('invalid_argument');
      expect(res.error.issues?.map((i) => i.path)).toEqual(expect.arrayContaining(['serverUrl', 'username']));
    }
  });

  it('refuses unknown and prototype-polluting channel names', async () => {
    for (const channel of ['nope:x', 'session:__proto__', '__proto__:toString', 'session', '']) {
      const res = await dispatchDeskCall(handlers({}), channel, undefined);
      expect(res.ok).toBe(false);
    }
  });

  it('turns a thrown DeskError into its code and any other throw into internal', async () => {
    const h = handlers({
      session: {
        getState: async () => {
          throw new DeskError('unauthenticated', '다시 로그인하세요');
        },
        logout: async () => {
          throw new Error('boom');
        },
      },
    });
    expect(await dispatchDeskCall(h, 'session:getState', undefined)).toEqual({
      ok: false,
      error: { code: 'unauthenticated', message: '다시 로그인하세요' },
    });
    const res = await dispatchDeskCall(h, 'session:logout', undefined);
    expect(res.ok === false && res.error.code).toBe('internal');
  });

  it('refuses a handler result that breaks the contract', async () => {
    const h = handlers({ session: { getState: async () => ({ signedIn: 'yes' }) } });
    const res = await dispatchDeskCall(h, 'session:getState', undefined);
    expect(res.ok === false && res.error.code).toBe('internal');
  });
});

describe('createDeskClient', () => {
  it('round-trips calls and rethrows failures as DeskError, or as plain data for the contextBridge', async () => {
    const h = handlers({ window: { getState: async () => ({ pinned: true, host: 'web' }) } });
    const transport = { invoke: (c: string, a: unknown) => dispatchDeskCall(h, c, a), subscribe: () => () => {} };
    const desk = createDeskClient(transport);
    await expect(desk.window.getState()).resolves.toEqual({ pinned: true, host: 'web' });
    await expect(desk.window.setPinned({ pinned: 'x' as unknown as boolean })).rejects.toBeInstanceOf(DeskError);

    const bridged = createDeskClient(transport, { plainErrors: true });
    const err: unknown = await bridged.window.setPinned({ pinned: 'x' as unknown as boolean }).catch((e: unknown) => e);
    expect(err).not.toBeInstanceOf(Error);
    expect(toDeskError(err).code).toBe('invalid_argument');
  });

  it('subscribes to events and hands back an unsubscribe', () => {
    const subs: string[] = [];
    const desk = createDeskClient({
      invoke: async () => ({ ok: true, value: null }),
      subscribe: (channel) => (subs.push(channel), () => subs.splice(subs.indexOf(channel), 1)),
    });
    const off = desk.sync.onSyncStatus(() => {});
    expect(subs).toEqual(['sync:onSyncStatus']);
    off();
    expect(subs).toEqual([]);
    expect(Object.isFrozen(desk) && Object.isFrozen(desk.sync)).toBe(true);
  });
});
