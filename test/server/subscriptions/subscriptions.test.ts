import { randomUUID } from 'node:crypto';
import { CONSENT_STATEMENT, CONSENT_STATEMENT_VERSION, type Subscriber } from '../../../common/subscriptions/index.js';
import { runReconfirmation } from '../../../server/subscriptions/reconfirm-job.js';
import type { KakaoSink } from '../../../server/simulator/index.js';
import { ENGINES, isProblem, type TestServer } from '../helpers.js';
import { useSubscriptionWorld } from '../subscriptions/support.js';
import { citizenEvent, conversationOf, eventually, messagesOf, repliesTo, say, subscribeOverKakao, webhook } from './support.js';

describe.each(ENGINES)('구독 over KakaoTalk and at the desk (%s)', (engine) => {
  let s: TestServer;
  let sink: KakaoSink;
  let counsellor: string;
  let supervisor: string;

  const world = useSubscriptionWorld(engine);
  beforeAll(() => {
    ({ s, sink, counsellor, supervisor } = world);
  });

  const subscriber = async (key: string) => (await s.call('GET', `/subscribers/${encodeURIComponent(key)}`, { token: counsellor })).body as Subscriber;

  it('lists the demo topics', async () => {
    const res = await s.call('GET', '/subscription-topics', { token: counsellor });
    expect(res.status).toBe(200);
    expect((res.body as { name: string }[]).map((t) => t.name)).toEqual(['임대주택', '공공일자리', '복지 소식', '구정 소식']);
  });

  it('구독 -> consent text and topics -> explicit yes subscribes; 수신거부 unsubscribes at once with its answer', async () => {
    const key = `sub-${randomUUID()}`;
    const prompt = await say(s, sink, key, '구독');
    expect(prompt).toContain(CONSENT_STATEMENT.split('\n')[1]!);
    expect(prompt).toContain('1. 임대주택');
    expect(prompt).toContain('4. 구정 소식');
    expect((await subscriber(key)).status).toBe('none');

    const confirm = await say(s, sink, key, '1, 4');
    expect(confirm).toContain('임대주택, 구정 소식');
    // Choosing is not consenting.
    expect((await subscriber(key)).status).toBe('none');

    expect(await say(s, sink, key, '네')).toBe('임대주택 소식, 구정 소식 구독을 신청했습니다. 그만 받으시려면 언제든 "수신거부"라고 보내 주세요.');
    const on = await subscriber(key);
    expect(on.status).toBe('active');
    expect(on.topics).toEqual(['housing', 'district']);
    expect(on.history).toHaveLength(1);
    expect(on.history[0]).toMatchObject({ action: 'subscribe', method: 'chat', channel: 'kakao', statementVersion: CONSENT_STATEMENT_VERSION, topics: ['housing', 'district'] });
    expect(on.reconfirmDueAt).not.toBeNull();

    expect(await say(s, sink, key, '수신거부')).toBe('임대주택 소식, 구정 소식 구독을 해지했습니다. 다시 받으시려면 언제든 "구독"이라고 보내 주세요.');
    const off = await subscriber(key);
    expect(off.status).toBe('unsubscribed');
    expect(off.topics).toEqual([]);
    expect(off.history.map((h) => h.action)).toEqual(['subscribe', 'unsubscribe']);
  });

  it('a "no" or an unrelated text never subscribes; 그만 받기 works in the middle of the dialog', async () => {
    const key = `sub-${randomUUID()}`;
    await subscribeOverKakao(s, sink, key, '2');
    expect((await subscriber(key)).topics).toEqual(['jobs']);
    await say(s, sink, key, '소식 받기');
    await say(s, sink, key, '1');
    // In the middle of the dialog, withdrawal wins at once.
    expect(await say(s, sink, key, '그만 받기')).toBe('공공일자리 소식 구독을 해지했습니다. 다시 받으시려면 언제든 "구독"이라고 보내 주세요.');
    expect((await subscriber(key)).status).toBe('unsubscribed');
    await say(s, sink, key, '구독');
    await say(s, sink, key, '3');
    expect(await say(s, sink, key, '아니오')).toContain('취소');
    expect((await subscriber(key)).status).toBe('unsubscribed');
  });

  it('keywords do not disturb an open consultation: the message stays in it with a system line, status and assignee unchanged', async () => {
    const key = `sub-${randomUUID()}`;
    expect((await webhook(s, citizenEvent(key, '기초연금 신청 문의합니다'))).status).toBe(200);
    const c = await eventually(() => conversationOf(s, counsellor, key).catch(() => null), 'the conversation');
    const claimed = await s.call('PATCH', `/conversations/${c.id}`, { token: counsellor, body: { assigneeId: (await s.call('GET', '/me', { token: counsellor }) as { body: { counsellor: { id: string } } }).body.counsellor.id }, headers: { 'if-match': `"${c.version}"` } });
    expect(claimed.status).toBe(200);
    const before = await conversationOf(s, counsellor, key);

    const unsubscribedAnswer = await say(s, sink, key, '구독 취소');
    expect(unsubscribedAnswer).toContain('구독 중인 소식이 없습니다');
    const after = await conversationOf(s, counsellor, key);
    expect(after.id).toBe(before.id);
    expect(after.status).toBe(before.status);
    expect(after.assigneeId).toBe(before.assigneeId);
    const messages = await messagesOf(s, counsellor, c.id);
    expect(messages.some((m) => m.direction === 'inbound' && m.body === '구독 취소')).toBe(true);
    expect(messages.some((m) => m.direction === 'system' && m.body.startsWith('구독 안내 자동 응답'))).toBe(true);
    // A question that merely contains the word is for the counsellor, not the channel.
    const n = repliesTo(sink, key).length;
    await webhook(s, citizenEvent(key, '구독 취소하면 다시 신청할 수 있나요?'));
    await new Promise((r) => setTimeout(r, 300));
    expect(repliesTo(sink, key)).toHaveLength(n);
  });

  it('a redelivered 수신거부 is answered once', async () => {
    const key = `sub-${randomUUID()}`;
    await subscribeOverKakao(s, sink, key, '1');
    const stop = citizenEvent(key, '수신거부');
    expect((await webhook(s, stop)).status).toBe(200);
    await eventually(() => repliesTo(sink, key).some((r) => r.includes('해지했습니다')), 'the answer');
    expect((await webhook(s, stop)).body).toMatchObject({ duplicate: true });
    await new Promise((r) => setTimeout(r, 300));
    expect(repliesTo(sink, key).filter((r) => r.includes('해지했습니다'))).toHaveLength(1);
    expect((await subscriber(key)).history.filter((h) => h.action === 'unsubscribe')).toHaveLength(1);
  });

  it('counsellor-assisted subscription with the statement read; the ledger names the counsellor; the list is masked and for supervisors', async () => {
    const key = `desk-${randomUUID()}`;
    const put = await s.call('PUT', `/subscribers/${key}`, {
      token: counsellor, body: { topics: ['housing', 'welfare'], dongs: ['독산1동'], consent: { method: 'phone', statement: CONSENT_STATEMENT } },
    });
    expect(put.status).toBe(200);
    const got = await subscriber(key);
    expect(got).toMatchObject({ status: 'active', topics: ['housing', 'welfare'], dongs: ['독산1동'] });
    expect(got.history[0]).toMatchObject({ method: 'phone', channel: 'desk', actorName: expect.any(String), statementVersion: CONSENT_STATEMENT_VERSION });
    const other = await s.call('PUT', `/subscribers/${key}-2`, { token: counsellor, body: { topics: ['jobs'], consent: { method: 'visit', statement: '구두로 안내함' } } });
    expect((other.body as Subscriber).history[0]!.statementVersion).toMatch(/^custom:/);

    expect(isProblem(await s.call('PUT', `/subscribers/${key}`, { token: counsellor, body: { topics: ['nope'], consent: { method: 'phone', statement: 'x' } } }), 400)).toBe(true);
    expect(isProblem(await s.call('PUT', `/subscribers/${key}`, { token: counsellor, body: { topics: ['jobs'], dongs: ['강남동'], consent: { method: 'phone', statement: 'x' } } }), 400)).toBe(true);

    expect(isProblem(await s.call('GET', '/subscribers?topic=housing', { token: counsellor }), 403)).toBe(true);
    const list = await s.call('GET', '/subscribers?topic=housing&dong=독산1동', { token: supervisor });
    expect(list.status).toBe(200);
    const body = list.body as { items: { citizenKeyMasked: string; topics: string[] }[]; total: number };
    expect(body.items.length).toBeGreaterThan(0);
    expect(body.items.every((i) => i.topics.includes('housing'))).toBe(true);
    expect(list.text).not.toContain(key);
  });

  it('re-confirmation after 2 years: asks over KakaoTalk; a yes renews, silence for 30 days lapses with a notice', async () => {
    const yes = `re-${randomUUID()}`;
    const silent = `re-${randomUUID()}`;
    await subscribeOverKakao(s, sink, yes, '1');
    await subscribeOverKakao(s, sink, silent, '2');
    const in2years = new Date(Date.now() + 731 * 86_400_000);
    const asked = await runReconfirmation(s.app.store, in2years);
    expect(asked.asked).toBeGreaterThanOrEqual(2);
    await eventually(() => repliesTo(sink, silent).some((r) => r.includes('재동의 요청')), 'the question');
    expect(await say(s, sink, yes, '네')).toContain('앞으로도 보내 드리겠습니다');
    expect((await subscriber(yes)).history.map((h) => h.action)).toEqual(['subscribe', 'reconfirm-asked', 'reconfirm']);

    const lapsed = await runReconfirmation(s.app.store, new Date(in2years.getTime() + 31 * 86_400_000));
    expect(lapsed.lapsed).toBeGreaterThanOrEqual(1);
    const gone = await subscriber(silent);
    expect(gone.status).toBe('lapsed');
    expect(gone.history.at(-1)!.action).toBe('lapse');
    expect((await subscriber(yes)).status).toBe('active');
    await eventually(() => repliesTo(sink, silent).some((r) => r.includes('구독이 해지되었습니다')), 'the lapse notice');
  });
});
