import { randomUUID } from 'node:crypto';
import type { Change, Conversation, Counsellor, Message, SupervisorBoard } from '../../../common/domain/index.js';
import { signKakaoBody } from '../../../server/channels/kakao/index.js';
import { CTI_TOKEN, ENGINES, WEBHOOK_SECRET, isProblem, startServer, type TestServer } from '../helpers.js';

async function eventually<T>(fn: () => Promise<T | null | undefined | false>, what: string, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Presence, automatic assignment, the board and the report through the real server. */
describe.each(ENGINES)('team operations over REST (%s)', (engine) => {
  let s: TestServer;
  const tokens: Record<string, string> = {};
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    s = await startServer(engine);
    for (const u of ['counsellor1', 'counsellor2', 'counsellor3', 'counsellor4', 'supervisor1', 'admin']) {
      tokens[u] = await s.login(u);
      ids[u] = ((await s.call('GET', '/me', { token: tokens[u] })).body as { counsellor: Counsellor }).counsellor.id;
    }
  });
  afterAll(async () => {
    await s?.close();
  });

  const webhook = (userKey: string, message: string) => {
    const payload = { serial_number: randomUUID(), event: 'message', user_key: userKey, message_type: 'TX', message, time: new Date().toISOString() };
    const raw = JSON.stringify(payload);
    return s.call('POST', `${s.url}/api/v1/channels/kakao/webhook`, {
      rawBody: raw,
      headers: { 'content-type': 'application/json', 'x-bokji-signature': signKakaoBody(raw, WEBHOOK_SECRET) },
    });
  };
  const conversationOf = async (userKey: string) => {
    const list = await s.call('GET', `/conversations?q=${encodeURIComponent(userKey)}`, { token: tokens.admin });
    return (list.body as { items: Conversation[] }).items.find((c) => c.citizenKey === userKey) ?? null;
  };
  const presence = (user: string, status: string, extra: Record<string, unknown> = {}) =>
    s.call('PUT', '/me/presence', { token: tokens[user], body: { status, ...extra } });
  const setAssignment = (body: unknown) => s.call('PUT', '/settings/assignment', { token: tokens.admin, body });
  const board = async () => (await s.call('GET', '/supervisor/board', { token: tokens.supervisor1 })).body as SupervisorBoard;

  it('sets presence, puts it in the counsellor record of the feed, and rejects a bad status in Korean', async () => {
    const before = Number(((await s.call('GET', '/sync/pull?cursor=0&limit=1', { token: tokens.counsellor1 })).body as { cursor: string }).cursor);
    const ok = await presence('counsellor1', 'away');
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ presence: 'away', username: 'counsellor1' });
    const pull = (await s.call('GET', `/sync/pull?cursor=${before}&limit=5000`, { token: tokens.counsellor1 })).body as { changes: Change[] };
    const mine = pull.changes.filter((c) => c.entity === 'counsellor' && c.id === ids.counsellor1);
    expect(mine.at(-1)?.data).toMatchObject({ presence: 'away' });

    const bad = await presence('counsellor1', 'sleeping');
    expect(isProblem(bad, 400)).toBe(true);
    expect(bad.text).toContain('status');
    expect(isProblem(await s.call('PUT', '/me/presence', { body: { status: 'away' } }), 401)).toBe(true);
  });

  it('serves the board to supervisor1 and admin, 403 to a counsellor', async () => {
    expect(isProblem(await s.call('GET', '/supervisor/board', { token: tokens.counsellor1 }), 403)).toBe(true);
    const b = await s.call('GET', '/supervisor/board', { token: tokens.supervisor1 });
    expect(b.status).toBe(200);
    const body = b.body as SupervisorBoard;
    expect(body.counsellors.map((c) => c.displayName)).toContain('상담원 김민지');
    // The demo's 정영희 waits unassigned: masked on the board.
    expect(body.waiting.some((w) => w.citizenLabel === '정*희' && w.assigneeId === null)).toBe(true);
    expect(body.unassignedCount).toBeGreaterThanOrEqual(1);
    expect(body.longestWaitSeconds).toBeGreaterThan(0);
    expect((await s.call('GET', '/supervisor/board', { token: tokens.admin })).status).toBe(200);
  });

  it('only an admin changes the assignment settings; off by default', async () => {
    const settings = (await s.call('GET', '/settings/team', { token: tokens.counsellor1 })).body as { assignment: { enabled: boolean } };
    expect(settings.assignment.enabled).toBe(false);
    expect(isProblem(await s.call('PUT', '/settings/assignment', { token: tokens.supervisor1, body: { enabled: true, maxOpenPerCounsellor: 2, order: 'longest_waiting' } }), 403)).toBe(true);
    expect(isProblem(await setAssignment({ enabled: true, maxOpenPerCounsellor: 0, order: 'longest_waiting' }), 400)).toBe(true);
  });

  it('assigns a waiting chat within 2 s of a counsellor becoming available, with a system line; capacity holds', async () => {
    for (const u of ['counsellor1', 'counsellor2', 'counsellor3', 'counsellor4', 'supervisor1', 'admin']) await presence(u, 'away');
    expect((await setAssignment({ enabled: true, maxOpenPerCounsellor: 3, order: 'longest_waiting' })).status).toBe(200);
    const userKey = `team-${randomUUID()}`;
    expect((await webhook(userKey, '기초연금 신청하고 싶어요')).status).toBe(200);
    await new Promise((r) => setTimeout(r, 1200));
    // Nobody available: it waits.
    expect((await conversationOf(userKey))?.assigneeId).toBeNull();

    // counsellor4 has no demo chats open; the longest-waiting chat (the demo's 정영희) goes first.
    const started = Date.now();
    await presence('counsellor4', 'available');
    const assigned = await eventually(async () => {
      const c = await conversationOf(userKey);
      return c?.assigneeId ? c : null;
    }, 'assignment', 2_000);
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(assigned.assigneeId).toBe(ids.counsellor4);
    const messages = ((await s.call('GET', `/conversations/${assigned.id}/messages`, { token: tokens.counsellor4 })).body as { items: Message[] }).items;
    expect(messages.filter((m) => m.direction === 'system' && m.body.startsWith('자동 배정'))).toHaveLength(1);

    // Capacity 3: more chats than that stay unassigned while counsellor4 is the only one available.
    const more = Array.from({ length: 4 }, () => `team-${randomUUID()}`);
    await Promise.all(more.map((k) => webhook(k, '문의드립니다')));
    await new Promise((r) => setTimeout(r, 1500));
    const b = await board();
    expect(b.counsellors.find((c) => c.id === ids.counsellor4)).toMatchObject({ openChats: 3, atCapacity: true, presence: 'available' });

    // A counsellor transferring to someone at capacity is refused; a supervisor may override.
    const waitingOne = (await Promise.all(more.map(conversationOf))).find((c) => c && c.assigneeId === null)!;
    const patch = (user: string, c: Conversation) =>
      s.call('PATCH', `/conversations/${c.id}`, { token: tokens[user], headers: { 'if-match': `"${c.version}"` }, body: { assigneeId: ids.counsellor4 } });
    // Need-to-know (issue 12): a counsellor may only claim an unassigned chat, then transfer their own.
    expect(isProblem(await patch('counsellor1', waitingOne), 403)).toBe(true);
    const claimed = await s.call('PATCH', `/conversations/${waitingOne.id}`, {
      token: tokens.counsellor1, headers: { 'if-match': `"${waitingOne.version}"` }, body: { assigneeId: ids.counsellor1 },
    });
    expect(claimed.status).toBe(200);
    const refused = await patch('counsellor1', (await conversationOf(waitingOne.citizenKey))!);
    expect(isProblem(refused, 409)).toBe(true);
    expect(refused.text).toContain('더 배정할 수 없습니다');
    expect((await patch('supervisor1', (await conversationOf(waitingOne.citizenKey))!)).status).toBe(200);

    // counsellor3 becomes available: the remaining waiting chats go to them (fewest open first).
    await presence('counsellor3', 'available');
    await eventually(async () => ((await board()).unassignedCount === 0 ? true : null), 'all assigned', 3_000);
    await setAssignment({ enabled: false, maxOpenPerCounsellor: 3, order: 'longest_waiting' });
  });

  it('CTI answer makes a counsellor 통화 중 until the hang-up, then back to what they were', async () => {
    await presence('counsellor2', 'available');
    const cti = (type: string, callId: string) =>
      s.call('POST', '/cti/events', { headers: { authorization: `Bearer ${CTI_TOKEN}` }, body: { type, callId, from: '01012345678', to: '0221234567', counsellor: 'counsellor2' } });
    const callId = `call-${randomUUID()}`;
    await cti('newCall', callId);
    const presenceOf = async () => (await board()).counsellors.find((c) => c.id === ids.counsellor2)!;
    expect((await presenceOf()).presence).toBe('available');
    expect((await cti('answer', callId)).status).toBe(200);
    expect((await presenceOf()).presence).toBe('on_call');
    expect((await cti('answer', callId)).status).toBe(200);
    expect((await cti('hangup', callId)).status).toBe(200);
    expect(await presenceOf()).toMatchObject({ presence: 'available', callsToday: 1 });
  });

  it('reports service levels for supervisors (403 for counsellors; bad range 400)', async () => {
    const from = new Date(Date.now() - 86_400_000).toISOString();
    const to = new Date(Date.now() + 60_000).toISOString();
    expect(isProblem(await s.call('GET', `/reports/service-levels?from=${from}&to=${to}`, { token: tokens.counsellor1 }), 403)).toBe(true);
    expect(isProblem(await s.call('GET', `/reports/service-levels?from=${to}&to=${from}`, { token: tokens.supervisor1 }), 400)).toBe(true);
    const r = await s.call('GET', `/reports/service-levels?from=${from}&to=${to}&groupBy=month`, { token: tokens.supervisor1 });
    expect(r.status).toBe(200);
    const calls = (r.body as { calls: { counsellorId: string | null; offered: number; answered: number }[] }).calls;
    expect(calls.find((c) => c.counsellorId === ids.counsellor2)).toMatchObject({ offered: 1, answered: 1 });
  });
});

