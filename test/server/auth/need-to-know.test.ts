import { randomUUID } from 'node:crypto';
import type { CallLog, Conversation } from '../../../common/domain/index.js';
import { startServer, ENGINES, isProblem, type TestServer } from '../helpers.js';

describe.each(ENGINES)('need-to-know on changes (%s)', (engine) => {
  let s: TestServer;
  let c1: string;
  let c2: string;
  let supervisor: string;
  beforeAll(async () => {
    s = await startServer(engine);
    [c1, c2, supervisor] = await Promise.all([s.login('counsellor1'), s.login('counsellor2'), s.login('supervisor1')]);
  });
  afterAll(async () => {
    await s?.close();
  });

  it('a call log is changed by its author or a supervisor, not by another counsellor (403)', async () => {
    const id = randomUUID();
    const body = { channel: 'phone', startedAt: new Date().toISOString(), durationSec: 30, need: '기초연금 문의' };
    const created = await s.call('PUT', `/call-logs/${id}`, { token: c1, body });
    expect(created.status).toBe(201);
    const v = (created.body as CallLog).version;
    const other = await s.call('PUT', `/call-logs/${id}`, { token: c2, body: { ...body, need: '덮어쓰기' }, headers: { 'if-match': `"${v}"` } });
    expect(isProblem(other, 403)).toBe(true);
    const byAuthor = await s.call('PUT', `/call-logs/${id}`, { token: c1, body: { ...body, need: '수정' }, headers: { 'if-match': `"${v}"` } });
    expect(byAuthor.status).toBe(200);
    const bySupervisor = await s.call('PUT', `/call-logs/${id}`, { token: supervisor, body: { ...body, need: '팀장 수정' }, headers: { 'if-match': `"${v + 1}"` } });
    expect(bySupervisor.status).toBe(200);
    // Reading stays team-wide.
    expect((await s.call('GET', `/call-logs/${id}`, { token: c2 })).status).toBe(200);
  });

  it('a conversation\'s status/assignee: its assignee, a claimer of an unassigned one, or a supervisor', async () => {
    const list = ((await s.call('GET', '/conversations', { token: c1 })).body as { items: Conversation[] }).items;
    const me1 = ((await s.call('GET', '/me', { token: c1 })).body as { counsellor: { id: string } }).counsellor.id;
    const mine = list.find((c) => c.assigneeId === me1 && c.status !== 'closed')!;
    const unassigned = list.find((c) => c.assigneeId === null && c.status !== 'closed')!;
    const patch = (token: string, c: Conversation, body: unknown) =>
      s.call('PATCH', `/conversations/${c.id}`, { token, body, headers: { 'if-match': `"${c.version}"` } });
    expect(isProblem(await patch(c2, mine, { status: 'held', heldUntil: null }), 403)).toBe(true);
    expect(isProblem(await patch(c2, mine, { assigneeId: null }), 403)).toBe(true);
    // Team-wide fields stay open to the team.
    expect((await patch(c2, mine, { markRead: true })).status).toBe(200);
    expect(isProblem(await patch(c2, unassigned, { status: 'closed' }), 403)).toBe(true);
    const claimed = await patch(c2, unassigned, { assigneeId: ((await s.call('GET', '/me', { token: c2 })).body as { counsellor: { id: string } }).counsellor.id });
    expect(claimed.status).toBe(200);
    const fresh = (await s.call('GET', `/conversations/${mine.id}`, { token: supervisor })).body as Conversation;
    expect((await patch(supervisor, fresh, { status: 'held', heldUntil: null })).status).toBe(200);
  });
});
