import { randomUUID } from 'node:crypto';
import { KAKAO_WEBHOOK_PATH } from '../../../../server/channels/kakao/webhook-routes.js';
import { signKakaoBody } from '../../../../server/simulator/index.js';
import { type CentralService, startCentralService } from '../../../harness/central-service.js';
import { CALL_NOTICE, PHONE_QUESTION } from '../../../../common/domain/index.js';
import { serverConversation, serverLogin, serverMessages } from '../../../reliability/support/server-api.js';
import { koreanOnly } from '../../../../common/text/index.js';
import { queryDeskDb } from '../../../reliability/support/desk-db.js';
import { type TcpProxy, startTcpProxy } from '../../../reliability/support/tcp-proxy.js';
import { type DeskFixture, startSignedInDesk, waitFor } from '../fixtures.js';

/** Issue 10: the inbox over a shift, the desk services against the real central service. */
let server: CentralService;
let proxy: TcpProxy;
let desk: DeskFixture;
let serial = 0;

async function citizenSays(userKey: string, message: string): Promise<void> {
  const body = JSON.stringify({ serial_number: `${userKey}-${++serial}`, event: 'message', user_key: userKey, message_type: 'TX', message, time: new Date().toISOString() });
  const res = await fetch(new URL(KAKAO_WEBHOOK_PATH, server.url), {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-bokji-signature': signKakaoBody(body, server.webhookSecret) },
    body,
  });
  expect(res.status).toBe(200);
}

beforeAll(async () => {
  server = await startCentralService({ env: { BOKJI_LOGIN_RATE_PER_MIN: '1000', BOKJI_RATE_LIMIT_PER_MIN: '100000' } });
  proxy = await startTcpProxy(server.port);
}, 120_000);
afterAll(async () => {
  await proxy?.close();
  await server?.stop();
});
beforeEach(async () => {
  desk = await startSignedInDesk(server, 'counsellor1');
});
afterEach(async () => {
  await desk.dispose();
});

const find = (userKey: string, view: 'unassigned' | 'all' = 'unassigned') =>
  waitFor(async () => (await desk.services.handlers.inbox.list({ view, q: '' })).find((c) => c.citizenKey === userKey), 10_000, userKey);

