import { startServer, ENGINES, isProblem, DEMO_PASSWORD, type TestServer } from './helpers.js';

describe.each(ENGINES)('auth and roles (%s)', (engine) => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startServer(engine, { env: { BOKJI_LOGIN_RATE_PER_MIN: '5' } });
  });
  afterAll(async () => {
    await s?.close();
  });

  it('logs in with the demo password and answers /me', async () => {
    const token = await s.login('counsellor1');
    const me = await s.call('GET', '/me', { token });
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ counsellor: { username: 'counsellor1', role: 'counsellor', active: true } });
  });

  it('rejects a wrong password and an unknown user with the same 401 problem', async () => {
    const wrong = await s.call('POST', '/auth/login', { body: { username: 'counsellor2', password: 'nope-nope-nope' } });
    const unknown = await s.call('POST', '/auth/login', { body: { username: 'ghost', password: 'nope-nope-nope' } });
    expect(isProblem(wrong, 401)).toBe(true);
    expect(isProblem(unknown, 401)).toBe(true);
    expect((wrong.body as { detail: string }).detail).toBe((unknown.body as { detail: string }).detail);
  });

  it('answers 401 problem+json on every protected route of the OpenAPI document without a token', async () => {
    const doc = (await s.call('GET', '/openapi.json')).body as { paths: Record<string, Record<string, unknown>> };
    const open = new Set(['/api/v1/auth/login', '/api/v1/healthz', '/api/v1/cti/events']);
    let checked = 0;
    for (const [p, methods] of Object.entries(doc.paths)) {
      if (open.has(p)) continue;
      for (const method of Object.keys(methods)) {
        const concrete = p.replace(/\{[^}]+\}/g, '00000000-0000-4000-8000-000000000000');
        const res = await s.call(method.toUpperCase(), `${s.url}${concrete}`, { body: method === 'get' || method === 'delete' ? undefined : {} });
        expect(isProblem(res, 401), `${method} ${p} -> ${res.status}`).toBe(true);
        const bad = await s.call(method.toUpperCase(), `${s.url}${concrete}`, { token: 'not-a-real-token' });
        expect(bad.status, `${method} ${p} with a bad token`).toBe(401);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(15);
  });

  it('logout revokes the token', async () => {
    const token = await s.login('counsellor3');
    expect((await s.call('POST', '/auth/logout', { token })).status).toBe(204);
    expect(isProblem(await s.call('GET', '/me', { token }), 401)).toBe(true);
  });

  it('an expired token is refused', async () => {
    const token = await s.login('counsellor4');
    await s.app.store.db.updateTable('auth_tokens').set({ expires_at: '2000-01-01T00:00:00.000Z' }).execute();
    expect(isProblem(await s.call('GET', '/me', { token }), 401)).toBe(true);
  });

  it('stores only hashes of tokens', async () => {
    const token = await s.login('counsellor1');
    const rows = await s.app.store.db.selectFrom('auth_tokens').select('token_hash').execute();
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.some((r) => r.token_hash === token)).toBe(false);
  });

  it('admin-only routes answer 403 to a counsellor and work for the admin', async () => {
    const counsellor = await s.login('counsellor1');
    const admin = await s.login('admin');
    expect(isProblem(await s.call('GET', '/counsellors', { token: counsellor }), 403)).toBe(true);
    const list = await s.call('GET', '/counsellors', { token: admin });
    expect(list.status).toBe(200);
    expect((list.body as { items: unknown[] }).items).toHaveLength(6);
    const reply = { title: '테스트', body: '안녕하세요 {{citizenName}}님', shortcut: null };
    expect(isProblem(await s.call('POST', '/canned-replies', { token: counsellor, body: reply }), 403)).toBe(true);
    expect((await s.call('POST', '/canned-replies', { token: admin, body: reply })).status).toBe(201);
  });

  it('the demo supervisor signs in with role supervisor and is not an admin', async () => {
    const supervisor = await s.login('supervisor1');
    const me = await s.call('GET', '/me', { token: supervisor });
    expect((me.body as { counsellor: { role: string } }).counsellor.role).toBe('supervisor');
    expect(isProblem(await s.call('GET', '/counsellors', { token: supervisor }), 403)).toBe(true);
  });

  it('admin creates, renames and deactivates an account; deactivation ends its sessions', async () => {
    const admin = await s.login('admin');
    const created = await s.call('POST', '/counsellors', {
      token: admin,
      body: { username: 'newbie', displayName: '상담원 신입', role: 'counsellor', password: 'Welcome-2026-desk' },
    });
    expect(created.status).toBe(201);
    const id = (created.body as { id: string }).id;
    const token = await s.login('newbie', 'Welcome-2026-desk');
    const dup = await s.call('POST', '/counsellors', {
      token: admin,
      body: { username: 'newbie', displayName: 'x', role: 'counsellor', password: 'another-password' },
    });
    expect(isProblem(dup, 409)).toBe(true);
    const off = await s.call('PATCH', `/counsellors/${id}`, { token: admin, body: { active: false, displayName: '퇴사자' } });
    expect(off.status).toBe(200);
    expect(off.body).toMatchObject({ active: false, displayName: '퇴사자' });
    expect((await s.call('GET', '/me', { token })).status).toBe(401);
    expect((await s.call('POST', '/auth/login', { body: { username: 'newbie', password: 'Welcome-2026-desk' } })).status).toBe(401);
    const audit = await s.call('GET', `/audit-log?entity=counsellor&recordId=${id}`, { token: admin });
    const entries = (audit.body as { items: { action: string; counsellorId: string }[] }).items;
    expect(entries.map((a) => a.action)).toEqual(['update', 'login', 'create']);
    expect(isProblem(await s.call('GET', '/audit-log', { token: await s.login('counsellor1') }), 403)).toBe(true);
  });

  it('rate-limits login per IP and user name with Retry-After', async () => {
    let last = null as Awaited<ReturnType<TestServer['call']>> | null;
    for (let i = 0; i < 6; i++) {
      last = await s.call('POST', '/auth/login', { body: { username: 'counsellor2', password: 'wrong-password!' } });
    }
    expect(isProblem(last!, 429)).toBe(true);
    expect(Number(last!.headers.get('retry-after'))).toBeGreaterThan(0);
    // Another user name from the same IP is not locked out by that.
    const other = await s.call('POST', '/auth/login', { body: { username: 'counsellor3', password: DEMO_PASSWORD } });
    expect(other.status).toBe(200);
  });
});
