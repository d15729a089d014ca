import { describe, expect, it } from 'vitest';
import { DESK_CHANNELS, dispatchDeskCall, type DeskHandlers } from '../../../common/desk-api/index.js';
import { CONSENT_STATEMENT } from '../../../common/subscriptions/index.js';

/** The 구독 소식 calls across IPC: what the renderer may send is checked before the service sees it. */
const ID = '6f1c1c7e-8f7e-4a59-9f7e-1d2b3c4d5e6f';
const valid = { id: ID, title: '행복주택 모집', body: '모집합니다 https://www.geumcheon.go.kr', topics: ['housing'] };

function recording(): { handlers: DeskHandlers; seen: unknown[] } {
  const seen: unknown[] = [];
  const handler = async (a: unknown) => {
    seen.push(a);
    throw new Error('not reached in these tests');
  };
  const broadcasts = new Proxy({}, { get: () => handler });
  return { handlers: { broadcasts } as unknown as DeskHandlers, seen };
}

async function refused(channel: string, arg: unknown): Promise<string[]> {
  const { handlers, seen } = recording();
  const res = await dispatchDeskCall(handlers, channel, arg);
  expect(seen).toEqual([]);
  expect(res.ok).toBe(false);
  if (res.ok) return [];
  expect(res.error.code).toBe('invalid_argument');
  return (res.error.issues ?? []).map((i) => `${i.path}: ${i.message}`);
}

describe('broadcasts IPC validation', () => {
  it('has a channel per call', () => {
    for (const m of ['topics', 'audience', 'list', 'get', 'create', 'update', 'submit', 'approve', 'cancel', 'pause', 'resume', 'recipients', 'report', 'subscribers', 'subscriber', 'saveSubscriber']) {
      expect(DESK_CHANNELS).toContain(`broadcasts:${m}`);
    }
  });

  it('passes a valid notice on with its defaults', async () => {
    const { handlers, seen } = recording();
    await dispatchDeskCall(handlers, 'broadcasts:create', valid);
    expect(seen).toEqual([{ ...valid, dongs: [], lifeStages: [], buttons: [], programmeId: null, scheduledAt: null }]);
  });

  it('refuses http links, a text over 1000 characters, no topic, a bad id, a bad button', async () => {
    expect((await refused('broadcasts:create', { ...valid, body: '보기 http://example.com' })).join()).toContain('https://');
    expect((await refused('broadcasts:create', { ...valid, body: '가'.repeat(1001) })).join()).toContain('body');
    expect((await refused('broadcasts:create', { ...valid, topics: [] })).join()).toContain('주제를 하나 이상');
    expect((await refused('broadcasts:create', { ...valid, id: 'not-a-uuid' })).join()).toContain('id');
    expect((await refused('broadcasts:create', { ...valid, buttons: [{ name: '보기', url: 'javascript:alert(1)' }] })).join()).toContain('https://');
    expect((await refused('broadcasts:create', { ...valid, dongs: ['강남동'] })).join()).toContain('금천구');
    expect((await refused('broadcasts:update', { id: ID, patch: { body: 'ftp://x.kr/a' } })).join()).toContain('https://');
  });

  it('refuses bad ids on the transitions and bad recipient/subscriber queries', async () => {
    for (const m of ['submit', 'approve', 'cancel', 'pause', 'resume', 'get', 'report']) await refused(`broadcasts:${m}`, { id: '../../counsellors' });
    await refused('broadcasts:recipients', { id: ID, status: 'everyone' });
    await refused('broadcasts:recipients', { id: ID, cursor: '1; drop table' });
    await refused('broadcasts:subscribers', { limit: 100_000 });
    await refused('broadcasts:subscribers', { topic: 'HOUSING!' });
    await refused('broadcasts:audience', { topics: [] });
  });

  it('a counsellor-assisted subscription needs a key, a known method and the statement read', async () => {
    const ok = { citizenKey: 'kakao-1', topics: ['housing'], consent: { method: 'phone', statement: CONSENT_STATEMENT } };
    const { handlers, seen } = recording();
    await dispatchDeskCall(handlers, 'broadcasts:saveSubscriber', ok);
    expect(seen).toEqual([ok]);
    expect((await refused('broadcasts:saveSubscriber', { ...ok, citizenKey: '  ' })).join()).toContain('citizenKey');
    await refused('broadcasts:saveSubscriber', { ...ok, consent: { method: 'email', statement: CONSENT_STATEMENT } });
    expect((await refused('broadcasts:saveSubscriber', { ...ok, consent: { method: 'phone', statement: ' ' } })).join()).toContain('동의 문구');
    await refused('broadcasts:subscriber', { citizenKey: 'x'.repeat(129) });
  });

  it('checks the result too: a malformed notice from the service becomes an internal error', async () => {
    const handlers = { broadcasts: { get: async () => ({ id: ID, title: 1 }) } } as unknown as DeskHandlers;
    const res = await dispatchDeskCall(handlers, 'broadcasts:get', { id: ID });
    expect(res).toMatchObject({ ok: false, error: { code: 'internal' } });
  });
});
