import { describe, expect, it } from 'vitest';
import { DeskError } from '../../../../common/desk-api/index.js';
import type { Counsellor } from '../../../../common/domain/index.js';
import { createBroadcastService } from '../../../../electron/services/broadcasts/broadcast-service.js';
import { createRestClient } from '../../../../electron/services/rest/index.js';
import type { SessionService } from '../../../../electron/services/session/session-service.js';

const ID = '6f1c1c7e-8f7e-4a59-9f7e-1d2b3c4d5e6f';
const me = (role: Counsellor['role']): Counsellor => ({ id: ID, username: 'u', displayName: '팀장', role, active: true, presence: 'available', presenceSince: null });

function service(role: Counsellor['role'], answer: (url: URL, init: RequestInit) => Response) {
  const requests: Array<{ url: URL; init: RequestInit }> = [];
  const expired: string[] = [];
  const session = {
    requireCounsellor: () => me(role),
    expire: async (why: string) => void expired.push(why),
  } as unknown as SessionService;
  const rest = createRestClient({
    baseUrl: () => 'http://127.0.0.1:1',
    token: () => 'token',
    fetch: (async (input: string | URL, init: RequestInit = {}) => {
      const url = new URL(String(input));
      requests.push({ url, init });
      return answer(url, init);
    }) as typeof fetch,
  });
  return { handlers: createBroadcastService({ rest, session }).handlers, requests, expired };
}

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
const problem = (status: number, detail: string) =>
  new Response(JSON.stringify({ type: 'about:blank', title: 'Forbidden', status, detail }), { status, headers: { 'content-type': 'application/problem+json' } });

describe('broadcast service (desk side of 구독 소식)', () => {
  it('sends the audience query with each topic and 동 as a repeated parameter', async () => {
    const { handlers, requests } = service('supervisor', () => json(200, { count: 7 }));
    expect(await handlers.audience({ topics: ['housing', 'jobs'], dongs: ['가산동'], lifeStages: [] })).toEqual({ count: 7 });
    const url = requests[0]!.url;
    expect(url.pathname).toBe('/api/v1/broadcasts/audience');
    expect(url.searchParams.getAll('topics')).toEqual(['housing', 'jobs']);
    expect(url.searchParams.getAll('dongs')).toEqual(['가산동']);
    expect(url.searchParams.has('lifeStages')).toBe(false);
  });

  it("keeps the server's reason on a 403 (the author approving their own notice)", async () => {
    const reason = '작성자는 자기 소식을 승인할 수 없습니다. 다른 팀장이나 관리자가 승인해야 합니다 (four-eyes rule: the author cannot approve).';
    const { handlers, requests } = service('admin', () => problem(403, reason));
    const err = await handlers.approve({ id: ID }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DeskError);
    expect(err).toMatchObject({ code: 'forbidden', message: reason });
    expect(requests[0]!.init.method).toBe('POST');
    expect(requests[0]!.url.pathname).toBe(`/api/v1/broadcasts/${ID}/approve`);
  });

  it('refuses notices to a counsellor before asking the server, but lets them look up and subscribe a citizen', async () => {
    const { handlers, requests } = service('counsellor', () => json(200, { citizenKey: 'k-1', status: 'none', topics: [], dongs: [], lifeStages: [], consentedAt: null, reconfirmDueAt: null, history: [] }));
    await expect(handlers.list({ limit: 10 })).rejects.toMatchObject({ code: 'forbidden' });
    await expect(handlers.subscribers({ limit: 10 })).rejects.toMatchObject({ code: 'forbidden' });
    expect(requests).toHaveLength(0);
    expect(await handlers.subscriber({ citizenKey: 'k/1' })).toMatchObject({ status: 'none' });
    expect(requests[0]!.url.pathname).toBe('/api/v1/subscribers/k%2F1');
  });

  it('creates with the id as Idempotency-Key; an unreachable server is offline; a 401 ends the session', async () => {
    let mode: 'down' | 'expired' = 'down';
    const { handlers, requests, expired } = service('supervisor', () => {
      if (mode === 'down') throw new TypeError('fetch failed');
      return problem(401, '세션이 만료되었습니다');
    });
    const input = { id: ID, title: '제목', body: '내용', topics: ['housing'], dongs: [], lifeStages: [], buttons: [], programmeId: null, scheduledAt: null };
    await expect(handlers.create(input)).rejects.toMatchObject({ code: 'offline' });
    expect((requests[0]!.init.headers as Record<string, string>)['idempotency-key']).toBe(ID);
    mode = 'expired';
    await expect(handlers.submit({ id: ID })).rejects.toMatchObject({ code: 'unauthenticated' });
    expect(expired).toHaveLength(1);
  });
});
