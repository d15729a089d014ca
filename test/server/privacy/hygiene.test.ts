import { redactUrl } from '../../../server/http/security-headers.js';
import type { Conversation, Programme } from '../../../common/domain/index.js';
import { startServer, ENGINES, isProblem, type TestServer } from '../helpers.js';

describe('request-log redaction', () => {
  it('keeps paging and filters, hides search terms, phones and names', () => {
    expect(redactUrl('/api/v1/call-logs?phone=01012345678&q=%ED%99%8D%EA%B8%B8%EB%8F%99&limit=5')).toBe('/api/v1/call-logs?phone=[redacted]&q=[redacted]&limit=5');
    expect(redactUrl('/api/v1/conversations')).toBe('/api/v1/conversations');
  });
});

describe.each(ENGINES)('transport and input hygiene (%s)', (engine) => {
  let s: TestServer;
  let admin: string;
  beforeAll(async () => {
    s = await startServer(engine);
    admin = await s.login('admin');
  });
  afterAll(async () => {
    await s?.close();
  });

  it('personal-data responses carry no-store, nosniff and no-referrer, errors too', async () => {
    for (const res of [await s.call('GET', '/conversations', { token: admin }), await s.call('GET', '/conversations')]) {
      expect(res.headers.get('cache-control')).toBe('no-store');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
      expect(res.headers.get('strict-transport-security')).toBeNull();
    }
  });

  it('programme links accept only http(s): javascript: and data: are 400', async () => {
    const p = ((await s.call('GET', '/programmes?limit=1', { token: admin })).body as { items: { programme: Programme }[] }).items[0]!.programme;
    const { id: _id, updatedAt: _u, version, ...input } = p;
    for (const bad of ['javascript:alert(1)', 'data:text/html,<b>x</b>', 'ftp://example.com/x', 'example.com']) {
      const res = await s.call('PUT', `/programmes/${p.id}`, { token: admin, body: { ...input, sourceUrl: bad }, headers: { 'if-match': `"${version}"` } });
      expect(isProblem(res, 400), bad).toBe(true);
    }
    const ok = await s.call('PUT', `/programmes/${p.id}`, { token: admin, body: { ...input, sourceUrl: 'https://www.bokjiro.go.kr/x' }, headers: { 'if-match': `"${version}"` } });
    expect(ok.status).toBe(200);
  });

  it('If-Match naming any other tag, also one the server never issues, is 412', async () => {
    const c = ((await s.call('GET', '/conversations', { token: admin })).body as { items: Conversation[] }).items[0]!;
    for (const tag of ['"abc"', 'W/"zz"', '"999999"', 'garbage']) {
      const res = await s.call('PATCH', `/conversations/${c.id}`, { token: admin, body: { markRead: true }, headers: { 'if-match': tag } });
      expect(isProblem(res, 412), tag).toBe(true);
    }
    const listed = await s.call('PATCH', `/conversations/${c.id}`, { token: admin, body: { markRead: true }, headers: { 'if-match': `"abc", "${c.version}"` } });
    expect(listed.status).toBe(200);
  });
});
