import { randomUUID } from 'node:crypto';
import type { Conversation, Message } from '../../../common/domain/index.js';
import { SATISFACTION_QUESTION, SATISFACTION_THANKS } from '../../../common/team/satisfaction.js';
import type { ServiceLevelReport } from '../../../common/team/service-levels.js';
import { signKakaoBody } from '../../../server/channels/kakao/index.js';
import { ENGINES, WEBHOOK_SECRET, startServer, type TestServer } from '../helpers.js';

/** The satisfaction question at 종료 and the citizen's answer, through the real server (issue 15 item 6). */
describe.each(ENGINES)('satisfaction question (%s)', (engine) => {
  let s: TestServer;
  const tokens: Record<string, string> = {};
  let counsellorId = '';

  beforeAll(async () => {
    s = await startServer(engine);
    for (const u of ['counsellor1', 'supervisor1', 'admin']) tokens[u] = await s.login(u);
    counsellorId = ((await s.call('GET', '/me', { token: tokens.counsellor1 })).body as { counsellor: { id: string } }).counsellor.id;
  });
  afterAll(async () => {
    await s?.close();
  });

  const webhook = async (userKey: string, message: string, serial = randomUUID()) => {
    const raw = JSON.stringify({ serial_number: serial, event: 'message', user_key: userKey, message_type: 'TX', message, time: new Date().toISOString() });
    const r = await s.call('POST', `${s.url}/api/v1/channels/kakao/webhook`, {
      rawBody: raw, headers: { 'content-type': 'application/json', 'x-bokji-signature': signKakaoBody(raw, WEBHOOK_SECRET) },
    });
    expect(r.status).toBe(200);
    return r.body as { duplicate: boolean };
  };
  const chatsOf = async (userKey: string) =>
    ((await s.call('GET', `/conversations?q=${encodeURIComponent(userKey)}`, { token: tokens.admin })).body as { items: Conversation[] }).items
      .filter((c) => c.citizenKey === userKey);
  const get = async (id: string) => (await s.call('GET', `/conversations/${id}`, { token: tokens.counsellor1 })).body as Conversation;
  const messages = async (id: string) => ((await s.call('GET', `/conversations/${id}/messages?limit=200`, { token: tokens.counsellor1 })).body as { items: Message[] }).items;
  const patch = async (c: Conversation, body: Record<string, unknown>) => {
    const r = await s.call('PATCH', `/conversations/${c.id}`, { token: tokens.counsellor1, body, headers: { 'if-match': `"${c.version}"` } });
    expect(r.status, r.text).toBe(200);
    return r.body as Conversation;
  };
  const reply = async (c: Conversation, body: string) => {
    const id = randomUUID();
    const r = await s.call('POST', `/conversations/${c.id}/messages`, { token: tokens.counsellor1, body: { id, direction: 'outbound', body }, headers: { 'idempotency-key': id } });
    expect(r.status, r.text).toBe(201);
  };
  /** A citizen writes, counsellor1 takes the chat, answers and closes it. */
  const answeredAndClosed = async (userKey: string, answer = true) => {
    await webhook(userKey, '주거급여 신청은 어디서 하나요?');
    let c = (await chatsOf(userKey))[0]!;
    c = await patch(c, { assigneeId: counsellorId });
    if (answer) await reply(c, '주민센터에서 신청하실 수 있습니다.');
    return patch(await get(c.id), { status: 'closed', field: '복지일반', summary: '주거급여 신청 안내' });
  };
  const questions = (ms: Message[]) => ms.filter((m) => m.direction === 'outbound' && m.body === SATISFACTION_QUESTION);

  it('asks once at 종료, as an automatic message; the answer stays in the closed chat with a thank-you', async () => {
    const userKey = `sat-${randomUUID()}`;
    const closed = await answeredAndClosed(userKey);
    expect(closed.satisfaction).toMatchObject({ answer: null, answeredAt: null });
    const asked = questions(await messages(closed.id));
    expect(asked).toHaveLength(1);
    expect(asked[0]).toMatchObject({ authorId: null, delivery: expect.stringMatching(/pending|delivered|failed/) });

    const notices = (list: Message[]) => list.filter((m) => m.direction === 'outbound' && m.body.includes('운영시간')).length;
    const noticesBefore = notices(await messages(closed.id));
    const serial = randomUUID();
    expect(await webhook(userKey, '1번', serial)).toEqual({ result: 'ok', duplicate: false });
    const chats = await chatsOf(userKey);
    expect(chats).toHaveLength(1);
    const after = chats[0]!;
    expect(after.status).toBe('closed');
    expect(after.satisfaction).toMatchObject({ answer: 'satisfied', answeredAt: expect.any(String) });
    expect(after.unreadCount).toBe(0);
    const ms = await messages(closed.id);
    expect(ms.filter((m) => m.body === SATISFACTION_THANKS && m.authorId === null)).toHaveLength(1);
    expect(ms.some((m) => m.direction === 'system' && m.body === '만족도 응답: 만족')).toBe(true);
    // Not a consultation: no 운영시간 안내 for it, whatever the time of day.
    expect(notices(ms)).toBe(noticesBefore);

    // A redelivery of the same event changes nothing.
    expect(await webhook(userKey, '1번', serial)).toEqual({ result: 'ok', duplicate: true });
    expect((await messages(closed.id)).filter((m) => m.body === SATISFACTION_THANKS)).toHaveLength(1);

    // Answered already: the next message is a new consultation.
    await webhook(userKey, '3');
    const now = await chatsOf(userKey);
    expect(now).toHaveLength(2);
    expect(now.find((c) => c.id !== closed.id)?.status).toBe('open');
    expect((await get(closed.id)).satisfaction?.answer).toBe('satisfied');
  });

  it('a reply that is not an answer opens a new consultation and leaves the question unanswered', async () => {
    const userKey = `sat-${randomUUID()}`;
    const closed = await answeredAndClosed(userKey);
    await webhook(userKey, '1번 서류는 어디서 떼나요?');
    const chats = await chatsOf(userKey);
    expect(chats).toHaveLength(2);
    expect(chats.find((c) => c.id !== closed.id)).toMatchObject({ status: 'open', unreadCount: 1 });
    expect((await get(closed.id)).satisfaction?.answer).toBeNull();
  });

  it('is not asked twice after reopen → 종료, nor when no counsellor answered, nor when switched off', async () => {
    const userKey = `sat-${randomUUID()}`;
    const closed = await answeredAndClosed(userKey);
    const reopened = await patch(closed, { status: 'open' });
    const again = await patch(reopened, { status: 'closed' });
    expect(questions(await messages(again.id))).toHaveLength(1);

    const silent = await answeredAndClosed(`sat-${randomUUID()}`, false);
    expect(silent.satisfaction).toBeNull();
    expect(questions(await messages(silent.id))).toHaveLength(0);

    expect((await s.call('PUT', '/settings/satisfaction', { token: tokens.counsellor1, body: { enabled: false } })).status).toBe(403);
    expect((await s.call('PUT', '/settings/satisfaction', { token: tokens.admin, body: { enabled: false } })).status).toBe(200);
    try {
      const off = await answeredAndClosed(`sat-${randomUUID()}`);
      expect(off.satisfaction).toBeNull();
      expect(questions(await messages(off.id))).toHaveLength(0);
    } finally {
      await s.call('PUT', '/settings/satisfaction', { token: tokens.admin, body: { enabled: true } });
    }
  });

  it('reads 1–5 scores and words, and reports the share per counsellor and month', async () => {
    for (const [text, expected] of [['보통이에요', 'neutral'], ['2점', 'dissatisfied'], ['만족합니다!', 'satisfied']] as const) {
      const userKey = `sat-${randomUUID()}`;
      const closed = await answeredAndClosed(userKey);
      await webhook(userKey, text);
      expect((await get(closed.id)).satisfaction?.answer, text).toBe(expected);
    }
    const from = new Date(Date.now() - 40 * 86_400_000).toISOString();
    const to = new Date(Date.now() + 86_400_000).toISOString();
    const r = await s.call('GET', `/reports/service-levels?from=${from}&to=${to}&groupBy=month`, { token: tokens.supervisor1 });
    expect(r.status).toBe(200);
    const rows = (r.body as ServiceLevelReport).satisfaction.filter((x) => x.counsellorId === counsellorId);
    const sum = (k: 'asked' | 'answered' | 'satisfied' | 'neutral' | 'dissatisfied') => rows.reduce((n, x) => n + x[k], 0);
    // This file's chats: 1 + 1 + 1 (reopened, asked once) + 1 (switched on again at the end) ... counted from the closes above.
    expect(sum('satisfied')).toBeGreaterThanOrEqual(2);
    expect(sum('neutral')).toBeGreaterThanOrEqual(1);
    expect(sum('dissatisfied')).toBeGreaterThanOrEqual(1);
    expect(sum('answered')).toBe(sum('satisfied') + sum('neutral') + sum('dissatisfied'));
    expect(sum('asked')).toBeGreaterThan(sum('answered'));
  });
});
