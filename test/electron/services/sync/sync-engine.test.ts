import type { SyncStatus } from '../../../../common/desk-api/index.js';
import { CallLogInput } from '../../../../common/domain/index.js';
import { signKakaoBody } from '../../../../server/simulator/index.js';
import { type CentralService, startCentralService } from '../../../harness/central-service.js';
import { serverCallLog, serverConversation, serverConversations, serverLogin, serverMessages } from '../../../reliability/support/server-api.js';
import { type TcpProxy, startTcpProxy } from '../../../reliability/support/tcp-proxy.js';
import { type DeskFixture, queryReplica, startDesk, waitFor } from '../fixtures.js';

let server: CentralService;
let proxy: TcpProxy;
const desks: DeskFixture[] = [];

beforeAll(async () => {
  server = await startCentralService({ env: { BOKJI_LOGIN_RATE_PER_MIN: '1000', BOKJI_RATE_LIMIT_PER_MIN: '100000' } });
  proxy = await startTcpProxy(server.port);
}, 120_000);
afterAll(async () => {
  await proxy?.close();
  await server?.stop();
});
afterEach(async () => {
  proxy.setMode({ kind: 'pass' });
  while (desks.length) await desks.pop()!.dispose();
});

async function signedInDesk(username = 'counsellor1', pullLimit = 1000, direct = false, fallbackPullMs = 5_000): Promise<DeskFixture> {
  const url = direct ? server.url : proxy.url;
  const desk = await startDesk({ serverUrl: url, tuning: { retryBaseMs: 20, retryCapMs: 200, requestTimeoutMs: 5_000, fallbackPullMs, pullLimit } });
  desks.push(desk);
  await desk.services.handlers.session.login({ serverUrl: url, username, password: server.demoPassword });
  await desk.services.handlers.sync.syncNow(undefined);
  return desk;
}

const status = (d: DeskFixture) => d.services.handlers.sync.getStatus(undefined);

