import Fastify, { type FastifyInstance } from 'fastify';
import type { AddressInfo } from 'node:net';
import { kakaoWebhookRoutes, verifyKakaoSignature } from '../../../server/channels/kakao/index.js';
import { citizenMessage, createCitizenSimulator, percentile, seededRandom, signKakaoBody, startKakaoSink } from '../../../server/simulator/index.js';
import { FakeKakaoPort } from '../channels/fake-kakao-port.js';

const SECRET = 'simulator-test-secret-0123456789';

describe('citizen simulator against a real webhook server', () => {
  let app: FastifyInstance;
  let port: FakeKakaoPort;
  let serverUrl: string;

  beforeEach(async () => {
    port = new FakeKakaoPort();
    app = Fastify();
    await app.register(kakaoWebhookRoutes, {
      port, secret: SECRET, isOpen: () => true, outbound: { poke: () => undefined, close: async () => undefined },
    });
    await app.listen({ port: 0, host: '127.0.0.1' });
    serverUrl = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  });
  afterEach(() => app.close());

  it('opens chats, sends signed messages, and the server de-duplicates its redeliveries', async () => {
    const simulator = createCitizenSimulator({ serverUrl, secret: SECRET, citizens: 4, rate: 500, messages: 40, redeliverRatio: 0.2, seed: 7 });
    const summary = await simulator.run();

    expect(summary.failures).toBe(0);
    expect(summary.rejected).toBe(0);
    expect(summary.messages).toBe(40);
    expect(summary.redeliveries).toBeGreaterThan(0);
    expect(summary.duplicates).toBe(summary.redeliveries);
    expect(summary.accepted).toBe(port.events.length);
    expect(summary.sent).toBe(summary.accepted + summary.duplicates);
    expect(summary.latencyMs.p99).toBeGreaterThanOrEqual(summary.latencyMs.p50);

    // Every citizen's first event is chat_start, then messages; the server filed each serial once.
    for (const userKey of summary.userKeys) {
      const theirs = port.events.filter((e) => e.userKey === userKey);
      expect(theirs[0]?.event).toBe('chat_start');
      expect(theirs.slice(1).every((e) => e.event === 'message')).toBe(true);
    }
    expect(new Set(port.events.map((e) => e.serialNumber)).size).toBe(port.events.length);
    // No 주민등록번호 reached the port, whatever the citizens typed.
    expect(port.events.some((e) => /\d{6}-[1-4]\d{6}/.test(e.message))).toBe(false);
  });

  it('counts 401s as rejected when the secret is wrong, and nothing is filed', async () => {
    const summary = await createCitizenSimulator({ serverUrl, secret: 'the-wrong-secret-entirely', citizens: 2, rate: 500, messages: 3, seed: 1 }).run();
    expect(summary.rejected).toBe(summary.sent);
    expect(summary.byStatus['401']).toBe(summary.sent);
    expect(summary.errors[0]).toMatch(/401/);
    expect(port.events).toHaveLength(0);
  });

  it('stops at the duration and can be stopped early', async () => {
    const simulator = createCitizenSimulator({ serverUrl, secret: SECRET, citizens: 2, rate: 20, durationMs: 60_000, seed: 3 });
    const running = simulator.run();
    setTimeout(() => simulator.stop(), 150);
    const summary = await running;
    expect(summary.sent).toBeGreaterThan(0);
    expect(summary.sent).toBeLessThan(20);
    expect(summary.failures).toBe(0);
  });
});

describe('simulator pieces', () => {
  it('signs the body the same way the webhook verifies it', () => {
    const body = Buffer.from('{"message":"난방비"}');
    expect(verifyKakaoSignature(body, signKakaoBody(body.toString('utf8'), 'k'), 'k')).toBe(true);
    expect(verifyKakaoSignature(body, signKakaoBody(body.toString('utf8'), 'k'), 'other')).toBe(false);
  });

  it('writes realistic Korean questions, sometimes images, long, hostile or sensitive text', () => {
    const random = seededRandom(42);
    const flavours = new Set<string>();
    for (let i = 0; i < 2000; i++) {
      const m = citizenMessage(random, i % 5);
      flavours.add(m.flavour);
      if (m.messageType === 'IM') expect(m.imageUrl).toMatch(/^https:\/\//);
      else expect(m.message.length).toBeGreaterThan(0);
      expect(m.message.length).toBeLessThanOrEqual(1000);
    }
    expect([...flavours].sort()).toEqual(['emoji', 'follow_up', 'hostile', 'image', 'long', 'question', 'resident_number']);
  });

  it('is reproducible with a seed', () => {
    const a = seededRandom(9);
    const b = seededRandom(9);
    expect(Array.from({ length: 5 }, () => citizenMessage(a, 1).message)).toEqual(Array.from({ length: 5 }, () => citizenMessage(b, 1).message));
  });

  it('computes nearest-rank percentiles', () => {
    const sorted = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(sorted, 50)).toBe(50);
    expect(percentile(sorted, 99)).toBe(99);
    expect(percentile([], 50)).toBe(0);
  });
});

describe('Kakao send sink', () => {
  it('records valid replies, refuses malformed ones, and fails on demand over HTTP', async () => {
    const sink = await startKakaoSink();
    try {
      const reply = { serial_number: 'm1', sender_key: 's', user_key: 'u', message_type: 'TX', message: '안녕하세요' };
      const post = (path: string, body: unknown) =>
        fetch(new URL(path, sink.url), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

      expect((await post('/', reply)).status).toBe(200);
      expect((await post('/', { message: 'no ids' })).status).toBe(400);
      expect((await post('/_control/fail', { status: 503, count: 1, retryAfter: '7' })).status).toBe(200);
      const failed = await post('/', reply);
      expect(failed.status).toBe(503);
      expect(failed.headers.get('retry-after')).toBe('7');
      expect((await post('/', { ...reply, serial_number: 'm2' })).status).toBe(200);
      sink.failNext(1, { status: 500, only: (raw) => raw.includes('"m9"') });
      expect((await post('/', { ...reply, serial_number: 'm3' })).status).toBe(200);
      expect((await post('/', { ...reply, serial_number: 'm9' })).status).toBe(500);

      const listed = (await (await fetch(new URL('/messages', sink.url))).json()) as { count: number };
      expect(listed.count).toBe(3);
      expect(sink.uniqueSerials()).toEqual(new Set(['m1', 'm2', 'm3']));
      expect(sink.attempts.map((a) => a.status)).toEqual([200, 400, 503, 200, 200, 500]);
      await expect(sink.waitFor(4, 50)).rejects.toThrow(/3 of 4/);
    } finally {
      await sink.close();
    }
  });
});
