import { readFile, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { dispatchDeskCall } from '../../../../common/desk-api/index.js';
import { maskKoreanPhone, formatKoreanPhone } from '../../../../common/phone/index.js';
import { MIGRATIONS, openStore } from '../../../../electron/services/store/index.js';
import { LEGACY_STORE_FILE } from '../../../../electron/services/vault/vault.js';
import { readWorkstation } from '../../../../electron/services/vault/workstation-file.js';
import { DEMO_CONVERSATIONS } from '../../../../server/seed/demo-data.js';
import { type CentralService, startCentralService } from '../../../harness/central-service.js';
import { serverLogin } from '../../../reliability/support/server-api.js';
import { type TcpProxy, startTcpProxy } from '../../../reliability/support/tcp-proxy.js';
import { demoCitizenNeedles, filesContaining } from '../../../support/citizen-traces.js';
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

async function desk(over: Parameters<typeof startDesk>[0] = {}): Promise<DeskFixture> {
  const d = await startDesk({ serverUrl: proxy.url, serverUrlFixed: true, ...over });
  desks.push(d);
  return d;
}
const login = (d: DeskFixture, username: string, password = server.demoPassword) =>
  d.services.handlers.session.login({ username, password });

describe('the encrypted replica', () => {
  it('after sign-in, sync and logout no file in the data folder holds a demo citizen name or phone number', async () => {
    const d = await desk();
    await login(d, 'counsellor1');
    await d.services.handlers.sync.syncNow(undefined);
    const all = await d.services.handlers.inbox.list({ view: 'all', q: '' });
    // The replica really holds them (so the search below can fail).
    expect(all.map((c) => c.citizenName)).toContain(DEMO_CONVERSATIONS.find((c) => c.citizenName)!.citizenName);
    expect(await filesContaining(d.dataDir, demoCitizenNeedles())).toEqual([]);
    await d.services.handlers.session.logout(undefined);
    expect(await filesContaining(d.dataDir, demoCitizenNeedles())).toEqual([]);
    const files = await readdir(d.dataDir);
    expect(files.some((f) => /^replica-[0-9a-f]{16}\.sqlite$/.test(f))).toBe(true);
    for (const f of files.filter((x) => x.startsWith('replica-'))) expect((await stat(join(d.dataDir, f))).mode & 0o077).toBe(0);
    // The session token is not in workstation.json either.
    expect(await readFile(join(d.dataDir, 'workstation.json'), 'utf8')).not.toMatch(/token/i);
  });

  it('each account has its own replica and key; a restart asks the password; offline the wrapped key checks it', async () => {
    const d = await desk();
    await login(d, 'counsellor1');
    await d.services.handlers.sync.syncNow(undefined);
    const opened = (await d.services.handlers.inbox.list({ view: 'all', q: '' })).length;
    await d.services.handlers.session.logout(undefined);
    await login(d, 'counsellor2');
    const DEBUGROWS = await queryReplica(d, 'SELECT op, state, lane FROM outbox');
    const DEBUGSTATE = await d.services.handlers.session.logout(undefined);
    console.log('DEBUG', JSON.stringify(DEBUGROWS), DEBUGSTATE.reason);
    const ws = await readWorkstation(d.dataDir);
    expect(Object.keys(ws.replicas).sort()).toEqual(['counsellor1', 'counsellor2']);
    expect(ws.replicas.counsellor1!.file).not.toBe(ws.replicas.counsellor2!.file);
    // counsellor2's key does not open counsellor1's file.
    const other = { dataDir: d.dataDir, credentials: { username: 'counsellor2', password: server.demoPassword } };
    const key2 = await import('../fixtures.js').then((m) => m.replicaOf(other));
    await expect(openStore(join(d.dataDir, ws.replicas.counsellor1!.file), { key: key2.key })).rejects.toThrow(/키로 열 수 없습니다/);

    await d.reopen();
    expect((await d.services.handlers.session.getState(undefined)).signedIn).toBe(false);
    proxy.setMode({ kind: 'down' });
    const wrong = await dispatchDeskCall(d.services.handlers, 'session:login', { username: 'counsellor1', password: 'not-the-password' });
    expect(wrong).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
    const state = await login(d, 'counsellor1');
    expect(state).toMatchObject({ signedIn: true, offline: true, counsellor: { username: 'counsellor1' } });
    expect((await d.services.handlers.inbox.list({ view: 'all', q: '' })).length).toBe(opened);
    // Offline without a live token (it was revoked at logout) the desk waits instead of signing out.
    await d.services.handlers.inbox.saveDraft({ conversationId: (await d.services.handlers.inbox.list({ view: 'all', q: '' }))[0]!.id, body: '오프라인 초안' });
    expect((await d.services.handlers.session.getState(undefined)).signedIn).toBe(true);
  });

  it('logout with the wipe policy removes the replica and its key', async () => {
    const d = await desk();
    await login(d, 'admin');
    await d.services.handlers.settings.setWorkstation({ logoutAction: 'wipe', idleLockMinutes: 3 });
    expect((await d.services.handlers.session.getState(undefined)).idleLockMinutes).toBe(3);
    await d.services.handlers.session.logout(undefined);
    await login(d, 'counsellor1');
    await d.services.handlers.sync.syncNow(undefined);
    const file = (await readWorkstation(d.dataDir)).replicas.counsellor1!.file;
    // The wipe waits for unsent work (access events included).
    await waitFor(async () => (await queryReplica<{ n: number }>(d, 'SELECT count(*) AS n FROM outbox'))[0]!.n === 0, 30_000, 'outbox delivered');
    const said = `logout said: ${(await d.services.handlers.session.logout(undefined)).reason ?? '(nothing)'}`;
    const ws = await readWorkstation(d.dataDir);
    expect(ws.replicas.counsellor1, said).toBeUndefined();
    expect((await readdir(d.dataDir)).filter((f) => f.startsWith(file))).toEqual([]);
  });

  it('a plain replica of an earlier version is carried into the owner\'s encrypted file, re-synced, and securely removed', async () => {
    const d = await desk();
    const { counsellorId } = await serverLogin(server.url, 'counsellor1', server.demoPassword);
    await d.services.close();
    const plain = await openStore(join(d.dataDir, LEGACY_STORE_FILE));
    await plain.run("UPDATE sync_state SET server_url = ?, counsellor_id = ?, cursor = '999999', initial_done = 1 WHERE id = 1", [proxy.url, counsellorId]);
    await plain.run("INSERT INTO drafts (kind, key, body, updated_at) VALUES ('reply', '00000000-0000-4000-8000-0000000000aa', ?, '2026-11-30T00:00:00Z')", [
      JSON.stringify({ body: '이전 파일의 초안 정영희' }),
    ]);
    await plain.run("INSERT INTO conversations (id, data, version, status, citizen_key, citizen_name, unread_count) VALUES ('00000000-0000-4000-8000-0000000000bb', '{}', 1, 'open', 'k', '정영희', 0)");
    await plain.close();
    await d.reopen();
    expect(await readdir(d.dataDir)).toContain(LEGACY_STORE_FILE);
    await login(d, 'counsellor1');
    expect((await readdir(d.dataDir)).filter((f) => f.startsWith(LEGACY_STORE_FILE))).toEqual([]);
    expect(await d.services.handlers.inbox.getDraft({ conversationId: '00000000-0000-4000-8000-0000000000aa' })).toEqual({ body: '이전 파일의 초안 정영희' });
    // Re-synced: the cursor started again and the stale row is gone.
    await d.services.handlers.sync.syncNow(undefined);
    expect(await queryReplica(d, "SELECT id FROM conversations WHERE id = '00000000-0000-4000-8000-0000000000bb'")).toEqual([]);
  });

  it('a plain replica of main before the encryption (schema version 2, read marks) is adopted and gains the access events', async () => {
    const d = await desk();
    const { counsellorId } = await serverLogin(server.url, 'counsellor1', server.demoPassword);
    await d.services.close();
    // The released plain desk.sqlite: migrations 1 (initial) and 2 (read marks), nothing newer.
    const plain = await openStore(join(d.dataDir, LEGACY_STORE_FILE), { migrations: MIGRATIONS.filter((m) => m.version <= 2) });
    expect((await plain.get<{ user_version: number }>('PRAGMA user_version'))?.user_version).toBe(2);
    await plain.run("UPDATE sync_state SET server_url = ?, counsellor_id = ?, initial_done = 1 WHERE id = 1", [proxy.url, counsellorId]);
    await plain.run("INSERT INTO read_marks (counsellor_id, conversation_id, read_at) VALUES (?, '00000000-0000-4000-8000-0000000000cc', '2026-11-30T00:00:00Z')", [counsellorId]);
    // Something unsent, so the file waits for its owner instead of being removed at start-up.
    await plain.run("INSERT INTO drafts (kind, key, body, updated_at) VALUES ('reply', '00000000-0000-4000-8000-0000000000cc', ?, '2026-11-30T00:00:00Z')", [
      JSON.stringify({ body: '버전 2 파일의 초안' }),
    ]);
    await plain.close();
    await d.reopen();
    await login(d, 'counsellor1');
    expect((await readdir(d.dataDir)).filter((f) => f.startsWith(LEGACY_STORE_FILE))).toEqual([]);
    expect(await queryReplica<{ user_version: number }>(d, 'PRAGMA user_version')).toEqual([{ user_version: MIGRATIONS.length }]);
    expect(await queryReplica(d, 'SELECT conversation_id FROM read_marks')).toEqual([{ conversation_id: '00000000-0000-4000-8000-0000000000cc' }]);
    expect(await d.services.handlers.inbox.getDraft({ conversationId: '00000000-0000-4000-8000-0000000000cc' })).toEqual({ body: '버전 2 파일의 초안' });
    // The access events table came with migration 3: a logged read lands in it.
    await d.services.handlers.sync.syncNow(undefined);
    const [first] = await d.services.handlers.inbox.list({ view: 'all', q: '' });
    await d.services.handlers.inbox.get({ conversationId: first!.id });
    expect((await queryReplica<{ n: number }>(d, 'SELECT count(*) AS n FROM access_events'))[0]!.n).toBeGreaterThan(0);
  });
});

describe('the lock screen (services)', () => {
  it('locks, refuses a wrong password with the attempts left, unlocks with the right one; the 5th failure signs out', async () => {
    const d = await desk();
    await login(d, 'counsellor1');
    expect((await d.services.handlers.session.lock(undefined)).locked).toBe(true);
    const first = await dispatchDeskCall(d.services.handlers, 'session:unlock', { password: 'wrong' });
    expect(first).toMatchObject({ ok: false, error: { code: 'unauthenticated', message: expect.stringContaining('4번') } });
    // Offline too: the check is against the wrapped key, not the server.
    proxy.setMode({ kind: 'down' });
    expect((await d.services.handlers.session.unlock({ password: server.demoPassword })).locked).toBe(false);
    await d.services.handlers.session.lock(undefined);
    for (let i = 0; i < 4; i += 1) await dispatchDeskCall(d.services.handlers, 'session:unlock', { password: 'wrong' });
    const fifth = await d.services.handlers.session.unlock({ password: 'wrong' });
    expect(fifth).toMatchObject({ signedIn: false, locked: false, reason: expect.stringContaining('5번') });
  });
});

describe('access events', () => {
  it('opening a conversation, a caller-history lookup and a reveal go through the outbox to POST /access-log, once each', async () => {
    const d = await desk();
    await login(d, 'counsellor1');
    await d.services.handlers.sync.syncNow(undefined);
    const withPhone = (await d.services.handlers.inbox.list({ view: 'all', q: '' })).find((c) => c.citizenPhone)!;
    proxy.setMode({ kind: 'down' });
    await d.services.handlers.inbox.get({ conversationId: withPhone.id });
    await d.services.handlers.inbox.get({ conversationId: withPhone.id }); // a refetch is not a second opening
    await d.services.handlers.calls.history({ phone: withPhone.citizenPhone! });
    const revealed = await d.services.handlers.privacy.reveal({ entity: 'conversation', recordId: withPhone.id });
    expect(revealed.phone).toBe(formatKoreanPhone(withPhone.citizenPhone!));
    const local = await queryReplica<{ action: string; entity: string; sent_at: string | null }>(d, 'SELECT action, entity, sent_at FROM access_events ORDER BY at');
    expect(local.map((e) => `${e.action}:${e.entity}`)).toEqual(['view:conversation', 'search:caller_history', 'reveal:conversation']);
    expect(local.every((e) => e.sent_at === null)).toBe(true);
    // Offline they wait; the sync status does not count them as the counsellor's unsent writes.
    expect((await d.services.handlers.sync.getStatus(undefined)).queueLength).toBe(0);
    proxy.setMode({ kind: 'pass' });
    await d.services.handlers.sync.syncNow(undefined);
    await waitFor(async () => (await queryReplica<{ n: number }>(d, "SELECT count(*) AS n FROM outbox WHERE op = 'accessLog.post'"))[0]!.n === 0, 15_000, 'access events sent');

    const { deskId } = await readWorkstation(d.dataDir);
    const { token } = await serverLogin(server.url, 'admin', server.demoPassword);
    const res = await fetch(`${server.url}/api/v1/access-log?recordId=${withPhone.id}&limit=100`, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
    const entries = ((await res.json()) as { items: { action: string; deskId: string | null; actorName: string | null; subject: { display: string } | null }[] }).items
      // This desk's events (other tests of this file open the same demo conversations).
      .filter((e) => e.deskId === deskId);
    expect(entries.map((e) => e.action).sort()).toEqual(['reveal', 'view']);
    expect(entries.find((e) => e.action === 'reveal')?.subject?.display).toBe(maskKoreanPhone(withPhone.citizenPhone!));
  });
});
