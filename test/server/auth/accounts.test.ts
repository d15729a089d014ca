import { startServer, ENGINES, isProblem, DEMO_PASSWORD, type TestServer } from '../helpers.js';

describe.each(ENGINES)('account safeguards (%s)', (engine) => {
  let s: TestServer;
  let admin: string;
  beforeAll(async () => {
    s = await startServer(engine, { env: { BOKJI_LOCKOUT_THRESHOLD: '3', BOKJI_LOCKOUT_MINUTES: '30' } });
    admin = await s.login('admin');
  });
  afterAll(async () => {
    await s?.close();
  });

  const create = (username: string, password: string) =>
    s.call('POST', '/counsellors', { token: admin, body: { username, displayName: `상담원 ${username}`, role: 'counsellor', password } });

  it('refuses passwords of one kind, too short, or containing the user name (400 weak-password)', async () => {
    for (const [name, password] of [['weak1', 'aaaaaaaaaa'], ['weak2', 'abc123!'], ['weak3', 'xx-weak3-2026-xx'], ['weak4', '1234567890123']]) {
      const res = await create(name!, password!);
      expect(isProblem(res, 400), password).toBe(true);
      expect((res.body as { type: string }).type).toBe('https://bokji.local/problems/weak-password');
    }
    expect((await create('okay1', 'Ab3$efgh')).status).toBe(201);
    expect((await create('okay2', 'bokji-desk-autumn')).status).toBe(201);
  });

  it('an account an admin created must change its password first (403 elsewhere), not to the last 3', async () => {
    expect((await create('fresh', 'Start-2026-pass')).status).toBe(201);
    const login = await s.call('POST', '/auth/login', { body: { username: 'fresh', password: 'Start-2026-pass' } });
    expect(login.body).toMatchObject({ mustChangePassword: true, idleTimeoutMinutes: 30 });
    const token = (login.body as { token: string }).token;
    const blocked = await s.call('GET', '/conversations', { token });
    expect(isProblem(blocked, 403)).toBe(true);
    expect((blocked.body as { type: string }).type).toBe('https://bokji.local/problems/password-change-required');
    expect((await s.call('GET', '/me', { token })).body).toMatchObject({ mustChangePassword: true });
    const same = await s.call('POST', '/auth/password', { token, body: { current: 'Start-2026-pass', next: 'Start-2026-pass' } });
    expect((same.body as { type: string }).type).toBe('https://bokji.local/problems/weak-password');
    const wrong = await s.call('POST', '/auth/password', { token, body: { current: 'not-it-at-all', next: 'Second-2026-pass' } });
    expect(isProblem(wrong, 401)).toBe(true);
    expect((await s.call('POST', '/auth/password', { token, body: { current: 'Start-2026-pass', next: 'Second-2026-pass' } })).status).toBe(204);
    expect((await s.call('GET', '/conversations', { token })).status).toBe(200);
    expect((await s.call('POST', '/auth/password', { token, body: { current: 'Second-2026-pass', next: 'Third-2026-pass' } })).status).toBe(204);
    const back = await s.call('POST', '/auth/password', { token, body: { current: 'Third-2026-pass', next: 'Start-2026-pass' } });
    expect((back.body as { detail: string }).detail).toContain('최근 3개');
    const relog = await s.call('POST', '/auth/login', { body: { username: 'fresh', password: 'Third-2026-pass' } });
    expect(relog.body).toMatchObject({ mustChangePassword: false });
  });

  it('locks an account after consecutive failures: 423 with until when, even with the right password; an admin unlocks', async () => {
    const me = (await s.call('GET', '/me', { token: await s.login('counsellor3') })).body as { counsellor: { id: string } };
    let last = null as Awaited<ReturnType<TestServer['call']>> | null;
    for (let i = 0; i < 3; i++) last = await s.call('POST', '/auth/login', { body: { username: 'counsellor3', password: 'wrong-password-9' } });
    expect(isProblem(last!, 423)).toBe(true);
    const right = await s.call('POST', '/auth/login', { body: { username: 'counsellor3', password: DEMO_PASSWORD } });
    expect(isProblem(right, 423)).toBe(true);
    const body = right.body as { type: string; lockedUntil: string; detail: string };
    expect(body.type).toBe('https://bokji.local/problems/account-locked');
    expect(Date.parse(body.lockedUntil) - Date.now()).toBeGreaterThan(29 * 60_000);
    expect(body.detail).toContain(body.lockedUntil);
    const counsellor = await s.login('counsellor1');
    expect(isProblem(await s.call('POST', `/counsellors/${me.counsellor.id}/unlock`, { token: counsellor }), 403)).toBe(true);
    expect((await s.call('POST', `/counsellors/${me.counsellor.id}/unlock`, { token: admin })).status).toBe(200);
    expect((await s.call('POST', '/auth/login', { body: { username: 'counsellor3', password: DEMO_PASSWORD } })).status).toBe(200);
  });

  it('a successful login resets the failure count', async () => {
    for (let i = 0; i < 2; i++) await s.call('POST', '/auth/login', { body: { username: 'counsellor4', password: 'wrong-password-9' } });
    await s.login('counsellor4');
    const again = await s.call('POST', '/auth/login', { body: { username: 'counsellor4', password: 'wrong-password-9' } });
    expect(isProblem(again, 401)).toBe(true);
  });
});

describe.each(ENGINES)('idle expiry and failed-auth limit (%s)', (engine) => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startServer(engine, {
      env: { BOKJI_AUTH_FAILURES_PER_MIN: '5' },
      // 1.2 s of idleness, so the test does not wait half an hour.
      configure: (c) => ({ ...c, idleTimeoutMinutes: 0.02 }),
    });
  });
  afterAll(async () => {
    await s?.close();
  });

  it('a token unused past the idle timeout is 401 session-idle, distinct from an unknown token', async () => {
    const token = await s.login('counsellor1');
    expect((await s.call('GET', '/me', { token })).status).toBe(200);
    await new Promise((r) => setTimeout(r, 1500));
    const idle = await s.call('GET', '/me', { token });
    expect(isProblem(idle, 401)).toBe(true);
    expect((idle.body as { type: string }).type).toBe('https://bokji.local/problems/session-idle');
    const again = await s.call('GET', '/me', { token });
    expect((again.body as { type: string }).type).toBe('https://bokji.local/problems/unauthorized');
  });

  it('bad tokens from one address run into 429 with Retry-After; valid tokens keep working', async () => {
    const token = await s.login('counsellor2');
    let last = null as Awaited<ReturnType<TestServer['call']>> | null;
    for (let i = 0; i < 6; i++) last = await s.call('GET', '/conversations', { token: `bogus-token-${i}` });
    expect(isProblem(last!, 429)).toBe(true);
    expect(Number(last!.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await s.call('GET', '/me', { token })).status).toBe(200);
    expect(isProblem(await s.call('POST', '/auth/login', { body: { username: 'counsellor2', password: DEMO_PASSWORD } }), 429)).toBe(true);
  });
});
