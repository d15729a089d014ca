import { ProgrammeInput } from '../../../../common/domain/index.js';
import { CALL_NOTICE } from '../../../../electron/services/inbox/inbox-handlers.js';
import { type CentralService, startCentralService } from '../../../harness/central-service.js';
import { serverCallLog, serverConversation, serverLogin, serverMessages } from '../../../reliability/support/server-api.js';
import { type DeskFixture, startDesk, startSignedInDesk, waitFor } from '../fixtures.js';

let server: CentralService;
let desk: DeskFixture;

beforeAll(async () => {
  server = await startCentralService({ env: { BOKJI_LOGIN_RATE_PER_MIN: '1000', BOKJI_RATE_LIMIT_PER_MIN: '100000' } });
}, 120_000);
afterAll(async () => {
  await server?.stop();
});
beforeEach(async () => {
  desk = await startSignedInDesk(server, 'counsellor1');
});
afterEach(async () => {
  await desk.dispose();
});

const drained = () => waitFor(async () => (await desk.services.handlers.sync.getStatus(undefined)).queueLength === 0, 10_000, 'outbox drained');
const token = async (user = 'counsellor1') => (await serverLogin(server.url, user, server.demoPassword)).token;

describe('inbox handlers against the real server', () => {
  it('claim moves a conversation into "mine" at once and on the server', async () => {
    const me = (await desk.services.handlers.session.getState(undefined)).counsellor!;
    const target = (await desk.services.handlers.inbox.list({ view: 'all', q: '' })).find((c) => c.assigneeId !== me.id)!;
    const claimed = await desk.services.handlers.inbox.claim({ conversationId: target.id });
    expect(claimed.assigneeId).toBe(me.id);
    expect((await desk.services.handlers.inbox.list({ view: 'mine', q: '' })).map((c) => c.id)).toContain(target.id);
    await drained();
    expect((await serverConversation(server.url, await token(), target.id)).assigneeId).toBe(me.id);
    expect((await desk.services.handlers.inbox.list({ view: 'mine', q: '' })).map((c) => c.id)).toContain(target.id);
  });

  it('searches by citizen name, phone digits and message text', async () => {
    const all = await desk.services.handlers.inbox.list({ view: 'all', q: '' });
    const named = all.find((c) => c.citizenName)!;
    expect((await desk.services.handlers.inbox.list({ view: 'all', q: named.citizenName!.slice(0, 2) })).map((c) => c.id)).toContain(named.id);
    const withPhone = all.find((c) => c.citizenPhone);
    if (withPhone) {
      const digits = withPhone.citizenPhone!.replace(/\D/g, '').slice(-4);
      expect((await desk.services.handlers.inbox.list({ view: 'all', q: digits })).map((c) => c.id)).toContain(withPhone.id);
    }
    const detail = await desk.services.handlers.inbox.get({ conversationId: named.id });
    const word = detail.messages.find((m) => m.direction === 'inbound')!.body.slice(0, 6);
    expect((await desk.services.handlers.inbox.list({ view: 'all', q: word })).map((c) => c.id)).toContain(named.id);
    expect(await desk.services.handlers.inbox.list({ view: 'all', q: '%_없는검색어_%' })).toEqual([]);
  });

  it('close sends the status and creates the linked kakao consultation record', async () => {
    const target = (await desk.services.handlers.inbox.list({ view: 'all', q: '' }))[0]!;
    const { conversation, callLogId } = await desk.services.handlers.inbox.close({ conversationId: target.id, field: '저소득층 지원', summary: '기초생활수급 신청 안내' });
    expect(conversation.status).toBe('closed');
    expect((await desk.services.handlers.inbox.list({ view: 'closed', q: '' })).map((c) => c.id)).toContain(target.id);
    const local = await desk.services.handlers.calls.get({ id: callLogId });
    expect(local?.callLog).toMatchObject({ channel: 'kakao', conversationId: target.id, need: '기초생활수급 신청 안내', field: '저소득층 지원' });
    await drained();
    const t = await token();
    expect((await serverConversation(server.url, t, target.id)).status).toBe('closed');
    expect(await serverCallLog(server.url, t, callLogId)).toMatchObject({ channel: 'kakao', conversationId: target.id, need: '기초생활수급 신청 안내' });
    const detail = await desk.services.handlers.inbox.get({ conversationId: target.id });
    expect(detail.callLogs.map((l) => l.id)).toContain(callLogId);
    await desk.services.handlers.inbox.reopen({ conversationId: target.id });
    await drained();
    expect((await serverConversation(server.url, t, target.id)).status).toBe('open');
  });

  it('closing a chat records what happened: cards sent -> 연계 프로그램 and 조치 정보제공, the known phone; reopen -> close updates that record, never a second one', async () => {
    const h = desk.services.handlers;
    const target = (await h.inbox.list({ view: 'all', q: '' })).find((c) => c.status !== 'closed' && !c.citizenPhone)!;
    const card = (await h.programmes.search({ q: '', limit: 2 })).items.map((i) => i.programme);
    await h.inbox.send({ conversationId: target.id, direction: 'outbound', body: card[0]!.name, programmeId: card[0]!.id });
    // The number came up in the chat: 전화 상담 전환 with it leaves a phone draft linked to the chat.
    await h.inbox.switchToCall({ conversationId: target.id, phone: '010-2345-6789' });
    await drained();
    const first = await h.inbox.close({ conversationId: target.id, field: '저소득층 지원', summary: '생계급여 안내' });
    expect((await h.calls.get({ id: first.callLogId }))?.callLog).toMatchObject({
      channel: 'kakao', conversationId: target.id, programmeIds: [card[0]!.id], action: 'info', callerPhone: '01023456789',
    });
    await drained();

    await h.inbox.reopen({ conversationId: target.id });
    await h.inbox.send({ conversationId: target.id, direction: 'outbound', body: card[1]!.name, programmeId: card[1]!.id });
    await drained();
    const second = await h.inbox.close({ conversationId: target.id, field: '저소득층 지원', summary: '생계급여와 주거급여 안내' });
    expect(second.callLogId).toBe(first.callLogId);
    await drained();
    const t = await token();
    const onServer = await serverCallLog(server.url, t, first.callLogId);
    expect(onServer).toMatchObject({ need: '생계급여와 주거급여 안내', programmeIds: [card[0]!.id, card[1]!.id], version: 2 });
    const kakaoRecords = (await h.calls.list({ limit: 500 })).filter((l) => l.conversationId === target.id && l.channel === 'kakao');
    expect(kakaoRecords).toHaveLength(1);
  });

  it('switchToCall opens a call-log draft with the citizen number and tells the citizen', async () => {
    const target = (await desk.services.handlers.inbox.list({ view: 'all', q: '' }))[0]!;
    const { callLogId } = await desk.services.handlers.inbox.switchToCall({ conversationId: target.id, phone: '010-2345-6789' });
    const draft = await desk.services.handlers.calls.getDraft({ id: callLogId });
    expect(draft).toMatchObject({ id: callLogId, conversationId: target.id, channel: 'phone', callerPhone: '01023456789' });
    await drained();
    const messages = await serverMessages(server.url, await token(), target.id);
    expect(messages.filter((m) => m.body === CALL_NOTICE && m.direction === 'outbound')).toHaveLength(1);
  });

  it('markRead by the assignee clears the unread count locally and on the server, and updates the badge', async () => {
    const me = (await desk.services.handlers.session.getState(undefined)).counsellor!.id;
    const target = (await desk.services.handlers.inbox.list({ view: 'all', q: '' })).find((c) => c.unreadCount > 0);
    expect(target).toBeDefined();
    // Only the assignee's reading clears the team's count (a colleague's is theirs alone: shift.test.ts),
    // and need-to-know keeps a colleague's chat theirs: read it at the assignee's desk.
    let reader = desk;
    if (target!.assigneeId === null) await desk.services.handlers.inbox.claim({ conversationId: target!.id });
    else if (target!.assigneeId !== me) {
      const res = await fetch(`${server.url}/api/v1/counsellors`, { headers: { authorization: `Bearer ${await token('admin')}` } });
      const { items } = (await res.json()) as { items: { id: string; username: string }[] };
      reader = await startSignedInDesk(server, items.find((c) => c.id === target!.assigneeId)!.username);
    }
    try {
      const badgeBefore = await waitFor(() => reader.window.badges.at(-1) || undefined, 5_000, 'badge after first sync');
      await reader.services.handlers.inbox.markRead({ conversationId: target!.id });
      expect((await reader.services.handlers.inbox.get({ conversationId: target!.id })).conversation.unreadCount).toBe(0);
      expect(reader.window.badges.at(-1)).toBe(badgeBefore - target!.unreadCount);
      await waitFor(async () => (await reader.services.handlers.sync.getStatus(undefined)).queueLength === 0, 10_000, 'outbox drained');
      expect((await serverConversation(server.url, await token(), target!.id)).unreadCount).toBe(0);
    } finally {
      if (reader !== desk) await reader.dispose();
    }
  });

  it('keeps favourites and recents, and lets only an admin update a programme (online, with If-Match)', async () => {
    const h = desk.services.handlers.programmes;
    const [first, second] = (await h.search({ q: '지원', limit: 5 })).items.map((i) => i.programme);
    expect(first && second).toBeTruthy();
    expect(await h.toggleFavourite({ id: first!.id })).toEqual([first!.id]);
    expect(await h.toggleFavourite({ id: first!.id })).toEqual([]);
    await h.markUsed({ id: first!.id });
    await new Promise((r) => setTimeout(r, 5));
    await h.markUsed({ id: second!.id });
    expect(await h.recents(undefined)).toEqual([second!.id, first!.id]);

    await expect(h.update({ id: first!.id, input: ProgrammeInput.parse(first), baseVersion: first!.version })).rejects.toMatchObject({ code: 'forbidden' });
    const admin = await startDesk({ serverUrl: server.url });
    try {
      await admin.services.handlers.session.login({ serverUrl: server.url, username: 'admin', password: server.demoPassword });
      await admin.services.handlers.sync.syncNow(undefined);
      const input = ProgrammeInput.parse({ ...first, summary: `${first!.summary} (수정)` });
      const saved = await admin.services.handlers.programmes.update({ id: first!.id, input, baseVersion: first!.version });
      expect(saved.version).toBeGreaterThan(first!.version);
      expect((await admin.services.handlers.programmes.get({ id: first!.id }))?.summary).toMatch(/\(수정\)$/);
      await expect(admin.services.handlers.programmes.update({ id: first!.id, input, baseVersion: first!.version })).rejects.toMatchObject({ code: 'conflict' });
      // The other desk learns of it through the feed.
      await desk.services.handlers.sync.syncNow(undefined);
      expect((await h.get({ id: first!.id }))?.version).toBe(saved.version);
    } finally {
      await admin.dispose();
    }
  });
});
