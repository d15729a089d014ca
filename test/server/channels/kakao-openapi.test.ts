import { startServer, type TestServer } from '../helpers.js';

describe('Kakao webhook in the OpenAPI document', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startServer('sqlite');
  });
  afterAll(() => s?.close());

  it('documents the signed webhook as a public route', async () => {
    const doc = (await s.call('GET', '/openapi.json')).body as { paths: Record<string, { post?: { summary?: string; security?: unknown[] } }> };
    const op = doc.paths['/api/v1/channels/kakao/webhook']?.post;
    expect(op?.summary).toContain('카카오톡');
    expect(op?.security).toEqual([]);
  });
});
