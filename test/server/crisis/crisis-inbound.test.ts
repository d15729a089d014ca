import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyInstance } from 'fastify';
import { Conversation, Message } from '../../../common/domain/index.js';
import { KAKAO_WEBHOOK_PATH, kakaoWebhookRoutes, signKakaoBody } from '../../../server/channels/kakao/index.js';
import { createKakaoInbox } from '../../../server/db/kakao-inbox.js';
import { parseStored } from '../../../server/db/json.js';
import { openStore, type Store } from '../../../server/db/store.js';
import { ENGINES, WEBHOOK_SECRET, dropStoreLocation, isProblem, newStoreLocation, startServer, testConfig, type TestServer, type TestStoreLocation } from '../helpers.js';

const OPEN = new Date('2026-11-30T02:00:00Z'); // Monday 11:00 KST
const CLOSED = new Date('2026-11-28T14:00:00Z'); // Saturday 23:00 KST

const event = (userKey: string, message: string, serial = randomUUID()) => ({
  serial_number: serial, event: 'message', user_key: userKey, message_type: 'TX', message, time: new Date().toISOString(),
});

describe.each(ENGINES)('crisis signals on the inbound path (%s)', (engine) => {
  let location: TestStoreLocation;
  let store: Store;
  let app: FastifyInstance;
  let clock = OPEN;

  beforeAll(async () => {
    location = await newStoreLocation(engine);
    store = await openStore(testConfig(location).database);
    app = Fastify();
    await app.register(kakaoWebhookRoutes, {
      port: createKakaoInbox(store), secret: WEBHOOK_SECRET, now: () => clock,
      outbound: { poke: () => undefined, close: async () => undefined },
    });
    await app.ready();
  });
  afterAll(async () => {
    await app?.close();
    await store?.close();
    await dropStoreLocation(location);
  });

  const post = async (payload: Record<string, unknown>) => {
    // The event is dated by the test's clock: the webhook refuses times far from its own now.
    const body = JSON.stringify({ ...payload, time: clock.toISOString() });
    const res = await app.inject({ method: 'POST', url: KAKAO_WEBHOOK_PATH, payload: body, headers: { 'content-type': 'application/json', 'x-bokji-signature': signKakaoBody(body, WEBHOOK_SECRET) } });
    expect(res.statusCode).toBe(200);
  };
  const conversationOf = async (userKey: string) =>
    parseStored(Conversation, (await store.db.selectFrom('conversations').select('data').where('citizen_key', '=', userKey).executeTakeFirstOrThrow()).data, 'conversations');
  const messagesOf = async (conversationId: string) =>
    (await store.db.selectFrom('messages').select('data').where('conversation_id', '=', conversationId).orderBy('created_at').orderBy('id').execute())
      .map((r) => parseStored(Message, r.data, 'messages'));

  it('flags a crisis message during hours with kind, phrase and message id, and sends nothing automatic', async () => {
    clock = OPEN;
    const userKey = `c-${randomUUID()}`;
    await post(event(userKey, '기초연금 문의요'));
    expect((await conversationOf(userKey)).crisis).toBeNull();
    await post(event(userKey, '사실은 오늘 집에서 남편이 때려요'));
    const c = await conversationOf(userKey);
    const messages = await messagesOf(c.id);
    const inbound = messages.filter((m) => m.direction === 'inbound');
    expect(c.crisis).toEqual({ kind: 'violence', phrase: '남편이 때려', messageId: inbound[1]!.id, at: expect.any(String) });
    expect(messages.filter((m) => m.direction === 'outbound')).toHaveLength(0);
    const audit = await store.db.selectFrom('audit_log').select(['action', 'summary']).where('record_id', '=', c.id).where('action', '=', 'crisis-signal').execute();
    expect(audit).toHaveLength(1);
  });

  it('leaves look-alikes alone, and a more urgent message replaces a milder signal', async () => {
    clock = OPEN;
    const userKey = `c-${randomUUID()}`;
    await post(event(userKey, '더워 죽겠어요 이 서류 맞는 건가요'));
    await post(event(userKey, '학교폭력 예방 교육 신청'));
    expect((await conversationOf(userKey)).crisis).toBeNull();
    await post(event(userKey, '가스가 끊겼어요'));
    expect((await conversationOf(userKey)).crisis?.kind).toBe('basic_needs');
    await post(event(userKey, '그냥 죽고 싶어요'));
    expect((await conversationOf(userKey)).crisis?.kind).toBe('self_harm');
    await post(event(userKey, '쌀도 떨어졌어요'));
    expect((await conversationOf(userKey)).crisis?.kind).toBe('self_harm');
  });

  it('answers a crisis outside hours at once with the 24-hour lines instead of the 운영시간 안내, once per signal', async () => {
    clock = CLOSED;
    const userKey = `c-${randomUUID()}`;
    const crisis = event(userKey, '죽고싶어요 ㅠㅠ');
    await post(crisis);
    await post(crisis); // redelivery
    await post(event(userKey, '아무도 없나요'));
    const c = await conversationOf(userKey);
    const outbound = (await messagesOf(c.id)).filter((m) => m.direction === 'outbound');
    expect(outbound).toHaveLength(1);
    expect(outbound[0]!.body).toContain('109');
    expect(outbound[0]!.body).toContain('1366');
    expect(outbound[0]!.body).toContain('129');
    expect(outbound[0]!.body).toContain('24시간');
    expect(outbound[0]!.delivery).toBe('pending');
    expect(c).toMatchObject({ crisis: { kind: 'self_harm' }, crisisAnsweredAt: expect.any(String), afterHoursNoticeAt: expect.any(String) });
  });

  it('after a plain 운영시간 안내, a later crisis message still gets the crisis answer', async () => {
    clock = CLOSED;
    const userKey = `c-${randomUUID()}`;
    await post(event(userKey, '월세 지원 문의드려요'));
    await post(event(userKey, '집주인이 나가래요 내일 쫓겨나요'));
    const c = await conversationOf(userKey);
    const outbound = (await messagesOf(c.id)).filter((m) => m.direction === 'outbound').map((m) => m.body);
    expect(outbound).toHaveLength(2);
    expect(outbound[0]).not.toContain('1366');
    expect(outbound[1]).toContain('129');
    expect(outbound[1]).toContain('긴급복지');
    expect(c.crisis?.kind).toBe('housing_loss');
  });
});