describe('inbox over a shift (desk services)', () => {
  it('lists 미배정 longest-waiting first by default, newest first on request, with a nameless citizen’s first question', async () => {
    const first = `wait-a-${randomUUID().slice(0, 6)}`;
    const second = `wait-b-${randomUUID().slice(0, 6)}`;
    await citizenSays(first, '주거급여 신청 자격이 궁금합니다');
    await citizenSays(second, '긴급복지 생계지원 문의');
    await citizenSays(first, '혹시 답변 주실 수 있나요');
    await find(second);
    // The desk has the citizen's third message (its feed may lag behind the webhook on a loaded machine).
    const row = await waitFor(async () => {
      const r = await find(first);
      return r.lastMessagePreview === '혹시 답변 주실 수 있나요' ? r : undefined;
    }, 10_000, 'third message on the desk');
    expect(row.citizenName).toBeNull();
    expect(row.firstQuestion).toBe('주거급여 신청 자격이 궁금합니다');

    const byWait = (await desk.services.handlers.inbox.list({ view: 'unassigned', q: '' })).map((c) => c.citizenKey);
    expect(byWait.indexOf(first)).toBeLessThan(byWait.indexOf(second));
    const waits = (await desk.services.handlers.inbox.list({ view: 'unassigned', q: '' })).map((c) => c.waitingSince).filter((w): w is string => w !== null);
    expect(waits).toEqual([...waits].sort());

    const byRecent = (await desk.services.handlers.inbox.list({ view: 'unassigned', q: '', sort: 'recent' })).map((c) => c.citizenKey);
    expect(byRecent.indexOf(first)).toBeLessThan(byRecent.indexOf(second));
    // The other views keep the latest message first unless asked.
    const all = await desk.services.handlers.inbox.list({ view: 'all', q: '' });
    const times = all.map((c) => c.lastMessageAt ?? c.createdAt);
    expect(times).toEqual([...times].sort().reverse());
  });

  it('keeps unread per counsellor: a colleague opening an unassigned chat clears it only for them; the assignee’s reading clears the team’s', async () => {
    const other = await startSignedInDesk(server, 'counsellor2');
    try {
      const userKey = `unread-${randomUUID().slice(0, 6)}`;
      await citizenSays(userKey, '장애인 활동지원 신청 문의드립니다');
      const c = await find(userKey);
      expect(c.unreadCount).toBe(1);
      await waitFor(async () => (await other.services.handlers.inbox.list({ view: 'unassigned', q: '' })).find((x) => x.citizenKey === userKey), 10_000, 'other desk');

      await desk.services.handlers.inbox.markRead({ conversationId: c.id });
      expect((await desk.services.handlers.inbox.get({ conversationId: c.id })).conversation.unreadCount).toBe(0);
      expect((await find(userKey)).unreadCount).toBe(0);
      const drained = (d: DeskFixture) => waitFor(async () => (await d.services.handlers.sync.getStatus(undefined)).queueLength === 0, 30_000, 'drained');
      await drained(desk);
      const token = (await serverLogin(server.url, 'counsellor2', server.demoPassword)).token;
      // The team still owes this citizen an answer, and counsellor2 has not read it.
      expect((await serverConversation(server.url, token, c.id)).unreadCount).toBe(1);
      expect((await other.services.handlers.inbox.list({ view: 'unassigned', q: '' })).find((x) => x.citizenKey === userKey)?.unreadCount).toBe(1);

      // A new message is unread again for counsellor1 too.
      await citizenSays(userKey, '서류는 무엇이 필요한가요?');
      await waitFor(async () => ((await find(userKey)).unreadCount === 1 ? true : undefined), 10_000, 'new message unread');

      await other.services.handlers.inbox.claim({ conversationId: c.id });
      await waitFor(async () => ((await other.services.handlers.inbox.get({ conversationId: c.id })).messages.length >= 2 ? true : undefined), 10_000, 'messages');
      await other.services.handlers.inbox.markRead({ conversationId: c.id });
      await drained(other);
      await waitFor(async () => ((await serverConversation(server.url, token, c.id)).unreadCount === 0 ? true : undefined), 10_000, 'team unread cleared');
      await waitFor(async () => ((await find(userKey, 'all')).unreadCount === 0 ? true : undefined), 10_000, 'cleared for counsellor1 too');
    } finally {
      await other.dispose();
    }
  });

  it('holds with a reason recorded in the chat, and 보류 해제 opens it again before the hold time', { timeout: 90_000 }, async () => {
    const userKey = `hold-${randomUUID().slice(0, 6)}`;
    await citizenSays(userKey, '서류를 찾아보고 다시 연락드릴게요');
    const c = await find(userKey);
    // Need-to-know: holding is for the chat's assignee. 맡기 and 보류 are queued back to back while the
    // desk is offline, and the citizen writes again meanwhile: both go out on a version older than the
    // server's, the 보류 right behind a 맡기 the server has not confirmed yet.
    const offline = await startSignedInDesk({ url: proxy.url, demoPassword: server.demoPassword }, 'counsellor1');
    try {
      proxy.setMode({ kind: 'down' });
      const me = (await offline.services.handlers.session.getState(undefined)).counsellor!;
      await offline.services.handlers.inbox.claim({ conversationId: c.id });
      const until = new Date(Date.now() + 60 * 60_000).toISOString();
      expect((await offline.services.handlers.inbox.hold({ conversationId: c.id, until, reason: '시민이 서류 확인 중' })).status).toBe('held');
      await citizenSays(userKey, '주민센터에 먼저 가 볼게요');
      expect((await offline.services.handlers.sync.getStatus(undefined)).queueLength).toBe(2);
      proxy.setMode({ kind: 'pass' });
      await offline.services.handlers.sync.syncNow(undefined);
      await waitFor(async () => (await offline.services.handlers.sync.getStatus(undefined)).queueLength === 0, 30_000, 'claim and hold drained');
      expect(await offline.services.handlers.sync.getStatus(undefined)).toMatchObject({ conflicts: 0, lastError: null });
      const token = (await serverLogin(server.url, 'counsellor1', server.demoPassword)).token;
      expect(await serverConversation(server.url, token, c.id)).toMatchObject({ status: 'held', heldUntil: until, assigneeId: me.id });
    } finally {
      proxy.setMode({ kind: 'pass' });
      await offline.dispose();
    }

    await waitFor(async () => ((await desk.services.handlers.inbox.get({ conversationId: c.id })).conversation.status === 'held' ? true : undefined), 10_000, 'held on the other desk');
    const drained = () => waitFor(async () => (await desk.services.handlers.sync.getStatus(undefined)).queueLength === 0, 30_000, 'drained');
    const token = (await serverLogin(server.url, 'counsellor1', server.demoPassword)).token;
    const unheld = await desk.services.handlers.inbox.unhold({ conversationId: c.id });
    expect(unheld).toMatchObject({ status: 'open', heldUntil: null });
    await expect(desk.services.handlers.inbox.unhold({ conversationId: c.id })).rejects.toMatchObject({ code: 'rejected' });
    await drained();
    expect(await serverConversation(server.url, token, c.id)).toMatchObject({ status: 'open', heldUntil: null });
    const events = (await serverMessages(server.url, token, c.id)).filter((m) => m.direction === 'system').map((m) => m.body);
    expect(events.some((b) => b.includes('보류했습니다') && b.includes('시민이 서류 확인 중'))).toBe(true);
    expect(events.some((b) => b.includes('보류를 해제했습니다'))).toBe(true);
  });

  it('a change the server refuses for good is not retried and stays on the status line, in Korean, until acknowledged', { timeout: 90_000 }, async () => {
    const userKey = `refused-${randomUUID().slice(0, 6)}`;
    await citizenSays(userKey, '기초연금 신청 문의');
    const c = await find(userKey);
    await desk.services.handlers.inbox.claim({ conversationId: c.id });
    await waitFor(async () => (await desk.services.handlers.sync.getStatus(undefined)).queueLength === 0, 30_000, 'claim confirmed');
    const other = await startSignedInDesk(server, 'counsellor2');
    try {
      await waitFor(async () => ((await other.services.handlers.inbox.get({ conversationId: c.id })).conversation.assigneeId !== null ? true : undefined), 10_000, 'assigned on the other desk');
      // Need-to-know: counsellor2 may not hold counsellor1's chat; the server says no (403), for good.
      await other.services.handlers.inbox.hold({ conversationId: c.id, until: null, reason: '' });
      const refused = await waitFor(async () => (await other.services.handlers.sync.getStatus(undefined)).lastError ?? undefined, 10_000, 'refusal shown');
      expect(refused).toMatch(/^서버가 보류를 받아들이지 않았습니다: /);
      expect(koreanOnly(refused)).not.toMatch(/[A-Za-z]{2,}/);
      expect((await other.services.handlers.sync.getStatus(undefined)).queueLength).toBe(0);
      // The chat shows the server's state again, not a hold that never happened.
      expect((await other.services.handlers.inbox.get({ conversationId: c.id })).conversation.status).not.toBe('held');
      // Not retried: the item is kept as failed (its payload with it), and a later write that goes through does not hide the refusal.
      await new Promise((r) => setTimeout(r, 1_000));
      expect(await queryDeskDb(other, "SELECT state FROM outbox WHERE op = 'conversation.patch'")).toEqual([{ state: 'failed' }]);
      await other.services.handlers.inbox.send({ conversationId: c.id, direction: 'note', body: '담당자에게 보류를 부탁함', programmeId: null });
      await waitFor(async () => (await other.services.handlers.sync.getStatus(undefined)).queueLength === 0, 30_000, 'note delivered');
      await new Promise((r) => setTimeout(r, 500));
      expect((await other.services.handlers.sync.getStatus(undefined)).lastError).toBe(refused);
      const token = (await serverLogin(server.url, 'counsellor1', server.demoPassword)).token;
      expect((await serverConversation(server.url, token, c.id)).status).not.toBe('held');
      // 지금 동기화 acknowledges it.
      expect((await other.services.handlers.sync.syncNow(undefined)).lastError).toBeNull();
    } finally {
      await other.dispose();
    }
  });

  it('전화 상담 전환 without a number asks the citizen for one instead of promising a call', async () => {
    const userKey = `call-${randomUUID().slice(0, 6)}`;
    await citizenSays(userKey, '전화로 상담받고 싶어요');
    const c = await find(userKey);
    expect(c.citizenPhone).toBeNull();
    const r = await desk.services.handlers.inbox.switchToCall({ conversationId: c.id, phone: null });
    expect(r.notice).toBe('askPhone');
    const withNumber = await desk.services.handlers.inbox.switchToCall({ conversationId: c.id, phone: '010-2345-6789' });
    expect(withNumber.notice).toBe('call');
    await waitFor(async () => (await desk.services.handlers.sync.getStatus(undefined)).queueLength === 0, 30_000, 'drained');
    const token = (await serverLogin(server.url, 'counsellor1', server.demoPassword)).token;
    // (Outside office hours the service's own 운영시간 안내, written by nobody, comes first.)
    const sent = (await serverMessages(server.url, token, c.id)).filter((m) => m.direction === 'outbound' && m.authorId !== null).map((m) => m.body);
    expect(sent).toEqual([PHONE_QUESTION, CALL_NOTICE]);
  });
});
