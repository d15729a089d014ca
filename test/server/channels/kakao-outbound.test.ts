import { createKakaoOutbound, fullJitterDelay, parseRetryAfter, retryDelay, type KakaoOutboundLoop } from '../../../server/channels/kakao/index.js';
import { startKakaoSink, type KakaoSink } from '../../../server/simulator/sink.js';
import { FakeKakaoPort } from './fake-kakao-port.js';

const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };

describe('Kakao outbound delivery', () => {
  let sink: KakaoSink;
  let port: FakeKakaoPort;
  let outbound: KakaoOutboundLoop | null;
  let conversationId: string;

  beforeEach(async () => {
    sink = await startKakaoSink({ port: 0 });
    port = new FakeKakaoPort();
    outbound = null;
    const filed = await port.fileInbound({
      serialNumber: 's1', event: 'message', userKey: 'citizen-7', messageType: 'TX', message: '안녕하세요', imageUrl: null, sentAt: new Date().toISOString(),
    });
    conversationId = filed.conversationId;
  });
  afterEach(async () => {
    await outbound?.close();
    await sink.close();
  });

  const manual = (extra: Partial<Parameters<typeof createKakaoOutbound>[0]> = {}) =>
    (outbound = createKakaoOutbound({ port, sendUrl: sink.url, senderKey: 'sender-1', logger: quiet, autoStart: false, random: () => 0.5, ...extra }));

  it('POSTs a reply in the provider format and marks it delivered', async () => {
    const reply = port.reply(conversationId, '월세 지원은 주민센터에서 신청하실 수 있습니다.');
    await manual().runOnce();
    expect(sink.received).toHaveLength(1);
    expect(sink.received[0]!.message).toEqual({
      serial_number: reply.id, sender_key: 'sender-1', user_key: 'citizen-7', message_type: 'TX', message: reply.body,
    });
    expect(reply.delivery).toBe('delivered');
  });

  it('turns a programme card into a message with a link button to its source', async () => {
    const card = port.reply(conversationId, '청년월세 특별지원 안내입니다.', { programmeId: 'WLF00001', programmeUrl: 'https://www.bokjiro.go.kr/x?id=WLF00001' });
    await manual().runOnce();
    expect(sink.received[0]!.message.buttons).toEqual([
      { name: '자세히 보기', type: 'WL', url_mobile: 'https://www.bokjiro.go.kr/x?id=WLF00001', url_pc: 'https://www.bokjiro.go.kr/x?id=WLF00001' },
    ]);
    expect(card.delivery).toBe('delivered');
  });

  it('asks programmeLink for the URL when the port has none, and never links a non-http URL', async () => {
    port.reply(conversationId, 'A', { programmeId: 'P1', programmeUrl: null });
    port.reply(conversationId, 'B', { programmeId: 'P2', programmeUrl: 'javascript:alert(1)' });
    await manual({ programmeLink: async (id) => ({ url: id === 'P1' ? 'https://example.org/p1' : 'ftp://nope' }) }).runOnce();
    expect(sink.received.map((r) => r.message.buttons?.[0]?.url_mobile ?? null)).toEqual(['https://example.org/p1', null]);
  });

  it('retries a 5xx with backoff and delivers on a later attempt', async () => {
    sink.failNext(2, { status: 503 });
    const reply = port.reply(conversationId, '답변');
    let clock = Date.now();
    const loop = manual({ now: () => new Date(clock) });
    await loop.runOnce();
    expect(reply.delivery).toBe('pending');
    expect(reply.deliveryError).toMatch(/HTTP 503/);
    expect(reply.nextAttemptAt).toBeGreaterThan(clock);

    // Not due yet (the retry time lives with the claim, in the database): nothing is sent.
    await loop.runOnce();
    expect(sink.attempts).toHaveLength(1);

    for (let i = 0; i < 3 && reply.delivery === 'pending'; i++) {
      clock += 10 * 60_000;
      port.makeRetriesDue();
      await loop.runOnce();
    }
    expect(reply.delivery).toBe('delivered');
    expect(sink.attempts.map((a) => a.status)).toEqual([503, 503, 200]);
    expect(sink.received).toHaveLength(1);
  });

  it('gives up after maxAttempts and records a visible failure', async () => {
    sink.failAlways({ status: 500, body: { message: '카카오 서버 점검 중' } });
    const reply = port.reply(conversationId, '답변');
    const loop = manual({ maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 1 });
    for (let i = 0; i < 5 && reply.delivery === 'pending'; i++) {
      await new Promise((r) => setTimeout(r, 5));
      port.makeRetriesDue();
      await loop.runOnce();
    }
    expect(reply.delivery).toBe('failed');
    expect(reply.deliveryError).toMatch(/3회 시도 후 실패/);
    expect(reply.deliveryError).toMatch(/카카오 서버 점검 중/);
    expect(sink.attempts).toHaveLength(3);
  });

  it('marks a 4xx failed at once with the provider message', async () => {
    sink.failNext(1, { status: 400, body: { message: '차단된 사용자입니다' } });
    const reply = port.reply(conversationId, '답변');
    await manual().runOnce();
    expect(reply.delivery).toBe('failed');
    expect(reply.deliveryError).toBe('카카오 발송 실패 HTTP 400: 차단된 사용자입니다');
    expect(sink.attempts).toHaveLength(1);
  });

  it('honours Retry-After on 429', async () => {
    sink.failNext(1, { status: 429, retryAfter: '120' });
    const reply = port.reply(conversationId, '답변');
    const before = Date.now();
    await manual().runOnce();
    expect(reply.delivery).toBe('pending');
    expect(reply.nextAttemptAt! - before).toBeGreaterThanOrEqual(119_000);
  });

  it('retries a network error (nothing listening)', async () => {
    await sink.close();
    const reply = port.reply(conversationId, '답변');
    await manual().runOnce();
    expect(reply.delivery).toBe('pending');
    expect(reply.deliveryError).toMatch(/연결 실패/);
    sink = await startKakaoSink();
  });

  it('keeps one conversation in order: a later reply waits while an earlier one is retried', async () => {
    sink.failNext(1, { status: 503 });
    const first = port.reply(conversationId, '첫 번째');
    const second = port.reply(conversationId, '두 번째');
    const other = await port.fileInbound({ serialNumber: 's2', event: 'message', userKey: 'citizen-8', messageType: 'TX', message: '?', imageUrl: null, sentAt: new Date().toISOString() });
    const elsewhere = port.reply(other.conversationId, '다른 시민');
    await manual({ concurrency: 1 }).runOnce();
    expect(first.delivery).toBe('pending');
    expect(second.delivery).toBe('pending');
    expect(second.attempts).toBe(0);
    expect(elsewhere.delivery).toBe('delivered');
  });

  it('marks deliveries failed when no KAKAO_SEND_URL is configured', async () => {
    const reply = port.reply(conversationId, '답변');
    await manual({ sendUrl: null }).runOnce();
    expect(reply.delivery).toBe('failed');
    expect(reply.deliveryError).toMatch(/KAKAO_SEND_URL/);
  });

  it('runs by itself when poked and close() waits for the send in flight', async () => {
    const loop = (outbound = createKakaoOutbound({ port, sendUrl: sink.url, senderKey: 's', logger: quiet, pollIntervalMs: 60_000 }));
    await new Promise((r) => setTimeout(r, 20));
    const reply = port.reply(conversationId, '포크');
    loop.poke();
    await sink.waitFor(1, 5_000);
    const late = port.reply(conversationId, '닫기 직전');
    loop.poke();
    await loop.close();
    outbound = null;
    expect(reply.delivery).toBe('delivered');
    // Whatever was in flight when close() was called has settled: no delivery is left half-done.
    expect(['delivered', 'pending']).toContain(late.delivery);
    expect(late.delivery === 'delivered').toBe(sink.received.some((r) => r.message.serial_number === late.id));
  });
});

describe('backoff', () => {
  it('full jitter stays within the exponential ceiling and the cap', () => {
    const policy = { baseMs: 1000, capMs: 10_000, random: () => 0.999 };
    expect(fullJitterDelay(1, policy)).toBe(999);
    expect(fullJitterDelay(3, policy)).toBe(3996);
    expect(fullJitterDelay(10, policy)).toBe(9990);
    expect(fullJitterDelay(2, { ...policy, random: () => 0 })).toBe(0);
  });

  it('reads Retry-After as seconds or an HTTP date and lets it win up to the cap', () => {
    const now = new Date('2026-11-30T00:00:00Z');
    expect(parseRetryAfter('30', now)).toBe(30_000);
    expect(parseRetryAfter('Mon, 30 Nov 2026 00:01:00 GMT', now)).toBe(60_000);
    expect(parseRetryAfter('soon', now)).toBeNull();
    expect(parseRetryAfter(null, now)).toBeNull();
    const policy = { baseMs: 1000, capMs: 300_000, random: () => 0.1 };
    expect(retryDelay(1, 30_000, policy)).toBe(30_000);
    expect(retryDelay(1, 86_400_000, policy)).toBe(300_000);
    expect(retryDelay(1, null, policy)).toBe(100);
  });
});
