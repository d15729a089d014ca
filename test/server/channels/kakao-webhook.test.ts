import Fastify, { type FastifyInstance } from 'fastify';
import fc from 'fast-check';
import { KAKAO_WEBHOOK_PATH, kakaoWebhookRoutes, signKakaoBody, verifyKakaoSignature } from '../../../server/channels/kakao/index.js';
import { FakeKakaoPort } from './fake-kakao-port.js';

const SECRET = 'test-webhook-secret-0123456789';
const OPEN = new Date('2026-11-30T02:00:00Z'); // Monday 11:00 KST
const CLOSED = new Date('2026-11-28T02:00:00Z'); // Saturday 11:00 KST

function event(overrides: Record<string, unknown> = {}) {
  return {
    serial_number: `sn-${Math.random().toString(36).slice(2)}`,
    event: 'message',
    user_key: 'citizen-1',
    sender_key: 'bokji-sender',
    message_type: 'TX',
    message: '월세 지원 받을 수 있나요?',
    time: '2026-11-30T11:00:00+09:00',
    ...overrides,
  };
}

describe('Kakao webhook', () => {
  let app: FastifyInstance;
  let port: FakeKakaoPort;
  let pokes: number;
  let clock: Date;

  beforeEach(async () => {
    port = new FakeKakaoPort();
    pokes = 0;
    clock = OPEN;
    app = Fastify();
    // A parent JSON route proves the raw-body parser stays scoped to the plugin.
    app.post('/echo', async (req) => req.body);
    await app.register(kakaoWebhookRoutes, {
      port, secret: SECRET, now: () => clock,
      outbound: { poke: () => { pokes++; }, close: async () => undefined },
    });
    await app.ready();
  });
  afterEach(() => app.close());

  const post = (body: string, headers: Record<string, string> = {}) =>
    app.inject({ method: 'POST', url: KAKAO_WEBHOOK_PATH, payload: body, headers: { 'content-type': 'application/json', ...headers } });
  const signed = (value: unknown) => {
    const body = typeof value === 'string' ? value : JSON.stringify(value);
    return post(body, { 'x-bokji-signature': signKakaoBody(body, SECRET) });
  };

  it('files a signed message and answers 200 {result:"ok"}', async () => {
    const res = await signed(event({ serial_number: 'sn-1' }));
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ result: 'ok', duplicate: false });
    expect(port.events).toHaveLength(1);
    expect(port.events[0]).toMatchObject({ serialNumber: 'sn-1', userKey: 'citizen-1', messageType: 'TX', message: '월세 지원 받을 수 있나요?' });
    expect(port.events[0]!.sentAt).toBe('2026-11-30T02:00:00.000Z');
  });

  it('answers a redelivery 200 without filing it twice', async () => {
    const body = event({ serial_number: 'sn-dup' });
    expect((await signed(body)).statusCode).toBe(200);
    const again = await signed(body);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual({ result: 'ok', duplicate: true });
    expect(port.inbound()).toHaveLength(1);
  });

  it('rejects a missing or wrong signature with 401 problem+json and files nothing', async () => {
    const body = JSON.stringify(event());
    const missing = await post(body);
    expect(missing.statusCode).toBe(401);
    expect(missing.headers['content-type']).toContain('application/problem+json');
    expect(missing.json()).toMatchObject({ status: 401, type: expect.stringContaining('kakao-signature-missing') });

    const wrong = await post(body, { 'x-bokji-signature': signKakaoBody(body, 'another-secret-entirely') });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().detail).toMatch(/HMAC/);

    // Signed, then one byte changed: the signature covers the raw bytes.
    const tampered = await post(body.replace('월세', '전세'), { 'x-bokji-signature': signKakaoBody(body, SECRET) });
    expect(tampered.statusCode).toBe(401);
    expect(port.events).toHaveLength(0);
  });

  it('checks the signature over the raw bytes, not a re-serialised object', async () => {
    const body = `{ "serial_number" : "sn-ws", "event":"message", "user_key":"c", "message_type":"TX",\n "message":"난방비", "time": ${OPEN.getTime()} }`;
    const res = await signed(body);
    expect(res.statusCode).toBe(200);
    expect(port.events[0]!.sentAt).toBe(OPEN.toISOString());
  });

  it('rejects malformed JSON and wrong shapes with 400 messages a person can act on', async () => {
    const bad = await signed('{"serial_number": ');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().detail).toMatch(/JSON/);

    const shape = await signed(event({ event: 'typing', message_type: 'VD', user_key: '' }));
    expect(shape.statusCode).toBe(400);
    const paths = shape.json().errors.map((e: { path: string }) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['event', 'message_type', 'user_key']));

    const image = await signed(event({ message_type: 'IM', message: '' }));
    expect(image.statusCode).toBe(400);
    expect(image.json().errors[0]).toMatchObject({ path: 'image_url' });

    const time = await signed(event({ time: 'yesterday' }));
    expect(time.json().errors).toEqual([{ path: 'time', message: expect.stringContaining('ISO 8601') }]);
    const array = await signed('[]');
    expect(array.json().detail).toMatch(/JSON 객체/);

    const script = await signed(event({ message_type: 'IM', message: '', image_url: 'javascript:alert(1)' }));
    expect(script.statusCode).toBe(400);
    expect(port.events).toHaveLength(0);
  });

  it('accepts an image message and chat start/end events', async () => {
    expect((await signed(event({ message_type: 'IM', message: '', image_url: 'https://img.example/a.jpg' }))).statusCode).toBe(200);
    expect((await signed(event({ event: 'chat_start', message: '' }))).statusCode).toBe(200);
    expect((await signed(event({ event: 'chat_end', message: '' }))).statusCode).toBe(200);
    expect(port.events.map((e) => e.event)).toEqual(['message', 'chat_start', 'chat_end']);
    expect(port.events[0]!.imageUrl).toBe('https://img.example/a.jpg');
  });

  it('rejects a body over the limit with 413 problem+json', async () => {
    const huge = JSON.stringify(event({ message: 'ㄱ'.repeat(100_000) }));
    const res = await signed(huge);
    expect(res.statusCode).toBe(413);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(port.events).toHaveLength(0);
  });

  it('masks a 주민등록번호 before the message is filed', async () => {
    await signed(event({ message: '제 주민번호는 900101-1234567 이에요. 확인해 주세요' }));
    expect(port.events[0]!.message).toBe('제 주민번호는 900101-1****** 이에요. 확인해 주세요');
    expect(JSON.stringify(port.messages)).not.toContain('1234567');
  });

  it('outside hours records the 운영시간 안내 once per conversation and pokes the outbound loop', async () => {
    clock = CLOSED;
    await signed(event({ time: CLOSED.toISOString() }));
    await signed(event({ message: '계세요?', time: CLOSED.toISOString() }));
    const notices = port.messages.filter((m) => m.direction === 'outbound');
    expect(notices).toHaveLength(1);
    expect(notices[0]!.body).toContain('평일 09:00~18:00');
    expect(notices[0]!.body).toContain('11월 30일(월) 오전 9시');
    expect(pokes).toBe(1);
  });

  it('refuses an event dated more than 10 minutes ahead or 7 days back of the server clock (400)', async () => {
    for (const time of ['2001-01-01T00:00:00Z', '2099-01-01T00:00:00Z', new Date(OPEN.getTime() + 11 * 60_000).toISOString(), new Date(OPEN.getTime() - 8 * 86_400_000).toISOString()]) {
      const res = await signed(event({ time }));
      expect(res.statusCode, time).toBe(400);
      expect(res.json()).toMatchObject({ errors: [{ path: 'time' }] });
    }
    expect(port.events).toHaveLength(0);
    expect((await signed(event({ time: new Date(OPEN.getTime() + 9 * 60_000).toISOString() }))).statusCode).toBe(200);
    expect((await signed(event({ time: new Date(OPEN.getTime() - 6 * 86_400_000).toISOString() }))).statusCode).toBe(200);
  });

  it('sends no notice during business hours', async () => {
    await signed(event());
    expect(port.messages.filter((m) => m.direction === 'outbound')).toHaveLength(0);
    expect(pokes).toBe(0);
  });

  it('answers 503 with Retry-After when filing fails, and the redelivery then succeeds', async () => {
    port.failNextFiles = 1;
    const body = event({ serial_number: 'sn-retry' });
    const first = await signed(body);
    expect(first.statusCode).toBe(503);
    expect(first.headers['retry-after']).toBe('5');
    expect((await signed(body)).statusCode).toBe(200);
    expect(port.inbound()).toHaveLength(1);
  });

  it('files one citizen\'s concurrent events one after another: one conversation, arrival order', async () => {
    port.raceWindowMs = 20;
    const texts = ['첫 번째', '두 번째', '세 번째', '네 번째'];
    const results = await Promise.all(texts.map((message) => signed(event({ user_key: 'citizen-race', message }))));
    expect(results.map((r) => r.statusCode)).toEqual([200, 200, 200, 200]);
    expect(new Set(port.inbound().map((m) => m.conversationId)).size).toBe(1);
    expect(port.inbound().map((m) => m.body)).toEqual(texts);
  });

  it('leaves JSON parsing of other routes alone', async () => {
    const res = await app.inject({ method: 'POST', url: '/echo', payload: { a: 1 } });
    expect(res.json()).toEqual({ a: 1 });
  });

  it('fuzz: any signed garbage gets a 4xx problem, never a 5xx, and files nothing it rejects', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.string(), fc.json(), fc.anything().map((v) => { try { return JSON.stringify(v) ?? 'null'; } catch { return '{}'; } })),
        async (body) => {
          const before = port.events.length;
          const res = await signed(body);
          if (res.statusCode === 200) return;
          expect(res.statusCode).toBeGreaterThanOrEqual(400);
          expect(res.statusCode).toBeLessThan(500);
          expect(res.headers['content-type']).toContain('application/problem+json');
          expect(port.events.length).toBe(before);
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe('signature verification', () => {
  it('accepts exactly the HMAC of the bytes with the secret', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 512 }), fc.string({ minLength: 1 }), (bytes, secret) => {
        const sig = signKakaoBody(bytes, secret);
        expect(sig).toMatch(/^sha256=[0-9a-f]{64}$/);
        expect(verifyKakaoSignature(bytes, sig, secret)).toBe(true);
        expect(verifyKakaoSignature(bytes, sig.toUpperCase().replace('SHA256=', 'sha256='), secret)).toBe(true);
        expect(verifyKakaoSignature(bytes, sig, `${secret}x`)).toBe(false);
        expect(verifyKakaoSignature(bytes, sig.slice(0, -1), secret)).toBe(false);
        expect(verifyKakaoSignature(bytes, undefined, secret)).toBe(false);
        expect(verifyKakaoSignature(bytes, [sig], secret)).toBe(false);
      }),
    );
  });
});
