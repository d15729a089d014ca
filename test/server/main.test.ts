import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Starts `tsx server/main.ts` as `npm run server` does, with the given environment. */
function startMain(env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (c: Buffer) => (out += c.toString('utf8')));
  child.stderr!.on('data', (c: Buffer) => (out += c.toString('utf8')));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => out, exited };
}

async function waitFor<T>(fn: () => T | null | undefined, what: string, ms = 30_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = fn();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('npm run server (server/main.ts)', () => {
  let dir: string;
  const children: ChildProcess[] = [];
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'bokji-main-test-'));
  });
  afterAll(async () => {
    for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
    await rm(dir, { recursive: true, force: true });
  });

  it('starts on the embedded SQLite with demo data, never logs the password or token, and exits 0 on SIGTERM', async () => {
    const password = 'main-test-password-42';
    const main = startMain({ PORT: '0', BOKJI_DATA_DIR: dir, BOKJI_DEMO: '1', BOKJI_DEMO_PASSWORD: password });
    children.push(main.child);
    const url = await waitFor(() => /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(main.output())?.[1], 'listening');
    const health = await fetch(`${url}/api/v1/healthz`);
    expect(await health.json()).toMatchObject({ status: 'ok', db: 'sqlite' });
    const login = await fetch(`${url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'counsellor1', password }),
    });
    const { token } = (await login.json()) as { token: string };
    const me = await fetch(`${url}/api/v1/me`, { headers: { authorization: `Bearer ${token}` } });
    expect(me.status).toBe(200);
    main.child.kill('SIGTERM');
    expect(await main.exited).toBe(0);
    expect(main.output()).toContain('shutting down');
    expect(main.output()).not.toContain(password);
    expect(main.output()).not.toContain(token);
  });

  it('refuses a bad configuration with a message naming the variable and exit code 2', async () => {
    const main = startMain({ PORT: 'eighty', BOKJI_DATA_DIR: dir });
    children.push(main.child);
    expect(await main.exited).toBe(2);
    expect(main.output()).toContain('PORT');
  });
});
