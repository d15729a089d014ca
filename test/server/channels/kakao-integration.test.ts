import { randomUUID } from 'node:crypto';
import type { Conversation, Message, Programme } from '../../../common/domain/index.js';
import { isOpenAt } from '../../../common/hours/index.js';
import { signKakaoBody } from '../../../server/channels/kakao/index.js';
import { createCitizenSimulator, startKakaoSink, type KakaoSink } from '../../../server/simulator/index.js';
import { ENGINES, WEBHOOK_SECRET, isProblem, startServer, type TestServer } from '../helpers.js';

/**
 * The channel through the real server, on SQLite and on PostgreSQL: simulator -> signed webhook ->
 * data layer -> reply -> outbound loop -> the Kakao send sink.
 */
async function eventually<T>(fn: () => Promise<T | null | undefined | false>, what: string, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe.each(ENGINES)('Kakao channel through the real server (%s)', (engine) => {
  let s: TestServer;
  let sink: KakaoSink;
  let token: string;

  beforeAll(async () => {
    sink = await startKakaoSink();
    s = await startServer(engine, { env: { KAKAO_SEND_URL: sink.url } });
    token = await s.login('counsellor1');
  });
  afterAll(async () => {
    await s?.close();
    await sink?.close();
  });

  const webhook = (payload: unknown, signature: string | null = signKakaoBody(JSON.stringify(payload), WEBHOOK_SECRET)) =>
    s.call('POST', `${s.url}/api/v1/channels/kakao/webhook`, {
      rawBody: JSON.stringify(payload),
      headers: { 'content-type': 'application/json', ...(signature ? { 'x-bokji-signature': signature } : {}) },
    });
  const conversationOf = async (userKey: string) => {
    const list = await s.call('GET', `/conversations?q=${encodeURIComponent(userKey)}`, { token });
    return (list.body as { items: Conversation[] }).items.find((c) => c.citizenKey === userKey) ?? null;
  };
  const messagesOf = async (conversationId: string) =>
    ((await s.call('GET', `/conversations/${conversationId}/messages`, { token })).body as { items: Message[] }).items;
  const event = (userKey: string, message: string) => ({
    serial_number: randomUUID(), event: 'message', user_key: userKey, message_type: 'TX', message, time: new Date().toISOString(),
  });

  it('signed webhook -> conversation and message; unsigned -> 401; redelivery -> no duplicate; 주민등록번호 never stored', async () => {
    const userKey = `it-${randomUUID()}`;
    const openBefore = isOpenAt(new Date());
    const first = event(userKey, '긴급생활비 문의합니다. 제 주민번호 850505-2345678 입니다');
    expect((await webhook(first)).status).toBe(200);
    const redelivered = await webhook(first);
    expect(redelivered.status).toBe(200);
    expect(redelivered.body).toEqual({ result: 'ok', duplicate: true });
    const unsigned = await webhook(event(userKey, '서명 없음'), null);
    expect(isProblem(unsigned, 401)).toBe(true);

    const c = (await conversationOf(userKey))!;
    expect(c).not.toBeNull();
    const messages = await messagesOf(c.id);
    const inbound = messages.filter((m) => m.direction === 'inbound');
    expect(inbound).toHaveLength(1);
    expect(inbound[0]!.body).toBe('긴급생활비 문의합니다. 제 주민번호 850505-2****** 입니다');
    expect(JSON.stringify(messages)).not.toContain('2345678');

    // 운영시간 안내: exactly one outside hours, none inside (skipped if the clock crossed a boundary).
    const openAfter = isOpenAt(new Date());
    if (openBefore === openAfter) {
      const notices = messages.filter((m) => m.direction === 'outbound' && m.body.includes('운영시간'));
      expect(notices).toHaveLength(openBefore ? 0 : 1);
    }
  });

  it('a reply and a programme card reach the sink; the card carries a link button to its source', async () => {
    const userKey = `it-${randomUUID()}`;
    await webhook(event(userKey, '월세 지원 받을 수 있나요?'));
    const c = (await conversationOf(userKey))!;
    const found = (await s.call('GET', `/programmes?q=${encodeURIComponent('월세')}&limit=20`, { token })).body as { items: { programme: Programme }[] };
    const programme = found.items.map((i) => i.programme).find((p) => p.sourceUrl?.startsWith('http'));
    expect(programme).toBeDefined();

    const reply = { id: randomUUID(), direction: 'outbound', body: '안녕하세요, 상담사입니다.' };
    const card = { id: randomUUID(), direction: 'outbound', kind: 'programme_card', body: `${programme!.name} 안내입니다.`, programmeId: programme!.id };
    expect((await s.call('POST', `/conversations/${c.id}/messages`, { token, body: reply })).status).toBe(201);
    expect((await s.call('POST', `/conversations/${c.id}/messages`, { token, body: card })).status).toBe(201);

    await eventually(async () => sink.received.some((r) => r.message.serial_number === card.id), 'the card at the sink');
    const atSink = sink.received.filter((r) => r.message.user_key === userKey).map((r) => r.message);
    expect(atSink.find((m) => m.serial_number === reply.id)?.message).toBe(reply.body);
    expect(atSink.find((m) => m.serial_number === card.id)?.buttons?.[0]).toMatchObject({ type: 'WL', url_mobile: programme!.sourceUrl });
    // In order: the reply was written first, so it arrived first.
    expect(atSink.findIndex((m) => m.serial_number === reply.id)).toBeLessThan(atSink.findIndex((m) => m.serial_number === card.id));
    await eventually(async () => (await messagesOf(c.id)).find((m) => m.id === card.id && m.delivery === 'delivered'), 'delivered status');
  });

  it('a 5xx is retried until delivered; a 4xx is a visible failure with the provider message', async () => {
    const userKey = `it-${randomUUID()}`;
    await webhook(event(userKey, '난방비 지원 문의'));
    const c = (await conversationOf(userKey))!;

    const retried = { id: randomUUID(), direction: 'outbound', body: '재시도될 답장' };
    // Aimed at this reply only: an automatic 운영시간 안내 may be on its way at the same time.
    sink.failNext(1, { status: 503, only: (raw) => raw.includes(retried.id) });
    await s.call('POST', `/conversations/${c.id}/messages`, { token, body: retried });
    const delivered = await eventually(async () => (await messagesOf(c.id)).find((m) => m.id === retried.id && m.delivery === 'delivered'), 'retry');
    expect(delivered.deliveryError).toBeNull();
    expect(sink.attempts.some((a) => a.status === 503 && a.body.includes(retried.id))).toBe(true);

    const refused = { id: randomUUID(), direction: 'outbound', body: '전달되지 않을 답장' };
    sink.failNext(1, { status: 400, body: { message: '카카오톡 채널을 차단한 사용자입니다' }, only: (raw) => raw.includes(refused.id) });
    await s.call('POST', `/conversations/${c.id}/messages`, { token, body: refused });
    const failed = await eventually(async () => (await messagesOf(c.id)).find((m) => m.id === refused.id && m.delivery === 'failed'), 'failure');
    expect(failed.deliveryError).toContain('카카오톡 채널을 차단한 사용자입니다');
  });

  it('the citizen simulator drives the real server: every new event filed once, redeliveries recognised', async () => {
    const simulator = createCitizenSimulator({
      serverUrl: s.url, secret: WEBHOOK_SECRET, citizens: 3, rate: 100, messages: 12, redeliverRatio: 0.25, seed: 11, userKeyPrefix: `sim-it-${randomUUID().slice(0, 6)}`,
    });
    const summary = await simulator.run();
    expect(summary.failures).toBe(0);
    expect(summary.rejected).toBe(0);
    expect(summary.duplicates).toBe(summary.redeliveries);
    let filedMessages = 0;
    for (const userKey of summary.userKeys) {
      const list = await s.call('GET', `/conversations?q=${encodeURIComponent(userKey)}`, { token });
      const theirs = (list.body as { items: Conversation[] }).items.filter((c) => c.citizenKey === userKey);
      // One citizen, one open conversation, even when their events arrive concurrently.
      expect(theirs, userKey).toHaveLength(1);
      filedMessages += (await messagesOf(theirs[0]!.id)).filter((m) => m.direction === 'inbound' && m.kind !== 'event').length;
    }
    expect(filedMessages).toBe(summary.messages);
  });
});