describe.each(ENGINES)('dismissing a crisis signal (%s)', (engine) => {
  let s: TestServer;
  let token: string;
  beforeAll(async () => {
    s = await startServer(engine);
    token = await s.login('counsellor1');
  });
  afterAll(async () => {
    await s?.close();
  });

  it('PATCH {dismissCrisis: reason} clears the signal, logs who and why; without a signal it is 422', async () => {
    const userKey = `d-${randomUUID()}`;
    const body = JSON.stringify(event(userKey, '이틀째 아무것도 못 먹었어요'));
    const hook = await s.call('POST', `${s.url}/api/v1/channels/kakao/webhook`, {
      rawBody: body, headers: { 'content-type': 'application/json', 'x-bokji-signature': signKakaoBody(body, WEBHOOK_SECRET) },
    });
    expect(hook.status).toBe(200);
    const list = (await s.call('GET', `/conversations?q=${encodeURIComponent(userKey)}`, { token })).body as { items: Conversation[] };
    const c = list.items.find((x) => x.citizenKey === userKey)!;
    expect(c.crisis?.kind).toBe('basic_needs');

    const empty = await s.call('PATCH', `/conversations/${c.id}`, { token, body: { dismissCrisis: '   ' }, headers: { 'if-match': `"${c.version}"` } });
    expect(isProblem(empty, 400)).toBe(true);
    const res = await s.call('PATCH', `/conversations/${c.id}`, { token, body: { dismissCrisis: '건강검진 금식 중이라는 뜻이었음' }, headers: { 'if-match': `"${c.version}"` } });
    expect(res.status).toBe(200);
    const after = res.body as Conversation;
    expect(after.crisis).toBeNull();
    const messages = ((await s.call('GET', `/conversations/${c.id}/messages`, { token })).body as { items: Message[] }).items;
    expect(messages.at(-1)).toMatchObject({ direction: 'system', body: expect.stringContaining('사유: 건강검진 금식 중이라는 뜻이었음') });
    const audit = await s.app.store.db.selectFrom('audit_log').select(['action', 'summary', 'counsellor_id']).where('record_id', '=', c.id).where('action', '=', 'crisis-dismiss').execute();
    expect(audit).toEqual([expect.objectContaining({ summary: expect.stringContaining('건강검진 금식'), counsellor_id: expect.any(String) })]);

    const again = await s.call('PATCH', `/conversations/${c.id}`, { token, body: { dismissCrisis: '다시' }, headers: { 'if-match': `"${after.version}"` } });
    expect(isProblem(again, 422)).toBe(true);
  });
});
