import { randomUUID } from 'node:crypto';
import type { Conversation } from '../../../common/domain/index.js';
import type { AccessLogEntry } from '../../../common/rest/access-log.js';
import { startServer, ENGINES, isProblem, type TestServer } from '../helpers.js';

describe.each(ENGINES)('access log 접속기록 (%s)', (engine) => {
  let s: TestServer;
  let admin: string;
  let counsellor: string;
  beforeAll(async () => {
    s = await startServer(engine);
    admin = await s.login('admin');
    counsellor = await s.login('counsellor1');
  });
  afterAll(async () => {
    await s?.close();
  });

  const entries = async (query: string) => {
    const res = await s.call('GET', `/access-log?${query}`, { token: admin });
    expect(res.status).toBe(200);
    return (res.body as { items: AccessLogEntry[] }).items;
  };

  it('logs a server-served read with who, where from, which record and whose data (hashed + masked)', async () => {
    const list = (await s.call('GET', '/conversations', { token: counsellor, headers: { 'x-bokji-desk-id': 'desk-a1' } })).body as { items: Conversation[] };
    const c = list.items[0]!;
    expect((await s.call('GET', `/conversations/${c.id}`, { token: counsellor, headers: { 'x-bokji-desk-id': 'desk-a1' } })).status).toBe(200);
    const [view] = await entries(`recordId=${c.id}&action=view`);
    expect(view).toMatchObject({ action: 'view', entity: 'conversation', recordId: c.id, deskId: 'desk-a1', ip: '127.0.0.1' });
    expect(view!.subject!.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(view!.subject!.display).not.toBe(c.citizenKey);
    // The subject filter takes the raw citizen key.
    expect((await entries(`subject=${encodeURIComponent(c.citizenKey)}`)).some((e) => e.id === view!.id)).toBe(true);
    const [listed] = await entries('action=list');
    expect(listed).toMatchObject({ entity: 'conversation', rows: list.items.length });
  });

  it('logs one entry per pull with the row count, and failed logins with the address', async () => {
    const pull = (await s.call('GET', '/sync/pull?cursor=0&limit=5', { token: counsellor })).body as { changes: unknown[] };
    const [entry] = await entries('action=list');
    expect(entry).toMatchObject({ entity: 'changes', rows: pull.changes.length });
    await s.call('POST', '/auth/login', { body: { username: 'counsellor4', password: 'wrong-password-1' } });
    const [failed] = await entries('action=login_failed');
    expect(failed).toMatchObject({ entity: 'counsellor', ip: '127.0.0.1', actorName: expect.any(String) });
    expect(failed!.actorId).not.toBeNull();
  });

  it('takes desk events in a batch, idempotent by event id; export needs a reason', async () => {
    const event = {
      id: randomUUID(), at: new Date().toISOString(), deskId: 'desk-b2', action: 'export', entity: 'call_log',
      recordId: null, subject: { phone: '010-2345-6789' }, reason: '월간 통계 보고', rows: 42,
    };
    const first = await s.call('POST', '/access-log', { token: counsellor, body: { events: [event, { ...event, id: randomUUID(), action: 'view', reason: null, rows: null }] } });
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ recorded: 2, duplicates: 0 });
    const again = await s.call('POST', '/access-log', { token: counsellor, body: { events: [event] } });
    expect(again.body).toEqual({ recorded: 0, duplicates: 1 });
    const found = await entries('subject=01023456789');
    expect(found.filter((e) => e.id === event.id)).toHaveLength(1);
    expect(found.find((e) => e.id === event.id)).toMatchObject({ action: 'export', rows: 42, reason: '월간 통계 보고', deskId: 'desk-b2', subject: { display: '010-****-6789' } });
    const noReason = await s.call('POST', '/access-log', { token: counsellor, body: { events: [{ ...event, id: randomUUID(), reason: null }] } });
    expect(isProblem(noReason, 400)).toBe(true);
  });

  it('is for admins only; the chain verifies and a changed entry breaks it exactly there', async () => {
    expect(isProblem(await s.call('GET', '/access-log', { token: counsellor }), 403)).toBe(true);
    expect(isProblem(await s.call('GET', '/access-log/verify', { token: counsellor }), 403)).toBe(true);
    const ok = await s.call('GET', '/access-log/verify', { token: admin });
    expect(ok.body).toMatchObject({ ok: true });
    expect((ok.body as { entries: number }).entries).toBeGreaterThan(5);
    const victim = (await entries('action=view'))[0]!;
    await s.app.store.db.updateTable('access_log').set({ actor_name: '누군가' }).where('id', '=', victim.id).execute();
    expect((await s.call('GET', '/access-log/verify', { token: admin })).body).toMatchObject({ ok: false, brokenAt: victim.id });
    await s.app.store.db.updateTable('access_log').set({ actor_name: victim.actorName }).where('id', '=', victim.id).execute();
    expect((await s.call('GET', '/access-log/verify', { token: admin })).body).toMatchObject({ ok: true });
  });

  it('pages newest first with a cursor', async () => {
    const page1 = (await s.call('GET', '/access-log?limit=2', { token: admin })).body as { items: AccessLogEntry[]; nextCursor: string };
    expect(page1.items).toHaveLength(2);
    const page2 = (await s.call('GET', `/access-log?limit=2&cursor=${page1.nextCursor}`, { token: admin })).body as { items: AccessLogEntry[] };
    expect(page2.items[0]!.hash).toBe(page1.items[1]!.prevHash);
  });

  it('records the monthly review with who reviewed', async () => {
    const period = new Date().toISOString().slice(0, 7);
    const res = await s.call('POST', '/access-log/reviews', { token: admin, body: { period, note: '이상 접근 없음' } });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ period, reviewerName: expect.any(String), chainOk: true });
    const list = (await s.call('GET', '/access-log/reviews', { token: admin })).body as { items: { period: string }[] };
    expect(list.items.map((r) => r.period)).toContain(period);
    expect(isProblem(await s.call('POST', '/access-log/reviews', { token: counsellor, body: { period, note: 'x' } }), 403)).toBe(true);
  });
});
