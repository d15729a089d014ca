import { randomUUID } from 'node:crypto';
import type { Message } from '../../common/domain/index.js';
import { signKakaoBody } from '../../server/channels/kakao/index.js';
import { encodeCursor } from '../../server/db/paging.js';
import { findNulByte } from '../../server/http/nul-guard.js';
import { ENGINES, WEBHOOK_SECRET, isProblem, startServer, type TestServer } from './helpers.js';

// PostgreSQL cannot store U+0000 in text and fails the statement: these were 500s there.
describe.each(ENGINES)('NUL characters in input (%s)', (engine) => {
  let s: TestServer;
  let admin: string;
  beforeAll(async () => {
    s = await startServer(engine);
    admin = await s.login('admin');
  });
  afterAll(async () => {
    await s?.close();
  });

  const webhook = (payload: Record<string, unknown>) => {
    const raw = JSON.stringify(payload);
    return s.call('POST', `${s.url}/api/v1/channels/kakao/webhook`, {
      rawBody: raw,
      headers: { 'content-type': 'application/json', 'x-bokji-signature': signKakaoBody(raw, WEBHOOK_SECRET) },
    });
  };

  it('answers a NUL in a query, a path parameter, a cursor or a body with 400 naming the place, and writes nothing', async () => {
    const before = await s.countRows();
    for (const path of ['/conversations?q=%00', '/call-logs?q=a%00b', '/programmes?q=%00', '/call-logs?phone=010%00']) {
      const r = await s.call('GET', path, { token: admin });
      expect(isProblem(r, 400), `${path}: ${r.text}`).toBe(true);
      expect((r.body as { detail: string }).detail).toMatch(/^querystring\.(q|phone): NUL/);
    }
    const byId = await s.call('GET', '/programmes/abc%00', { token: admin });
    expect(isProblem(byId, 400)).toBe(true);
    expect((byId.body as { detail: string }).detail).toContain('params.id');
    const cursor = await s.call('GET', `/conversations?cursor=${encodeCursor('2026\u0000', 'x')}`, { token: admin });
    expect(isProblem(cursor, 400)).toBe(true);
    const login = await s.call('POST', '/auth/login', { body: { username: 'admin\u0000', password: 'x' } });
    expect(isProblem(login, 400)).toBe(true);
    expect((login.body as { errors: { path: string }[] }).errors[0]!.path).toBe('body.username');
    const key = await s.call('POST', '/canned-replies', { token: admin, body: { title: '인사', body: '안녕하세요', ['x\u0000']: 1 } });
    expect(isProblem(key, 400)).toBe(true);
    expect(await s.countRows()).toEqual(before);
  });

  it('keeps a citizen\'s message with a stray NUL (stripped), and refuses one in user_key', async () => {
    const userKey = `citizen-${randomUUID()}`;
    const base = { event: 'message', user_key: userKey, message_type: 'TX', time: new Date().toISOString() };
    const ok = await webhook({ ...base, serial_number: randomUUID(), message: '월세\u0000 지원 문의' });
    expect(ok.status).toBe(200);
    const row = await s.app.store.db
      .selectFrom('messages')
      .innerJoin('conversations', 'conversations.id', 'messages.conversation_id')
      .select('messages.data as data')
      .where('conversations.citizen_key', '=', userKey)
      .executeTakeFirstOrThrow();
    expect((JSON.parse(row.data) as Message).body).toBe('월세 지원 문의');
    const badKey = await webhook({ ...base, serial_number: randomUUID(), user_key: 'a\u0000b', message: '안녕하세요' });
    expect(isProblem(badKey, 400)).toBe(true);
    const badSerial = await webhook({ ...base, serial_number: 'sn\u0000', message: '안녕하세요' });
    expect(isProblem(badSerial, 400)).toBe(true);
    const badImage = await webhook({ ...base, serial_number: randomUUID(), message_type: 'IM', message: '', image_url: 'https://example.com/a\u0000.png' });
    expect(badImage.status).toBeLessThan(500);
  });
});

describe('findNulByte', () => {
  it('names the first string or key holding U+0000 and ignores buffers', () => {
    expect(findNulByte({ a: [1, 'x', { b: 'y\u0000' }] }, 'body')).toBe('body.a.2.b');
    expect(findNulByte({ ['k\u0000']: 1 }, 'body')).toBe('body.k\u0000');
    expect(findNulByte(Buffer.from([0]), 'body')).toBeNull();
    expect(findNulByte({ a: 'fine', n: null }, 'body')).toBeNull();
  });
});
