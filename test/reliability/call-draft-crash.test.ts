import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { type CentralService, startCentralService } from '../harness/central-service.js';

const ROOT = resolve(import.meta.dirname, '../..');
const DRAFT_ID = '6f1c2a7e-1d3b-4c5a-9e8f-0a1b2c3d4e5f';
const TEXT = '기초생활수급 신청을 하고 싶은데 어머니와 둘이 살고 있고 월세가 밀려 있어 긴급지원도 필요하다고 하심';

/**
 * A child that runs the real desk services (createDeskServices), signs in (every start asks the
 * password: it opens the encrypted replica) and takes one command per stdin line: a draft to save (answered "ack <n>" once saveDraft
 * resolved) or "list" (answered with the drafts as JSON).
 */
const CHILD = `
import { createInterface } from 'node:readline';
import { createDeskServices } from ${JSON.stringify(join(ROOT, 'electron/services/create-desk-services.ts'))};
import { TEST_KDF } from ${JSON.stringify(join(ROOT, 'test/electron/services/fixtures.ts'))};
const services = await createDeskServices({
  dataDir: process.argv[2],
  serverUrl: process.env.DESK_SERVER_URL,
  secretStore: { kind: 'plain', encrypt: async (s) => s, decrypt: async (s) => s },
  windowControl: { setAlwaysOnTop() {}, setUnreadBadge() {}, notify() {} },
  host: 'web',
  demoHint: null,
  kdf: TEST_KDF,
});
await services.handlers.session.login({ username: 'counsellor1', password: process.env.DESK_PASSWORD });
process.stdout.write('ready\\n');
for await (const line of createInterface({ input: process.stdin })) {
  if (line === 'list') {
    process.stdout.write('drafts ' + JSON.stringify(await services.handlers.calls.listDrafts(undefined)) + '\\n');
    continue;
  }
  const { n, draft } = JSON.parse(line);
  await services.handlers.calls.saveDraft(draft);
  process.stdout.write('ack ' + n + '\\n');
}
`;

interface Child {
  proc: ChildProcess;
  /** Resolves with the first stdout line that starts with `prefix`. */
  next(prefix: string): Promise<string>;
  lines: string[];
}

function startChild(script: string, dataDir: string): Child {
  const proc = spawn(process.execPath, ['--import', 'tsx', script, dataDir], {
    cwd: ROOT,
    stdio: ['pipe', 'pipe', 'pipe'],
    env: { ...process.env, DESK_SERVER_URL: server.url, DESK_PASSWORD: server.demoPassword },
  });
  const lines: string[] = [];
  const waiters: Array<{ prefix: string; resolve: (l: string) => void; reject: (e: Error) => void }> = [];
  let stderr = '';
  proc.once('exit', (code, signal) => {
    for (const w of waiters.splice(0)) w.reject(new Error(`child exited (${code ?? signal}) before "${w.prefix}": ${stderr.slice(-2000)}`));
  });
  proc.stderr!.on('data', (b: Buffer) => (stderr += b.toString()));
  createInterface({ input: proc.stdout! }).on('line', (line) => {
    lines.push(line);
    for (const w of [...waiters]) {
      if (line.startsWith(w.prefix)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(line);
      }
    }
  });
  return {
    proc,
    lines,
    next: (prefix) =>
      new Promise((res, rej) => {
        const seen = lines.find((l) => l.startsWith(prefix));
        if (seen) return res(seen);
        if (proc.exitCode !== null || proc.signalCode !== null) return rej(new Error(`child exited before "${prefix}": ${stderr.slice(-2000)}`));
        waiters.push({ prefix, resolve: res, reject: rej });
      }),
  };
}

let server: CentralService;

const killed = (proc: ChildProcess) => new Promise<void>((res) => (proc.exitCode !== null || proc.signalCode !== null ? res() : proc.once('exit', () => res())));

describe('call-log draft survives a killed desk process', () => {
  let dir: string;
  const children: ChildProcess[] = [];

  beforeAll(async () => {
    server = await startCentralService();
    dir = await mkdtemp(join(tmpdir(), 'bokji-draft-crash-'));
    await writeFile(join(dir, 'child.mts'), CHILD);
  }, 120_000);
  afterAll(async () => {
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
    await Promise.all(children.map(killed));
    await rm(dir, { recursive: true, force: true });
    await server?.stop();
  });

  it('SIGKILL mid-typing, restart: the draft comes back with everything acknowledged', async () => {
    const dataDir = join(dir, 'data');
    const first = startChild(join(dir, 'child.mts'), dataDir);
    children.push(first.proc);
    await first.next('ready');

    // Type like the form does: one saveDraft per change. Half the keystrokes are acknowledged,
    // the rest are sent without waiting, and the process is killed while they are in flight.
    const half = Math.floor(TEXT.length / 2);
    const send = (n: number) =>
      first.proc.stdin!.write(`${JSON.stringify({ n, draft: { id: DRAFT_ID, baseVersion: null, channel: 'phone', callerName: '박순자', phoneText: '010-2222-33', need: TEXT.slice(0, n) } })}\n`);
    for (let n = 1; n <= half; n += 1) {
      send(n);
      await first.next(`ack ${n}`);
    }
    for (let n = half + 1; n <= TEXT.length; n += 1) send(n);
    first.proc.kill('SIGKILL');
    await killed(first.proc);
    expect(first.proc.signalCode).toBe('SIGKILL');
    const acked = Math.max(...first.lines.filter((l) => l.startsWith('ack ')).map((l) => Number(l.slice(4))));

    const second = startChild(join(dir, 'child.mts'), dataDir);
    children.push(second.proc);
    await second.next('ready');
    second.proc.stdin!.write('list\n');
    const drafts = JSON.parse((await second.next('drafts ')).slice('drafts '.length)) as Array<{ id: string; need: string; callerName: string; phoneText: string }>;
    expect(drafts).toHaveLength(1);
    const [d] = drafts;
    expect(d).toMatchObject({ id: DRAFT_ID, callerName: '박순자', phoneText: '010-2222-33' });
    // Everything acknowledged before the kill is there; nothing is garbled (a prefix of what was typed).
    expect(d!.need.length).toBeGreaterThanOrEqual(acked);
    expect(TEXT.startsWith(d!.need)).toBe(true);
    second.proc.kill('SIGKILL');
    await killed(second.proc);
  });
});
