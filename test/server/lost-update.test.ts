import { randomUUID } from 'node:crypto';
import Fastify from 'fastify';
import { Conversation } from '../../common/domain/index.js';
import { signKakaoBody } from '../../server/channels/kakao/index.js';
import { parseStored } from '../../server/db/json.js';
import { installProblemHandlers } from '../../server/http/problem.js';
import { ENGINES, WEBHOOK_SECRET, startServer, type TestServer } from './helpers.js';

// Every write reads the conversation and writes it back whole; on PostgreSQL two of them at once
// must not both start from the same version (the second would undo the first).
describe.each(ENGINES)('concurrent writes to one conversation (%s)', (engine) => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startServer(engine);
  });
  afterAll(async () => {
    await s?.close();
  });

  const webhook = (userKey: string, message: string) => {
    const raw = JSON.stringify({ serial_number: randomUUID(), event: 'message', user_key: userKey, message_type: 'TX', message, time: new Date().toISOString() });
    return s.call('POST', `${s.url}/api/v1/channels/kakao/webhook`, {
      rawBody: raw,
      headers: { 'content-type': 'application/json', 'x-bokji-signature': signKakaoBody(raw, WEBHOOK_SECRET) },
    });
  };

  it('citizen messages and counsellor notes arriving together lose no update and never share a version', async () => {
    const token = await s.login('counsellor1');
    const userKey = `citizen-${randomUUID()}`;
    expect((await webhook(userKey, '첫 문의')).status).toBe(200);
    const row = await s.app.store.db.selectFrom('conversations').select('data').where('citizen_key', '=', userKey).executeTakeFirstOrThrow();
    const start = parseStored(Conversation, row.data, 'conversations');
    const n = 12;
    const results = await Promise.all([
      ...Array.from({ length: n }, (_, i) => webhook(userKey, `추가 문의 ${i}`)),
      ...Array.from({ length: n }, (_, i) =>
        s.call('POST', `/conversations/${start.id}/messages`, { token, body: { id: randomUUID(), direction: 'note', body: `메모 ${i}` } })),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([...Array(n).fill(200), ...Array(n).fill(201)].sort());
    const end = (await s.call('GET', `/conversations/${start.id}`, { token })).body as Conversation;
    expect(end.unreadCount).toBe(1 + n);
    expect(end.version).toBe(start.version + 2 * n);
    const feed = await s.app.store.db.selectFrom('changes').select('data').where('entity', '=', 'conversation').where('record_id', '=', start.id).execute();
    const versions = feed.map((f) => parseStored(Conversation, f.data, 'conversations').version);
    expect(new Set(versions).size).toBe(versions.length);
  });
});

describe('a write PostgreSQL cancelled to break a deadlock', () => {
  it('is a 409 problem with Retry-After, not a 500', async () => {
    const app = Fastify({ logger: false });
    installProblemHandlers(app);
    app.get('/deadlock', async () => {
      throw Object.assign(new Error('deadlock detected'), { code: '40P01' });
    });
    app.get('/bug', async () => {
      throw new Error('a real bug');
    });
    try {
      const res = await app.inject({ method: 'GET', url: '/deadlock' });
      expect(res.statusCode).toBe(409);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.headers['retry-after']).toBe('1');
      expect((await app.inject({ method: 'GET', url: '/bug' })).statusCode).toBe(500);
    } finally {
      await app.close();
    }
  });
});
