import { randomUUID } from 'node:crypto';
import type { Change } from '../../../common/domain/index.js';
import { destroyExpired } from '../../../server/retention/destroy.js';
import { startServer, ENGINES, isProblem, type TestServer } from '../helpers.js';

describe.each(ENGINES)('retention and the 파기 대장 (%s)', (engine) => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startServer(engine);
  });
  afterAll(async () => {
    await s?.close();
  });

  it('destroys expired call logs with their feed and idempotency copies, tells replicas, and registers it', async () => {
    const token = await s.login('counsellor1');
    const id = randomUUID();
    const put = await s.call('PUT', `/call-logs/${id}`, { token, body: { channel: 'phone', startedAt: new Date().toISOString(), durationSec: 10, need: '오래된 기록' } });
    expect(put.status).toBe(201);
    const inFourYears = new Date(Date.now() + 4 * 365.25 * 86_400_000);
    // Access log kept 5 years here: it is destroyed on its own clock, not with the records.
    const runs = await destroyExpired(s.app.store, { ...s.config, retentionYears: { ...s.config.retentionYears, accessLog: 5 } }, inFourYears);
    expect(runs.find((r) => r.class === 'call_logs')?.count).toBeGreaterThanOrEqual(1);
    expect(await s.app.store.db.selectFrom('call_logs').select('id').where('id', '=', id).executeTakeFirst()).toBeUndefined();
    expect(await s.app.store.db.selectFrom('idempotency_keys').select('key').where('key', '=', id).executeTakeFirst()).toBeUndefined();
    const feed = await s.app.store.db.selectFrom('changes').select(['data']).where('record_id', '=', id).execute();
    expect(feed.map((r) => JSON.parse(r.data) as Change['data'])).toEqual([null]);
    // The access log outlives the records it describes.
    expect((await s.app.store.db.selectFrom('access_log').select('id').where('record_id', '=', id).execute()).length).toBeGreaterThan(0);
    const admin = await s.login('admin');
    const register = await s.call('GET', '/retention/destructions', { token: admin });
    expect((register.body as { items: { class: string; count: number; rule: string }[] }).items.find((d) => d.class === 'call_logs'))
      .toMatchObject({ count: expect.any(Number), rule: expect.stringContaining('BOKJI_RETENTION_YEARS_CALL_LOGS') });
    expect(isProblem(await s.call('GET', '/retention/destructions', { token }), 403)).toBe(true);
  });
});
