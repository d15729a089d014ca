import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { httpPost, sendToKakao } from '../../../server/channels/kakao/send.js';
import type { KakaoOutboundMessage } from '../../../server/channels/kakao/event.js';

const wire: KakaoOutboundMessage = { serial_number: 'm-1', sender_key: 'sender', user_key: 'citizen-1', message_type: 'TX', message: '안녕하세요' };
const now = () => new Date('2026-12-03T01:00:00.000Z');

/** A provider answering each POST with what `answer` says; counts connections and keeps the bodies. */
async function provider(answer: (res: http.ServerResponse, body: string) => void) {
  const bodies: string[] = [];
  let connections = 0;
  const server = http.createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (body += c));
    req.on('end', () => {
      bodies.push(body);
      answer(res, body);
    });
  });
  server.on('connection', () => connections++);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/send`;
  open.push(server);
  return { url, bodies, connections: () => connections };
}
const open: http.Server[] = [];
afterEach(async () => {
  for (const s of open.splice(0)) {
    s.closeAllConnections();
    await new Promise((r) => s.close(r));
  }
});

describe('sendToKakao over httpPost', () => {
  it('delivers, sending the JSON as UTF-8, over one kept-alive connection for consecutive sends', async () => {
    const p = await provider((res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"result":"ok"}'));
    for (let i = 0; i < 20; i++) {
      expect(await sendToKakao({ sendUrl: p.url, post: httpPost, requestTimeoutMs: 5000, now }, { ...wire, serial_number: `m-${i}` })).toEqual({ outcome: 'delivered' });
    }
    expect(p.bodies).toHaveLength(20);
    expect(JSON.parse(p.bodies[3]!)).toMatchObject({ serial_number: 'm-3', message: '안녕하세요' });
    expect(p.connections()).toBe(1);
  });

  it('a provider that does not answer in time is a retry saying so', async () => {
    const p = await provider(() => undefined);
    const sent = await sendToKakao({ sendUrl: p.url, post: httpPost, requestTimeoutMs: 80, now }, wire);
    expect(sent).toEqual({ outcome: 'retry', error: '응답 시간 초과 (80 ms)', retryAfterMs: null });
  });

  it('429 is a retry honouring Retry-After; another 4xx fails with the provider\'s message', async () => {
    let status = 429;
    const p = await provider((res) => {
      if (status === 429) res.writeHead(429, { 'retry-after': '3', 'content-type': 'application/json' }).end('{"message":"too many"}');
      else res.writeHead(400, { 'content-type': 'application/json' }).end(JSON.stringify({ message: '알 수 없는 user_key' }));
    });
    expect(await sendToKakao({ sendUrl: p.url, post: httpPost, requestTimeoutMs: 5000, now }, wire))
      .toEqual({ outcome: 'retry', error: '카카오 발송 실패 HTTP 429: too many', retryAfterMs: 3000 });
    status = 400;
    expect(await sendToKakao({ sendUrl: p.url, post: httpPost, requestTimeoutMs: 5000, now }, wire))
      .toEqual({ outcome: 'failed', error: '카카오 발송 실패 HTTP 400: 알 수 없는 user_key', status: 400 });
  });

  it('a huge error page is cut to the message\'s 500 characters, and nothing is left open', async () => {
    const p = await provider((res) => res.writeHead(503, { 'content-type': 'text/html' }).end('<p>점검 중</p>'.repeat(50_000)));
    const sent = await sendToKakao({ sendUrl: p.url, post: httpPost, requestTimeoutMs: 5000, now }, wire);
    expect(sent.outcome).toBe('retry');
    expect(sent.outcome === 'retry' && sent.error.length).toBe(500);
    expect(sent.outcome === 'retry' && sent.error.startsWith('카카오 발송 실패 HTTP 503: <p>점검 중</p>')).toBe(true);
  });

  it('no endpoint listening is a retry with the connection error', async () => {
    const p = await provider(() => undefined);
    const url = p.url;
    for (const s of open.splice(0)) await new Promise((r) => s.close(r));
    const sent = await sendToKakao({ sendUrl: url, post: httpPost, requestTimeoutMs: 5000, now }, wire);
    expect(sent).toMatchObject({ outcome: 'retry', retryAfterMs: null });
    expect(sent.outcome === 'retry' && sent.error).toMatch(/^연결 실패: .*ECONNREFUSED/);
  });

  it('a provider that drops the connection in the middle of its answer is a retry, not a delivery', async () => {
    const p = await provider((res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '100' });
      res.write('{"resu');
      setTimeout(() => res.socket?.destroy(), 20);
    });
    const sent = await sendToKakao({ sendUrl: p.url, post: httpPost, requestTimeoutMs: 5000, now }, wire);
    expect(sent).toMatchObject({ outcome: 'retry', retryAfterMs: null });
    expect(sent.outcome === 'retry' && sent.error).toMatch(/^연결 실패: /);
  });
});
