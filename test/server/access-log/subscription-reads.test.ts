import { randomUUID } from 'node:crypto';
import type { AccessLogEntry } from '../../../common/rest/access-log.js';
import { CONSENT_STATEMENT } from '../../../common/subscriptions/index.js';
import { ENGINES, type TestServer } from '../helpers.js';
import { useSubscriptionWorld } from '../subscriptions/support.js';

/** Issue 14 × issue 12: reads of subscribers and of a notice's recipients are in the access log. */
describe.each(ENGINES)('access log of subscriber and recipient reads (%s)', (engine) => {
  let s: TestServer;
  let admin: string;
  let supervisor: string;
  let counsellor: string;

  const world = useSubscriptionWorld(engine);
  beforeAll(() => {
    ({ s, admin, supervisor, counsellor } = world);
  });

  const entries = async (query: string) => {
    const res = await s.call('GET', `/access-log?${query}`, { token: admin });
    expect(res.status).toBe(200);
    return (res.body as { items: AccessLogEntry[] }).items;
  };

  it('logs a subscriber view and a counsellor-assisted change with whose data (hashed, masked), and the masked list with its row count', async () => {
    const key = `acl-${randomUUID()}`;
    const put = await s.call('PUT', `/subscribers/${key}`, {
      token: counsellor, headers: { 'x-bokji-desk-id': 'desk-b1' },
      body: { topics: ['housing'], consent: { method: 'phone', statement: CONSENT_STATEMENT } },
    });
    expect(put.status).toBe(200);
    expect((await s.call('GET', `/subscribers/${key}`, { token: counsellor, headers: { 'x-bokji-desk-id': 'desk-b1' } })).status).toBe(200);

    const mine = await entries(`subject=${encodeURIComponent(key)}`);
    const view = mine.find((e) => e.action === 'view');
    const update = mine.find((e) => e.action === 'update');
    expect(view).toMatchObject({ entity: 'subscriber', deskId: 'desk-b1', actorName: expect.any(String) });
    expect(update).toMatchObject({ entity: 'subscriber', reason: 'consent phone' });
    expect(view!.subject!.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(view!.subject!.display).not.toContain(key);

    const list = await s.call('GET', '/subscribers?topic=housing&limit=5', { token: supervisor });
    expect(list.status).toBe(200);
    const rows = (list.body as { items: unknown[] }).items.length;
    const [listed] = (await entries('action=list')).filter((e) => e.entity === 'subscriber');
    expect(listed).toMatchObject({ entity: 'subscriber', rows });
  });

  it('logs a read of a notice\'s recipients with the notice id and the row count; a refused read is not logged', async () => {
    const tag = randomUUID().slice(0, 8);
    for (const k of [`r1-${tag}`, `r2-${tag}`]) {
      expect((await s.call('PUT', `/subscribers/${k}`, { token: counsellor, body: { topics: ['district'], consent: { method: 'visit', statement: CONSENT_STATEMENT } } })).status).toBe(200);
    }
    const id = randomUUID();
    expect((await s.call('POST', '/broadcasts', { token: admin, body: { id, title: `구정 소식 ${tag}`, body: '구청 행사를 알려 드립니다', topics: ['district'] } })).status).toBe(201);
    expect((await s.call('POST', `/broadcasts/${id}/submit`, { token: admin })).status).toBe(200);
    expect((await s.call('POST', `/broadcasts/${id}/approve`, { token: supervisor })).status).toBe(200);

    expect((await s.call('GET', `/broadcasts/${id}/recipients`, { token: counsellor })).status).toBe(403);
    expect(await entries(`recordId=${id}`)).toEqual([]);

    const res = await s.call('GET', `/broadcasts/${id}/recipients?limit=1000`, { token: supervisor });
    expect(res.status).toBe(200);
    const items = (res.body as { items: unknown[] }).items;
    expect(items.length).toBeGreaterThanOrEqual(2);
    const logged = await entries(`recordId=${id}`);
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({ action: 'list', entity: 'broadcast_recipient', recordId: id, rows: items.length });
  });
});
