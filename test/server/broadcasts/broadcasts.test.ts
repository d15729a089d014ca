import { randomUUID } from 'node:crypto';
import { CONSENT_STATEMENT, type Broadcast, type BroadcastRecipient } from '../../../common/subscriptions/index.js';
import type { KakaoSink } from '../../../server/simulator/index.js';
import { ENGINES, isProblem, type TestServer } from '../helpers.js';
import { eventually, say, subscribeOverKakao, webhook, citizenEvent, conversationOf, messagesOf, useSubscriptionWorld } from '../subscriptions/support.js';

describe.each(ENGINES)('구독 소식: writing, approving and sending a notice (%s)', (engine) => {
  let s: TestServer;
  let sink: KakaoSink;
  let admin: string;
  let supervisor: string;
  let counsellor: string;

  const world = useSubscriptionWorld(engine);
  beforeAll(() => {
    ({ s, sink, admin, supervisor, counsellor } = world);
  });

  const subscribe = (key: string, topics: string[], dongs: string[] = []) =>
    s.call('PUT', `/subscribers/${key}`, { token: counsellor, body: { topics, dongs, consent: { method: 'counsellor', statement: CONSENT_STATEMENT } } });
  const draft = (over: Record<string, unknown> = {}) => ({
    id: randomUUID(), title: '행복주택 입주자 모집', body: '금천구 행복주택 입주자를 모집합니다. 자세한 내용은 https://www.geumcheon.go.kr 에서 보세요.', topics: ['housing'], ...over,
  });
  const get = async (id: string) => (await s.call('GET', `/broadcasts/${id}`, { token: supervisor })).body as Broadcast;
  const toNotice = (id: string) => sink.received.filter((r) => r.message.broadcast_id === id);

  it('admin writes, the author may not approve (403), supervisor1 approves; each remaining subscriber of the topic gets it once, nobody else', async () => {
    const tag = randomUUID().slice(0, 8);
    const housing = Array.from({ length: 12 }, (_, i) => `h-${tag}-${i}`);
    const jobsOnly = `j-${tag}`;
    const leaver = `l-${tag}`;
    for (const k of housing) expect((await subscribe(k, ['housing', 'welfare'])).status).toBe(200);
    expect((await subscribe(jobsOnly, ['jobs'])).status).toBe(200);
    expect((await subscribe(leaver, ['housing'])).status).toBe(200);
    const kakaoKey = `k-${tag}`;
    await subscribeOverKakao(s, sink, kakaoKey, '1');
    // An opt-out over KakaoTalk before the notice: the leaver gets nothing.
    await subscribeOverKakao(s, sink, leaver, '1');
    expect(await say(s, sink, leaver, '수신거부')).toContain('구독을 해지했습니다');

    expect(isProblem(await s.call('POST', '/broadcasts', { token: counsellor, body: draft() }), 403)).toBe(true);
    const input = draft();
    const created = await s.call('POST', '/broadcasts', { token: admin, body: input, headers: { 'idempotency-key': input.id } });
    expect(created.status).toBe(201);
    expect((created.body as Broadcast).status).toBe('draft');
    const replay = await s.call('POST', '/broadcasts', { token: admin, body: input, headers: { 'idempotency-key': input.id } });
    expect(replay.status).toBe(201);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');

    const patched = await s.call('PATCH', `/broadcasts/${input.id}`, { token: admin, body: { title: `행복주택 모집 ${tag}`, buttons: [{ name: '공고 보기', url: 'https://www.geumcheon.go.kr/notice' }] } });
    expect(patched.status).toBe(200);
    const audience = await s.call('GET', '/broadcasts/audience?topics=housing', { token: admin });
    expect((audience.body as { count: number }).count).toBeGreaterThanOrEqual(13);

    expect(isProblem(await s.call('POST', `/broadcasts/${input.id}/approve`, { token: supervisor }), 409)).toBe(true); // not submitted yet
    expect((await s.call('POST', `/broadcasts/${input.id}/submit`, { token: admin })).status).toBe(200);
    expect(isProblem(await s.call('PATCH', `/broadcasts/${input.id}`, { token: admin, body: { title: 'x' } }), 409)).toBe(true);
    const own = await s.call('POST', `/broadcasts/${input.id}/approve`, { token: admin });
    expect(isProblem(own, 403)).toBe(true);
    expect(own.text).toContain('작성자');
    const approved = await s.call('POST', `/broadcasts/${input.id}/approve`, { token: supervisor });
    expect(approved.status).toBe(200);
    expect((approved.body as Broadcast).status).toBe('sending');
    expect((approved.body as Broadcast).approvedByName).toBeTruthy();

    const expected = [...housing, kakaoKey];
    const done = await eventually(async () => {
      const b = await get(input.id);
      return b.status === 'sent' ? b : null;
    }, 'the notice sent');
    const got = toNotice(input.id);
    const keys = got.map((r) => r.message.user_key);
    for (const k of expected) expect(keys.filter((x) => x === k)).toHaveLength(1);
    expect(keys).not.toContain(jobsOnly);
    expect(keys).not.toContain(leaver);
    expect(new Set(got.map((r) => r.message.serial_number)).size).toBe(got.length);
    expect(got[0]!.message.message.startsWith(`[행복주택 모집 ${tag}]\n`)).toBe(true);
    expect(got[0]!.message.buttons).toEqual([{ name: '공고 보기', type: 'WL', url_mobile: 'https://www.geumcheon.go.kr/notice', url_pc: 'https://www.geumcheon.go.kr/notice' }]);
    expect(done.counts).toMatchObject({ delivered: done.counts.targeted, pending: 0, failed: 0, optedOut: 0 });
    expect(done.counts.targeted).toBeGreaterThanOrEqual(expected.length);

    const recipients = await s.call('GET', `/broadcasts/${input.id}/recipients?status=delivered`, { token: supervisor });
    const items = (recipients.body as { items: BroadcastRecipient[] }).items;
    expect(items.length).toBe(done.counts.delivered);
    expect(recipients.text).not.toContain(housing[0]);

    // A reply to the notice joins the citizen's conversation with a system line naming it.
    expect((await webhook(s, citizenEvent(housing[0]!, '신청은 어디서 하나요?'))).status).toBe(200);
    const c = await eventually(() => conversationOf(s, counsellor, housing[0]!).catch(() => null), 'the conversation');
    const lines = await eventually(async () => {
      const m = await messagesOf(s, counsellor, c.id);
      return m.some((x) => x.body === `구독 소식 '행복주택 모집 ${tag}'에 대한 답장`) ? m : null;
    }, 'the reply line');
    expect(lines.length).toBeGreaterThan(0);
    const report = await s.call('GET', `/broadcasts/${input.id}/report`, { token: supervisor });
    expect(report.status).toBe(200);
    expect((report.body as { replies: number }).replies).toBe(1);
  });

  it('refuses http links, over-long texts and unknown topics; masks a 주민등록번호', async () => {
    expect(isProblem(await s.call('POST', '/broadcasts', { token: admin, body: draft({ body: '신청: http://example.com' }) }), 400)).toBe(true);
    expect(isProblem(await s.call('POST', '/broadcasts', { token: admin, body: draft({ buttons: [{ name: '보기', url: 'http://example.com' }] }) }), 400)).toBe(true);
    expect(isProblem(await s.call('POST', '/broadcasts', { token: admin, body: draft({ body: '가'.repeat(1001) }) }), 400)).toBe(true);
    expect(isProblem(await s.call('POST', '/broadcasts', { token: admin, body: draft({ topics: ['nope'] }) }), 400)).toBe(true);
    const masked = await s.call('POST', '/broadcasts', { token: admin, body: draft({ body: '문의: 850505-2345678 님' }) });
    expect(masked.status).toBe(201);
    expect((masked.body as Broadcast).body).toBe('문의: 850505-2****** 님');
  });

  it('the audience is frozen at approval; cancel stops the rest; a later subscriber is not added', async () => {
    const tag = randomUUID().slice(0, 8);
    for (let i = 0; i < 5; i++) await subscribe(`d-${tag}-${i}`, ['district'], ['가산동']);
    await subscribe(`d-${tag}-other`, ['district'], ['시흥1동']);
    const input = draft({ topics: ['district'], dongs: ['가산동'], scheduledAt: new Date(Date.now() + 3600_000).toISOString() });
    await s.call('POST', '/broadcasts', { token: supervisor, body: input });
    await s.call('POST', `/broadcasts/${input.id}/submit`, { token: supervisor });
    const approved = (await s.call('POST', `/broadcasts/${input.id}/approve`, { token: admin })).body as Broadcast;
    expect(approved.status).toBe('scheduled');
    await subscribe(`d-${tag}-late`, ['district'], ['가산동']);
    const b = await get(input.id);
    // Every 가산동 subscriber of 구정 소식 so far, none of 시흥1동, not the late one.
    const recipients = (await s.call('GET', `/broadcasts/${input.id}/recipients?limit=1000`, { token: supervisor })).body as { items: BroadcastRecipient[] };
    expect(recipients.items).toHaveLength(b.counts.targeted);
    expect(b.counts.pending).toBe(b.counts.targeted);
    expect(b.counts.targeted).toBeGreaterThanOrEqual(5);
    const cancelled = (await s.call('POST', `/broadcasts/${input.id}/cancel`, { token: admin })).body as Broadcast;
    expect(cancelled.status).toBe('cancelled');
    expect(cancelled.counts).toMatchObject({ pending: 0, cancelled: b.counts.targeted });
    expect(toNotice(input.id)).toHaveLength(0);
  });
});
