import Fastify, { type FastifyInstance } from 'fastify';
import { spawn, type ChildProcess } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { kakaoWebhookRoutes } from '../../../server/channels/kakao/index.js';
import { FakeKakaoPort } from '../channels/fake-kakao-port.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const SECRET = 'cli-test-secret-0123456789abcdef';

/** `npm run simulate` without npm: the same entry point under tsx. */
function simulate(args: string[], env: NodeJS.ProcessEnv = {}): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', 'server/simulator/cli.ts', ...args], {
    cwd: ROOT,
    env: { ...process.env, KAKAO_WEBHOOK_SECRET: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

function collect(child: ChildProcess): { out: () => string; exited: Promise<number | null> } {
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString('utf8')));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString('utf8')));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { out: () => out, exited };
}

describe('npm run simulate (cli)', () => {
  let app: FastifyInstance;
  let port: FakeKakaoPort;
  let serverUrl: string;
  const children: ChildProcess[] = [];

  beforeAll(async () => {
    port = new FakeKakaoPort();
    app = Fastify();
    await app.register(kakaoWebhookRoutes, { port, secret: SECRET, isOpen: () => true, outbound: { poke: () => undefined, close: async () => undefined } });
    await app.listen({ port: 0, host: '127.0.0.1' });
    serverUrl = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
    await app.close();
  });

  it('plays citizens against the server and prints a JSON summary', async () => {
    const child = simulate(['--server', serverUrl, '--citizens', '3', '--messages', '6', '--rate', '100', '--seed', '5', '--json'], { KAKAO_WEBHOOK_SECRET: SECRET });
    children.push(child);
    const { out, exited } = collect(child);
    expect(await exited).toBe(0);
    const summary = JSON.parse(out().trim().split('\n').at(-1)!) as { messages: number; accepted: number; failures: number };
    expect(summary.messages).toBe(6);
    expect(summary.failures).toBe(0);
    expect(port.events.length).toBe(summary.accepted);
  });

  it('explains a missing secret and exits 2', async () => {
    const child = simulate(['--server', serverUrl, '--messages', '1']);
    children.push(child);
    const { out, exited } = collect(child);
    expect(await exited).toBe(2);
    expect(out()).toMatch(/KAKAO_WEBHOOK_SECRET/);
  });

  it('rejects bad options with the usage text', async () => {
    const child = simulate(['--rate=0', '--secret', SECRET]);
    children.push(child);
    const { out, exited } = collect(child);
    expect(await exited).toBe(2);
    expect(out()).toMatch(/--rate must be a positive number/);
    expect(out()).toMatch(/사용법/);
  });

  it('runs a Kakao send sink with --sink-port until stopped', async () => {
    const child = simulate(['--citizens', '0', '--sink-port', '0']);
    children.push(child);
    const { out, exited } = collect(child);
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no sink URL in: ${out()}`)), 20_000);
      child.stdout!.on('data', () => {
        const m = /KAKAO_SEND_URL=(\S+?)\)/.exec(out());
        if (m) {
          clearTimeout(timer);
          resolve(m[1]!);
        }
      });
    });
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ serial_number: 'x1', sender_key: 's', user_key: 'u', message_type: 'TX', message: '답변입니다' }),
    });
    expect(res.status).toBe(200);
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(out()).toMatch(/received 1 replies/);
  });
});
