import { startServer, type TestServer } from './helpers.js';

describe('OpenAPI document', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startServer('sqlite');
  });
  afterAll(async () => {
    await s?.close();
  });

  it('is public and generated from the route schemas', async () => {
    const r = await s.call('GET', '/openapi.json');
    expect(r.status).toBe(200);
    const doc = r.body as {
      openapi: string;
      paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: { properties?: Record<string, unknown> } }> }; parameters?: { name: string }[] }>>;
    };
    expect(doc.openapi).toMatch(/^3\./);
    for (const p of [
      '/api/v1/auth/login', '/api/v1/me', '/api/v1/sync/pull', '/api/v1/events', '/api/v1/conversations',
      '/api/v1/conversations/{id}', '/api/v1/conversations/{id}/messages', '/api/v1/programmes', '/api/v1/programmes/{id}',
      '/api/v1/call-logs', '/api/v1/call-logs/{id}', '/api/v1/call-logs/{id}/history', '/api/v1/canned-replies',
      '/api/v1/counsellors', '/api/v1/cti/events', '/api/v1/cti/calls', '/api/v1/healthz',
    ]) {
      expect(doc.paths[p], p).toBeDefined();
    }
    const login = doc.paths['/api/v1/auth/login']!.post!.requestBody!.content['application/json']!.schema;
    expect(Object.keys(login.properties ?? {})).toEqual(['username', 'password']);
    const pull = doc.paths['/api/v1/sync/pull']!.get!.parameters!.map((x) => x.name);
    expect(pull).toEqual(expect.arrayContaining(['cursor', 'limit']));
  });

  it('healthz names the engine', async () => {
    expect((await s.call('GET', '/healthz')).body).toMatchObject({ status: 'ok', db: 'sqlite' });
  });
});