describe('sync engine against the real central service', () => {
  it('first sync streams the feed in pages with progress, then the replica mirrors the server', async () => {
    const desk = await signedInDesk('counsellor1', 7);
    const statuses = desk.events.filter((e) => e.name === 'sync:onSyncStatus').map((e) => e.payload as SyncStatus);
    const progress = statuses.filter((s) => s.initialProgress !== null).map((s) => s.initialProgress!.applied);
    expect(progress.length).toBeGreaterThan(1);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    expect((await status(desk)).initialProgress).toBeNull();
    expect((await status(desk)).state).toBe('online');

    const { token } = await serverLogin(server.url, 'counsellor1', server.demoPassword);
    const onServer = await serverConversations(server.url, token);
    let h = desk.services.handlers.inbox;
    const local = [...(await h.list({ view: 'all', q: '' })), ...(await h.list({ view: 'closed', q: '' }))];
    expect(local.map((c) => c.id).sort()).toEqual(onServer.map((c) => c.id).sort());
    expect(desk.events.some((e) => e.name === 'programmes:onChange')).toBe(true);
    const found = await desk.services.handlers.programmes.search({ q: '기초연금', limit: 5 });
    expect(found.items[0]?.programme.name).toContain('기초연금');
    // A restart resumes from the stored cursor: nothing is pulled twice as "initial".
    await desk.reopen();
    const again = await desk.services.handlers.sync.syncNow(undefined);
    expect(again.initialProgress).toBeNull();
    h = desk.services.handlers.inbox;
    expect((await h.list({ view: 'all', q: '' })).length).toBe(local.filter((c) => c.status !== 'closed').length);
  });

  it('a reply written offline shows at once, survives a restart, and reaches the server exactly once', async () => {
    const desk = await signedInDesk();
    const [conversation] = await desk.services.handlers.inbox.list({ view: 'all', q: '' });
    expect(conversation).toBeDefined();
    proxy.setMode({ kind: 'down' });
    const sent = await desk.services.handlers.inbox.send({ conversationId: conversation!.id, direction: 'note', body: '오프라인 메모', programmeId: null });
    expect(sent.localState).toBe('sending');
    const detail = await desk.services.handlers.inbox.get({ conversationId: conversation!.id });
    expect(detail.messages.find((m) => m.id === sent.id)?.localState).toBe('sending');
    await waitFor(async () => (await status(desk)).state === 'offline', 10_000, 'offline status');
    expect((await status(desk)).queueLength).toBe(1);

    await desk.reopen();
    expect((await status(desk)).queueLength).toBe(1);
    proxy.setMode({ kind: 'pass' });
    await desk.services.handlers.sync.syncNow(undefined);
    await waitFor(async () => (await status(desk)).queueLength === 0, 15_000, 'outbox drained');

    const { token } = await serverLogin(server.url, 'counsellor1', server.demoPassword);
    const onServer = await serverMessages(server.url, token, conversation!.id);
    expect(onServer.filter((m) => m.id === sent.id)).toHaveLength(1);
    expect(onServer.find((m) => m.id === sent.id)?.body).toBe('오프라인 메모');
    const after = await desk.services.handlers.inbox.get({ conversationId: conversation!.id });
    expect(after.messages.filter((m) => m.id === sent.id)).toEqual([expect.objectContaining({ localState: null })]);
  });

  it('a write the server refuses (4xx) is marked failed with the server message and kept for a retry', async () => {
    const desk = await signedInDesk();
    const [conversation] = await desk.services.handlers.inbox.list({ view: 'all', q: '' });
    // A stale replica row for a conversation the server does not know: the server answers 404.
    const ghost = { ...conversation!, id: '00000000-0000-4000-8000-00000000dead', citizenKey: 'ghost' };
    await queryReplica(desk, "INSERT INTO conversations (id, data, version, status, citizen_key, unread_count) VALUES (?, ?, ?, 'open', 'ghost', 0)", [
      ghost.id, JSON.stringify(ghost), ghost.version,
    ]);
    const sent = await desk.services.handlers.inbox.send({ conversationId: ghost.id, direction: 'outbound', body: '전달되지 않을 답장', programmeId: null });
    const failed = await waitFor(async () => {
      const m = (await desk.services.handlers.inbox.get({ conversationId: ghost.id })).messages.find((x) => x.id === sent.id);
      return m?.localState === 'failed' ? m : undefined;
    }, 10_000, 'failed state');
    expect(failed.localError).toBeTruthy();
    expect(failed.body).toBe('전달되지 않을 답장');
    await desk.services.handlers.inbox.retry({ messageId: sent.id });
    expect((await desk.services.handlers.inbox.get({ conversationId: ghost.id })).messages.find((x) => x.id === sent.id)?.localState).not.toBeNull();
  });

  it('two desks change the same conversation: the later one gets a conflict with both versions, nothing is overwritten', async () => {
    const a = await signedInDesk('counsellor1', 1000, true);
    // Need-to-know: A holds the conversation (its assignee), B is the 팀장 who may also change it.
    const b = await signedInDesk('supervisor1');
    const all = await a.services.handlers.inbox.list({ view: 'all', q: '' });
    const target = all.find((c) => c.status === 'open' && c.assigneeId !== null)!;
    const { token } = await serverLogin(server.url, 'counsellor1', server.demoPassword);

    // B decides offline on the version it has; A's change reaches the server first.
    proxy.setMode({ kind: 'down' });
    await b.services.handlers.inbox.reopen({ conversationId: target.id });
    await a.services.handlers.inbox.hold({ conversationId: target.id, until: null, reason: '' });
    await waitFor(async () => (await status(a)).queueLength === 0, 10_000, 'A delivered');
    proxy.setMode({ kind: 'pass' });
    await b.services.handlers.sync.syncNow(undefined);
    const conflict = await waitFor(async () => (await b.services.handlers.sync.conflicts(undefined))[0], 10_000, 'conflict on B');
    expect(conflict.entity).toBe('conversation');
    expect(conflict.recordId).toBe(target.id);
    expect(conflict.theirs).toMatchObject({ status: 'held' });
    expect(conflict.mine).toMatchObject({ status: 'open' });
    expect((await status(b)).conflicts).toBe(1);
    expect((await serverConversation(server.url, token, target.id)).status).toBe('held');

    await b.services.handlers.sync.resolveConflict({ id: conflict.id, keep: 'theirs' });
    expect(await b.services.handlers.sync.conflicts(undefined)).toEqual([]);
    await waitFor(async () => (await status(b)).queueLength === 0, 5_000, 'B queue empty');
    expect((await serverConversation(server.url, token, target.id)).status).toBe('held');
    expect((await b.services.handlers.inbox.get({ conversationId: target.id })).conversation.status).toBe('held');

    // Keeping mine re-sends on top of the server's version: an explicit, visible overwrite.
    proxy.setMode({ kind: 'down' });
    await b.services.handlers.inbox.close({ conversationId: target.id, field: '복지일반', summary: '충돌 테스트' });
    await a.services.handlers.inbox.reopen({ conversationId: target.id });
    await waitFor(async () => (await status(a)).queueLength === 0, 10_000, 'A reopened');
    proxy.setMode({ kind: 'pass' });
    await b.services.handlers.sync.syncNow(undefined);
    const second = await waitFor(async () => (await b.services.handlers.sync.conflicts(undefined))[0], 10_000, 'second conflict');
    expect(second.theirs).toMatchObject({ status: 'open' });
    await b.services.handlers.sync.resolveConflict({ id: second.id, keep: 'mine' });
    await waitFor(async () => (await status(b)).queueLength === 0, 10_000, 'B re-sent');
    expect((await serverConversation(server.url, token, target.id)).status).toBe('closed');
  });

  it('a revoked token signs the desk out with a reason and keeps unsent work', async () => {
    const desk = await signedInDesk();
    const [row] = await queryReplica<{ token_enc: string }>(desk, 'SELECT token_enc FROM session');
    expect(row!.token_enc.startsWith('enc:')).toBe(true);
    const token = Buffer.from(row!.token_enc.slice(4), 'base64').toString();
    expect(JSON.stringify(await desk.services.handlers.session.getState(undefined))).not.toContain(token);

    const [conversation] = await desk.services.handlers.inbox.list({ view: 'all', q: '' });
    proxy.setMode({ kind: 'down' });
    const sent = await desk.services.handlers.inbox.send({ conversationId: conversation!.id, direction: 'note', body: '만료 전 메모', programmeId: null });
    const out = await fetch(`${server.url}/api/v1/auth/logout`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
    expect(out.ok).toBe(true);
    proxy.setMode({ kind: 'pass' });
    await desk.services.handlers.sync.syncNow(undefined);
    const state = await waitFor(async () => {
      const s = await desk.services.handlers.session.getState(undefined);
      return s.signedIn ? undefined : s;
    }, 10_000, 'signed out');
    expect(state.reason).toMatch(/만료/);
    expect(desk.events.some((e) => e.name === 'session:onChange')).toBe(true);
    expect((await status(desk)).state).toBe('signedOut');

    await desk.services.handlers.session.login({ serverUrl: proxy.url, username: 'counsellor1', password: server.demoPassword });
    await waitFor(async () => (await status(desk)).queueLength === 0, 10_000, 'sent after sign-in');
    const { token: t2 } = await serverLogin(server.url, 'counsellor1', server.demoPassword);
    expect((await serverMessages(server.url, t2, conversation!.id)).filter((m) => m.id === sent.id)).toHaveLength(1);
  });

  it('a citizen message from the webhook reaches the local store through SSE (also after a reconnect), notifies once and sets the badge', async () => {
    // No fallback polling within the test: only the event stream can bring the message.
    const desk = await signedInDesk('counsellor1', 1000, false, 600_000);
    proxy.setMode({ kind: 'down' });
    await waitFor(async () => (await status(desk)).state === 'offline', 10_000, 'offline');
    proxy.setMode({ kind: 'pass' });
    await waitFor(async () => (await status(desk)).state === 'online', 15_000, 'reconnected');
    const notesBefore = desk.window.notes.length;

    const text = `긴급 생계비 문의 ${crypto.randomUUID().slice(0, 6)}`;
    const raw = JSON.stringify({ serial_number: crypto.randomUUID(), event: 'message', user_key: `live-${crypto.randomUUID()}`, message_type: 'TX', message: text, time: new Date().toISOString() });
    const res = await fetch(`${server.url}/api/v1/channels/kakao/webhook`, {
      method: 'POST', headers: { 'content-type': 'application/json', 'x-bokji-signature': signKakaoBody(raw, server.webhookSecret) }, body: raw,
    });
    expect(res.ok).toBe(true);
    const [conversation] = await waitFor(async () => {
      const found = await desk.services.handlers.inbox.list({ view: 'unassigned', q: text });
      return found.length ? found : undefined;
    }, 5_000, 'message in the local store');
    expect(desk.events.some((e) => e.name === 'inbox:onChange' && (e.payload as { conversationIds: string[] }).conversationIds.includes(conversation!.id))).toBe(true);
    await waitFor(() => desk.window.notes.length > notesBefore, 5_000, 'notification');
    const note = desk.window.notes.at(-1)!;
    // A shared screen: no message text (the need), no phone; the name (none here) masked.
    expect(note.body).toBe('새 메시지가 있습니다');
    expect(note.title).toBe('새 상담 메시지');
    expect(note.silent).toBe(false);
    expect(desk.window.badges.at(-1)).toBeGreaterThan(0);
    note.onClick?.();
    expect(desk.events.at(-1)).toEqual({ name: 'inbox:onFocusRequest', payload: { conversationId: conversation!.id } });

    // The counsellor's own reply comes back through the feed too, but notifies nobody.
    const count = desk.window.notes.length;
    const mine = await desk.services.handlers.inbox.send({ conversationId: conversation!.id, direction: 'note', body: '확인했습니다', programmeId: null });
    await waitFor(async () => (await desk.services.handlers.inbox.get({ conversationId: conversation!.id })).messages.some((m) => m.id === mine.id && m.localState === null), 5_000, 'own note confirmed');
    await desk.services.handlers.sync.syncNow(undefined);
    expect(desk.window.notes.length).toBe(count);
  });

  it('edits queued offline on top of each other go out in order, each on the version the previous one produced', async () => {
    const desk = await signedInDesk();
    const me = (await desk.services.handlers.session.getState(undefined)).counsellor!;
    const target = (await desk.services.handlers.inbox.list({ view: 'all', q: '' })).find((c) => c.status !== 'closed')!;
    proxy.setMode({ kind: 'down' });
    await desk.services.handlers.inbox.claim({ conversationId: target.id });
    await desk.services.handlers.inbox.hold({ conversationId: target.id, until: null, reason: '' });
    const note = await desk.services.handlers.inbox.send({ conversationId: target.id, direction: 'note', body: '보류 사유 메모', programmeId: null });
    const logId = crypto.randomUUID();
    const input = CallLogInput.parse({ channel: 'phone', startedAt: new Date().toISOString(), durationSec: 10, need: '첫 저장' });
    await desk.services.handlers.calls.save({ id: logId, input, baseVersion: null });
    await desk.services.handlers.calls.save({ id: logId, input: { ...input, need: '두 번째 저장' }, baseVersion: null });
    const view = await desk.services.handlers.inbox.get({ conversationId: target.id });
    expect(view.conversation).toMatchObject({ status: 'held', assigneeId: me.id });
    expect((await status(desk)).queueLength).toBe(5);

    proxy.setMode({ kind: 'pass' });
    await desk.services.handlers.sync.syncNow(undefined);
    await waitFor(async () => (await status(desk)).queueLength === 0, 15_000, 'drained');
    expect((await status(desk)).conflicts).toBe(0);
    const { token } = await serverLogin(server.url, 'counsellor1', server.demoPassword);
    expect(await serverConversation(server.url, token, target.id)).toMatchObject({ status: 'held', assigneeId: me.id });
    expect((await serverMessages(server.url, token, target.id)).filter((m) => m.id === note.id)).toHaveLength(1);
    const log = await serverCallLog(server.url, token, logId);
    expect(log.need).toBe('두 번째 저장');
  });

  it('an unconfirmed change shows only its own fields over the replica: news from the feed still shows', async () => {
    const desk = await signedInDesk();
    const me = (await desk.services.handlers.session.getState(undefined)).counsellor!;
    const target = (await desk.services.handlers.inbox.list({ view: 'all', q: '' })).find((c) => c.assigneeId !== me.id && c.status !== 'closed')!;
    proxy.setMode({ kind: 'down' });
    await desk.services.handlers.inbox.claim({ conversationId: target.id });
    // The feed brings a newer copy meanwhile (here written straight into the replica).
    const newer = { ...target, lastMessagePreview: '방금 온 새 메시지', unreadCount: 7, version: target.version + 1 };
    await queryReplica(desk, 'UPDATE conversations SET data = ?, version = ?, unread_count = 7 WHERE id = ?', [JSON.stringify(newer), newer.version, target.id]);
    const view = (await desk.services.handlers.inbox.get({ conversationId: target.id })).conversation;
    expect(view).toMatchObject({ assigneeId: me.id, lastMessagePreview: '방금 온 새 메시지', unreadCount: 7 });
    const mine = await desk.services.handlers.inbox.list({ view: 'mine', q: '' });
    expect(mine.find((c) => c.id === target.id)).toMatchObject({ lastMessagePreview: '방금 온 새 메시지' });
  });
});
