import fc from 'fast-check';
import { startServer, ENGINES, type TestServer } from './helpers.js';

const NASTY = [
  "1' OR '1'='1", "'; DROP TABLE changes; --", '" OR ""="', '%', '_', '\\', '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>', '../../etc/passwd', '${jndi:ldap://x}', '\u0000', '😀'.repeat(50), 'ㄱ'.repeat(3000),
  '-1', '1e309', 'NaN', 'null', '__proto__', 'constructor',
];
const nasty = fc.constantFrom(...NASTY);
const unknownId = fc.oneof(fc.uuid(), nasty, fc.string({ maxLength: 80 }));
const FIELD_NAMES = [
  'id', 'username', 'password', 'direction', 'kind', 'body', 'status', 'assigneeId', 'heldUntil', 'channel', 'startedAt',
  'durationSec', 'callerPhone', 'need', 'programmeIds', 'title', 'type', 'callId', 'from', 'to', 'counsellor', 'name',
  'role', 'active', 'markRead', 'serial_number', 'event', 'user_key', 'message',
];
const wrongValue = fc.oneof(nasty, fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.array(nasty, { maxLength: 3 }), fc.object({ maxDepth: 1 }));
const badBody = fc.oneof(
  // malformed JSON
  fc.record({ raw: fc.oneof(fc.constantFrom('{', '{"id":', '[1,', '{"a":1}}', 'nul', '{"x": undefined}'), fc.string({ maxLength: 50 })), type: fc.constant('application/json') }),
  // wrong types for the real field names, SQL and HTML in strings
  fc.record({ raw: fc.dictionary(fc.constantFrom(...FIELD_NAMES), wrongValue, { maxKeys: 6 }).map((o) => JSON.stringify(o)), type: fc.constant('application/json') }),
  // any JSON at all
  fc.record({ raw: fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)), type: fc.constant('application/json') }),
  // another media type
  fc.record({ raw: fc.string({ maxLength: 40 }), type: fc.constantFrom('text/plain', 'application/x-www-form-urlencoded', 'application/xml') }),
  // huge
  fc.record({ raw: fc.constant(JSON.stringify({ body: 'x'.repeat(300 * 1024) })), type: fc.constant('application/json') }),
);

interface Route {
  method: string;
  path: string;
}

describe.each(ENGINES)('fuzz: bad input at every route (%s)', (engine) => {
  let s: TestServer;
  let admin: string;
  let routes: Route[];
  beforeAll(async () => {
    s = await startServer(engine);
    admin = await s.login('admin');
    const doc = (await s.call('GET', '/openapi.json')).body as { paths: Record<string, Record<string, unknown>> };
    routes = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.keys(methods).map((method) => ({ method: method.toUpperCase(), path })),
    );
    routes.push({ method: 'POST', path: '/api/v1/channels/kakao/webhook' });
  });
  afterAll(async () => {
    await s?.close();
  });

  it('answers every write with a 4xx problem+json, never a 5xx, and writes nothing', async () => {
    const before = await s.countRows();
    // Logout ignores its body by design; it would end the fuzzer's own session.
    const writes = () => routes.filter((r) => r.method !== 'GET' && !r.path.endsWith('/auth/logout'));
    await fc.assert(
      fc.asyncProperty(
        fc.nat(), unknownId, badBody, fc.constantFrom('admin', 'none', 'garbage', 'cti'), fc.option(fc.constantFrom('"1"', '*', 'garbage', '"999"')),
        async (pick, id, body, auth, ifMatch) => {
          const list = writes();
          const route = list[pick % list.length]!;
          const url = s.url + route.path.replace(/\{[^}]+\}/g, encodeURIComponent(id));
          const headers: Record<string, string> = { 'content-type': body.type };
          if (auth === 'admin') headers.authorization = `Bearer ${admin}`;
          if (auth === 'garbage') headers.authorization = 'Bearer ' + "x' OR 1=1 --";
          if (auth === 'cti') headers.authorization = 'Bearer not-the-cti-token-at-all';
          if (ifMatch) headers['if-match'] = ifMatch;
          if (route.path.endsWith('/webhook')) headers['x-bokji-signature'] = 'sha256=' + 'ab'.repeat(32);
          const res = await fetch(url, { method: route.method, headers, body: body.raw });
          const text = await res.text();
          expect(res.status, `${route.method} ${route.path} ${text.slice(0, 200)}`).toBeGreaterThanOrEqual(400);
          expect(res.status, `${route.method} ${route.path} ${text.slice(0, 200)}`).toBeLessThan(500);
          expect(res.headers.get('content-type') ?? '').toMatch(/^application\/problem\+json/);
          const problem = JSON.parse(text) as { status: number; title: string };
          expect(problem.status).toBe(res.status);
          expect(typeof problem.title).toBe('string');
        },
      ),
      { numRuns: 250 },
    );
    const after = await s.countRows();
    expect(after).toEqual(before);
  });

  it('reads with hostile ids and queries are 200 or 4xx, never 5xx, and write nothing', async () => {
    const before = await s.countRows();
    await fc.assert(
      fc.asyncProperty(
        fc.nat(), unknownId, fc.dictionary(fc.constantFrom('q', 'cursor', 'limit', 'status', 'assignee', 'field', 'from', 'phone', 'missed', 'life'), nasty, { maxKeys: 4 }),
        async (pick, id, query) => {
          const reads = routes.filter((r) => r.method === 'GET' && !r.path.endsWith('/events'));
          const route = reads[pick % reads.length]!;
          const url = new URL(s.url + route.path.replace(/\{[^}]+\}/g, encodeURIComponent(id)));
          for (const [k, v] of Object.entries(query)) url.searchParams.set(k, v);
          const res = await fetch(url, { headers: { authorization: `Bearer ${admin}` } });
          const text = await res.text();
          expect(res.status, `${route.path}?${url.search} ${text.slice(0, 200)}`).toBeLessThan(500);
          if (res.status >= 400) expect(res.headers.get('content-type') ?? '').toMatch(/^application\/problem\+json/);
        },
      ),
      { numRuns: 150 },
    );
    expect(await s.countRows()).toEqual(before);
    expect((await s.call('GET', '/healthz')).status).toBe(200);
  });
});
