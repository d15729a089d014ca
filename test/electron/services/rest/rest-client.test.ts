import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { RestError, createRestClient, kindForStatus } from '../../../../electron/services/rest/index.js';
import { parseRetryAfter } from '../../../../common/retry/index.js';

type Handler = (req: IncomingMessage, res: ServerResponse) => void;
let handler: Handler = (_req, res) => res.end();
let base = '';
const server = createServer((req, res) => handler(req, res));
beforeAll(async () => {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((r) => server.close(() => r()));
});

const problem = (res: ServerResponse, status: number, detail: string, headers: Record<string, string> = {}) => {
  res.writeHead(status, { 'content-type': 'application/problem+json', ...headers });
  res.end(JSON.stringify({ type: 'about:blank', title: 'x', status, detail }));
};

const client = (token: string | null = 'secret-token', timeoutMs = 2_000) => createRestClient({ baseUrl: () => base, token: () => token, timeoutMs });

describe('REST client', () => {
  it('sends the bearer token, If-Match and Idempotency-Key and parses the reply with the contract', async () => {
    const seen: Record<string, string | undefined> = {};
    handler = (req, res) => {
      seen.auth = req.headers.authorization;
      seen.ifMatch = req.headers['if-match'] as string | undefined;
      seen.key = req.headers['idempotency-key'] as string | undefined;
      seen.url = req.url;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ changes: [], cursor: '0', hasMore: false }));
    };
    expect(await client().pull('0', 10)).toEqual({ changes: [], cursor: '0', hasMore: false });
    expect(seen.auth).toBe('Bearer secret-token');
    expect(seen.url).toBe('/api/v1/sync/pull?cursor=0&limit=10');
    await client().patchConversation('00000000-0000-4000-8000-000000000001', { status: 'open' }, 3, 'key-1').catch(() => undefined);
    expect(seen.ifMatch).toBe('"3"');
    expect(seen.key).toBe('key-1');
  });

  it.each([
    [401, 'unauthenticated'], [403, 'forbidden'], [404, 'not_found'], [412, 'conflict'], [422, 'rejected'], [400, 'rejected'],
    [429, 'retryable'], [500, 'retryable'], [503, 'retryable'],
  ] as const)('maps HTTP %i to %s with the server detail', async (status, kind) => {
    handler = (_req, res) => problem(res, status, `서버 설명 ${status}`);
    const err = await client().me().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RestError);
    expect((err as RestError).kind).toBe(kind);
    expect((err as RestError).message).toContain(`서버 설명 ${status}`);
    expect(kindForStatus(status)).toBe(kind);
  });

  it('honours Retry-After and treats a 409 "in flight" with Retry-After as retryable', async () => {
    handler = (_req, res) => problem(res, 409, 'in flight', { 'retry-after': '2' });
    const err = (await client().me().catch((e: unknown) => e)) as RestError;
    expect(err.kind).toBe('retryable');
    expect(err.retryAfterMs).toBe(2000);
    expect(parseRetryAfter('Wed, 21 Oct 2015 07:28:10 GMT', new Date('2015-10-21T07:28:00Z'))).toBe(10_000);
    expect(parseRetryAfter('soon', new Date())).toBeNull();
  });

  it('a response that breaks the contract is refused with the offending path', async () => {
    handler = (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ changes: 'nope', cursor: 1 }));
    };
    const err = (await client().pull('0', 10).catch((e: unknown) => e)) as RestError;
    expect(err.kind).toBe('rejected');
    expect(err.message).toMatch(/changes/);
  });

  it('a dropped connection and a time-out are retryable', async () => {
    handler = (req) => req.socket.destroy();
    expect(((await client().me().catch((e: unknown) => e)) as RestError).kind).toBe('retryable');
    handler = () => undefined;
    const err = (await client('t', 200).me().catch((e: unknown) => e)) as RestError;
    expect(err.kind).toBe('retryable');
    expect(err.message).toMatch(/시간이 초과|timed out/);
  });

  it('refuses to call an authenticated route without a token, without sending anything', async () => {
    let called = false;
    handler = (_req, res) => {
      called = true;
      res.end();
    };
    expect(((await client(null).me().catch((e: unknown) => e)) as RestError).kind).toBe('unauthenticated');
    expect(called).toBe(false);
  });
});