describe('presence liveness (sqlite)', () => {
  it('goes 오프라인 when no desk held the SSE stream for the configured time, and back with a desk', async () => {
    const s = await startServer('sqlite', { env: { BOKJI_PRESENCE_OFFLINE_SECONDS: '1' } });
    try {
      const token = await s.login('counsellor1');
      const me = ((await s.call('GET', '/me', { token })).body as { counsellor: Counsellor }).counsellor;
      const presenceOf = async () =>
        (await s.app.store.db.selectFrom('counsellors').select('presence').where('id', '=', me.id).executeTakeFirstOrThrow()).presence;
      await s.call('PUT', '/me/presence', { token, body: { status: 'available' } });
      expect(await presenceOf()).toBe('available');
      await eventually(async () => (await presenceOf()) === 'offline', 'offline', 5_000);

      // A desk holding the stream: 상담 가능 again, and it stays so while the stream is held.
      const controller = new AbortController();
      const res = await fetch(s.api('/events'), { headers: { authorization: `Bearer ${token}` }, signal: controller.signal });
      expect(res.status).toBe(200);
      await eventually(async () => (await presenceOf()) === 'available', 'available', 3_000);
      await new Promise((r) => setTimeout(r, 2_000));
      expect(await presenceOf()).toBe('available');
      controller.abort();
      await eventually(async () => (await presenceOf()) === 'offline', 'offline after the desk left', 5_000);
    } finally {
      await s.close();
    }
  });
});
