import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { CallLog, CannedReply, Conversation, CtiCall, Message, Programme } from '../../common/domain/index.js';
import { PullResponse } from '../../common/rest/contract.js';
import { signKakaoBody } from '../../server/channels/kakao/index.js';
import { startServer, ENGINES, isProblem, CTI_TOKEN, WEBHOOK_SECRET, type TestServer } from './helpers.js';

/** A stand-in for KAKAO_SEND_URL that records what it was sent. */
async function fakeKakao() {
  const received: Record<string, unknown>[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      received.push(JSON.parse(body) as Record<string, unknown>);
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"code":"ok"}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/send`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

async function eventually<T>(fn: () => Promise<T | null | undefined | false>, what: string): Promise<T> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out: ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe.each(ENGINES)('resources (%s)', (engine) => {
  let s: TestServer;
  let kakao: Awaited<ReturnType<typeof fakeKakao>>;
  let token: string;
  let admin: string;
  let me: { id: string };
  beforeAll(async () => {
    kakao = await fakeKakao();
    s = await startServer(engine, { env: { KAKAO_SEND_URL: kakao.url } });
    token = await s.login('counsellor1');
    admin = await s.login('admin');
    me = ((await s.call('GET', '/me', { token })).body as { counsellor: { id: string } }).counsellor;
  });
  afterAll(async () => {
    await s?.close();
    await kakao?.close();
  });

  const webhook = (payload: Record<string, unknown>, signature?: string) => {
    const raw = JSON.stringify(payload);
    return s.call('POST', `${s.url}/api/v1/channels/kakao/webhook`, {
      rawBody: raw,
      headers: { 'content-type': 'application/json', ...(signature !== '' ? { 'x-bokji-signature': signature ?? signKakaoBody(raw, WEBHOOK_SECRET) } : {}) },
    });
  };
  const citizenMessage = (userKey: string, message: string) => ({
    serial_number: randomUUID(),
    event: 'message',
    user_key: userKey,
    message_type: 'TX',
    message,
    time: new Date().toISOString(),
  });
  const conversationOf = async (userKey: string) => {
    const list = await s.call('GET', `/conversations?q=${encodeURIComponent(userKey)}`, { token });
    return (list.body as { items: Conversation[] }).items.find((c) => c.citizenKey === userKey) ?? null;
  };

  it('files a signed webhook event into a new conversation, de-duplicates a redelivery, refuses an unsigned one', async () => {
    const userKey = `citizen-${randomUUID()}`;
    const event = citizenMessage(userKey, '안녕하세요, 주거급여 문의드립니다. <script>alert(1)</script>');
    const first = await webhook(event);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ duplicate: false });
    // The outbound loop may be delivering the 운영시간 안내 meanwhile (feed rows); count records.
    const records = async () => {
      const { conversations, messages, inbound_events } = await s.countRows();
      return { conversations, messages, inbound_events };
    };
    const before = await records();
    const again = await webhook(event);
    expect(again.body).toMatchObject({ duplicate: true });
    expect(await records()).toEqual(before);
    const unsigned = await webhook(citizenMessage(userKey, '서명 없음'), '');
    expect(isProblem(unsigned, 401)).toBe(true);
    const forged = await webhook(citizenMessage(userKey, '위조'), 'sha256=' + '0'.repeat(64));
    expect(isProblem(forged, 401)).toBe(true);
    expect(await records()).toEqual(before);
    const c = await conversationOf(userKey);
    expect(c).toMatchObject({ status: 'open', assigneeId: null, unreadCount: 1 });
    expect(c!.waitingSince).not.toBeNull();
    const messages = (await s.call('GET', `/conversations/${c!.id}/messages`, { token })).body as { items: Message[] };
    const inbound = messages.items.filter((m) => m.direction === 'inbound');
    expect(inbound).toHaveLength(1);
    expect(inbound[0]!.body).toBe(event.message);
  });

  it('a reply is delivered to KAKAO_SEND_URL and marked delivered; a note is never sent', async () => {
    const userKey = `citizen-${randomUUID()}`;
    await webhook(citizenMessage(userKey, '기초연금 신청 방법이 궁금합니다'));
    const c = (await conversationOf(userKey))!;
    const reply = { id: randomUUID(), direction: 'outbound', body: '안녕하세요, 기초연금은 주민센터나 복지로에서 신청하실 수 있습니다.' };
    const note = { id: randomUUID(), direction: 'note', body: '내부 메모: 재산 기준 확인' };
    const posted = await s.call('POST', `/conversations/${c.id}/messages`, { token, body: reply });
    expect(posted.status).toBe(201);
    expect(posted.body).toMatchObject({ delivery: 'pending', authorId: me.id });
    expect((await s.call('POST', `/conversations/${c.id}/messages`, { token, body: note })).body).toMatchObject({ delivery: null });
    const delivered = await eventually(async () => {
      const list = (await s.call('GET', `/conversations/${c.id}/messages`, { token })).body as { items: Message[] };
      return list.items.find((m) => m.id === reply.id && m.delivery === 'delivered');
    }, 'delivery');
    expect(delivered.deliveryError).toBeNull();
    const sent = kakao.received.filter((r) => r.user_key === userKey);
    expect(sent.some((r) => r.message === reply.body && r.message_type === 'TX' && typeof r.serial_number === 'string')).toBe(true);
    expect(sent.some((r) => r.message === note.body)).toBe(false);
    const after = (await s.call('GET', `/conversations/${c.id}`, { token })).body as Conversation;
    expect(after).toMatchObject({ assigneeId: me.id, waitingSince: null, unreadCount: 0 });
  });

  it('workflow: assign with a comment, hold until the next citizen message, close, refuse a reply, reopen', async () => {
    const userKey = `citizen-${randomUUID()}`;
    await webhook(citizenMessage(userKey, '장애인 활동지원 문의'));
    let c = (await conversationOf(userKey))!;
    const counsellor2 = ((await s.call('GET', '/counsellors', { token: admin })).body as { items: { id: string; username: string }[] }).items.find(
      (x) => x.username === 'counsellor2',
    )!;
    // A 팀장 transfers and manages it (need-to-know: a counsellor may only change conversations they hold).
    const supervisor = await s.login('supervisor1');
    const patch = async (body: Record<string, unknown>) => {
      const r = await s.call('PATCH', `/conversations/${c.id}`, { token: supervisor, body, headers: { 'if-match': `"${c.version}"` } });
      if (r.status === 200) c = r.body as Conversation;
      return r;
    };
    expect((await patch({ assigneeId: counsellor2.id, comment: '장애인 복지 담당에게 이관' })).status).toBe(200);
    expect(c.assigneeId).toBe(counsellor2.id);
    expect((await patch({ assigneeId: randomUUID() })).status).toBe(422);
    expect((await patch({ status: 'held', heldUntil: null })).status).toBe(200);
    expect(c.status).toBe('held');
    await webhook(citizenMessage(userKey, '서류 준비했습니다'));
    c = (await s.call('GET', `/conversations/${c.id}`, { token })).body as Conversation;
    expect(c.status).toBe('open');
    expect((await patch({ status: 'closed', field: '장애인 복지', summary: '활동지원 신청 안내' })).status).toBe(200);
    expect(c.closedAt).not.toBeNull();
    const refused = await s.call('POST', `/conversations/${c.id}/messages`, { token, body: { id: randomUUID(), direction: 'outbound', body: '추가 안내' } });
    expect(isProblem(refused, 422)).toBe(true);
    // While the citizen has a newer conversation open, the old one cannot be reopened beside it.
    await webhook(citizenMessage(userKey, '새로 문의드립니다'));
    const newer = (await conversationOf(userKey))!;
    expect(newer.id).not.toBe(c.id);
    const beside = await s.call('PATCH', `/conversations/${c.id}`, { token: supervisor, body: { status: 'open' }, headers: { 'if-match': `"${c.version}"` } });
    expect(isProblem(beside, 409)).toBe(true);
    expect((beside.body as { detail: string }).detail).toContain(newer.id);
    await s.call('PATCH', `/conversations/${newer.id}`, {
      token: supervisor, body: { status: 'closed', field: '장애인 복지', summary: '새 문의 안내' }, headers: { 'if-match': `"${newer.version}"` },
    });
    expect((await patch({ status: 'open', comment: '추가 문의로 다시 엶' })).status).toBe(200);
    expect(c.closedAt).toBeNull();
    const messages = ((await s.call('GET', `/conversations/${c.id}/messages`, { token })).body as { items: Message[] }).items;
    const system = messages.filter((m) => m.direction === 'system').map((m) => m.body).join('\n');
    expect(system).toContain('장애인 복지 담당에게 이관');
    expect(system).toContain('종료');
    expect(system).toContain('다시 엶');
    const audit = await s.app.store.db.selectFrom('audit_log').selectAll().where('record_id', '=', c.id).where('action', '=', 'update').execute();
    expect(audit.length).toBeGreaterThanOrEqual(4);
    const supervisorId = ((await s.call('GET', '/me', { token: supervisor })).body as { counsellor: { id: string } }).counsellor.id;
    expect(audit.every((a) => a.counsellor_id === supervisorId)).toBe(true);
  });

  it('programmes: ranked search, filters, GET one, admin PUT with If-Match updates the index', async () => {
    const all = (await s.call('GET', '/programmes?limit=100', { token })).body as { items: { programme: Programme }[]; total: number };
    expect(all.total).toBeGreaterThan(0);
    const target = all.items[0]!.programme;
    const byName = (await s.call('GET', `/programmes?q=${encodeURIComponent(target.name)}`, { token })).body as { items: { programme: Programme }[] };
    expect(byName.items.some((i) => i.programme.id === target.id)).toBe(true);
    const filtered = (await s.call('GET', `/programmes?field=${encodeURIComponent(target.field)}&limit=100`, { token })).body as { items: { programme: Programme }[] };
    expect(filtered.items.every((i) => i.programme.field === target.field)).toBe(true);
    const one = await s.call('GET', `/programmes/${target.id}`, { token });
    expect(one.headers.get('etag')).toBe(`"${target.version}"`);
    const { id: _id, updatedAt: _u, version: _v, ...input } = target;
    const renamed = { ...input, name: '테스트용 새이름 프로그램 쿼카' };
    expect((await s.call('PUT', `/programmes/${target.id}`, { token, body: renamed, headers: { 'if-match': `"${target.version}"` } })).status).toBe(403);
    expect((await s.call('PUT', `/programmes/${target.id}`, { token: admin, body: renamed })).status).toBe(428);
    const put = await s.call('PUT', `/programmes/${target.id}`, { token: admin, body: renamed, headers: { 'if-match': `"${target.version}"` } });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ name: renamed.name, version: target.version + 1 });
    const found = (await s.call('GET', `/programmes?q=${encodeURIComponent('쿼카')}`, { token })).body as { items: { programme: Programme }[] };
    expect(found.items[0]?.programme.id).toBe(target.id);
    const audit = await s.app.store.db.selectFrom('audit_log').selectAll().where('record_id', '=', target.id).where('action', '=', 'update').execute();
    expect(audit).toHaveLength(1);
  });

  it('canned replies: demo set with variables, admin edit with If-Match, delete appears in the feed as null', async () => {
    const list = (await s.call('GET', '/canned-replies', { token })).body as { items: CannedReply[] };
    expect(list.items.map((r) => r.title)).toEqual(expect.arrayContaining(['인사', '운영시간', '서류 안내', '주민센터 연계', '마무리']));
    expect(list.items.find((r) => r.title === '인사')!.body).toContain('{{citizenName}}');
    const target = list.items.find((r) => r.title === '마무리')!;
    const edited = await s.call('PUT', `/canned-replies/${target.id}`, {
      token: admin,
      body: { title: '마무리 인사', body: target.body, shortcut: target.shortcut },
      headers: { 'if-match': `"${target.version}"` },
    });
    expect(edited.status).toBe(200);
    expect(isProblem(await s.call('DELETE', `/canned-replies/${target.id}`, { token: admin, headers: { 'if-match': `"${target.version}"` } }), 412)).toBe(true);
    const seqBefore = await s.app.store.latestSeq();
    expect((await s.call('DELETE', `/canned-replies/${target.id}`, { token: admin, headers: { 'if-match': `"${target.version + 1}"` } })).status).toBe(204);
    const feed = PullResponse.parse((await s.call('GET', `/sync/pull?cursor=${seqBefore}`, { token })).body);
    expect(feed.changes).toEqual([{ seq: seqBefore + 1, entity: 'cannedReply', id: target.id, data: null }]);
  });

  it('CTI: token-protected events make a call row, a missed call when unanswered, and a linked call log', async () => {
    const cti = (body: Record<string, unknown>, bearer: string | null = CTI_TOKEN) =>
      s.call('POST', '/cti/events', { token: bearer, body });
    const callId = `call-${randomUUID()}`;
    expect(isProblem(await cti({ type: 'newCall', callId, from: '01055556666', to: '1200', counsellor: 'counsellor1' }, null), 401)).toBe(true);
    expect(isProblem(await cti({ type: 'newCall', callId, from: '01055556666', to: '1200', counsellor: 'counsellor1' }, token), 401)).toBe(true);
    const seqBefore = await s.app.store.latestSeq();
    const rang = await cti({ type: 'newCall', callId, from: '01055556666', to: '1200', counsellor: 'counsellor1' });
    expect(rang.status).toBe(200);
    expect(rang.body).toMatchObject({ callId, counsellorId: me.id, answeredAt: null, missed: false });
    expect((await cti({ type: 'answer', callId, from: '01055556666', to: '1200', counsellor: 'counsellor1' })).body).toMatchObject({ missed: false });
    const ended = (await cti({ type: 'hangup', callId, from: '01055556666', to: '1200', counsellor: null })).body as CtiCall;
    expect(ended.missed).toBe(false);
    expect(ended.endedAt).not.toBeNull();
    // A repeated hangup changes nothing.
    expect((await cti({ type: 'hangup', callId, from: '01055556666', to: '1200', counsellor: null })).body).toEqual(ended);
    const feed = PullResponse.parse((await s.call('GET', `/sync/pull?cursor=${seqBefore}`, { token })).body);
    expect(feed.changes.filter((c) => c.entity === 'ctiCall' && c.id === callId)).toHaveLength(3);

    const missedId = `call-${randomUUID()}`;
    await cti({ type: 'newCall', callId: missedId, from: '0212345678', to: '1200', counsellor: 'counsellor2' });
    await cti({ type: 'hangup', callId: missedId, from: '0212345678', to: '1200', counsellor: null });
    const missed = (await s.call('GET', '/cti/calls?missed=true', { token })).body as { items: CtiCall[] };
    expect(missed.items.map((c) => c.callId)).toContain(missedId);
    expect(missed.items.map((c) => c.callId)).not.toContain(callId);

    const logId = randomUUID();
    const log = await s.call('PUT', `/call-logs/${logId}`, {
      token,
      body: { channel: 'phone', startedAt: ended.answeredAt, durationSec: 60, callerPhone: '01055556666', ctiCallId: callId, need: '긴급복지 문의' },
    });
    expect(log.status).toBe(201);
    const calls = (await s.call('GET', '/cti/calls', { token })).body as { items: CtiCall[] };
    expect(calls.items.find((c) => c.callId === callId)!.callLogId).toBe(logId);
  });

  it('call-log list filters by phone, field, channel, text and date range', async () => {
    const mk = async (over: Record<string, unknown>) => {
      const id = randomUUID();
      const r = await s.call('PUT', `/call-logs/${id}`, {
        token,
        body: { channel: 'phone', startedAt: '2026-10-01T00:00:00.000Z', durationSec: 10, need: '', ...over },
      });
      expect(r.status).toBe(201);
      return id;
    };
    const a = await mk({ callerPhone: '01077778888', field: '보건의료', need: '의료비 지원 문의 펭귄', startedAt: '2026-10-02T00:00:00.000Z' });
    const b = await mk({ callerPhone: '01077778888', field: '복지일반', channel: 'visit', startedAt: '2026-10-05T00:00:00.000Z' });
    const ids = async (query: string) =>
      ((await s.call('GET', `/call-logs?${query}`, { token })).body as { items: CallLog[] }).items.map((l) => l.id);
    expect(await ids('phone=010-7777-8888')).toEqual([b, a]);
    expect(await ids('phone=01077778888&field=%EB%B3%B4%EA%B1%B4%EC%9D%98%EB%A3%8C')).toEqual([a]);
    expect(await ids('phone=01077778888&channel=visit')).toEqual([b]);
    expect(await ids(`q=${encodeURIComponent('펭귄')}`)).toEqual([a]);
    expect(await ids('phone=01077778888&from=2026-10-03T00:00:00Z&to=2026-10-06T00:00:00Z')).toEqual([b]);
  });
});

describe.each(ENGINES)('보류 until a time (%s)', (engine) => {
  let s: TestServer;
  afterAll(async () => {
    await s?.close();
  });

  it('reopens a held conversation once its heldUntil has passed, and only then', async () => {
    const { reopenExpiredHolds } = await import('../../server/jobs/held-expiry.js');
    s = await startServer(engine);
    const token = await s.login('counsellor1');
    const list = (await s.call('GET', '/conversations?status=open', { token })).body as { items: Conversation[] };
    // The one counsellor1 holds: only its assignee (or a 팀장) may put it on hold.
    let c = list.items.find((x) => x.assigneeId !== null)!;
    const until = '2030-01-01T00:00:00.000Z';
    const held = await s.call('PATCH', `/conversations/${c.id}`, {
      token,
      body: { status: 'held', heldUntil: until },
      headers: { 'if-match': `"${c.version}"` },
    });
    expect(held.status).toBe(200);
    c = held.body as Conversation;
    expect(await reopenExpiredHolds(s.app.store, new Date('2029-12-31T23:59:59.000Z'))).toBe(0);
    expect(await reopenExpiredHolds(s.app.store, new Date('2030-01-01T00:00:01.000Z'))).toBe(1);
    const after = (await s.call('GET', `/conversations/${c.id}`, { token })).body as Conversation;
    expect(after).toMatchObject({ status: 'open', heldUntil: null, version: c.version + 1 });
    expect(await reopenExpiredHolds(s.app.store, new Date('2030-01-02T00:00:00.000Z'))).toBe(0);
  });
});
