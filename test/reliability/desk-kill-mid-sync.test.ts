import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { Change } from '../../common/domain/index.js';
import { PullResponse } from '../../common/rest/index.js';
import { PROJECT_ROOT } from '../harness/renderer-build.js';
import { type DeskFixture, startDesk } from '../electron/services/fixtures.js';
import { queryDeskDb } from './support/desk-db.js';
import { type RestartableServer, startRestartableServer } from './support/restartable-server.js';
import { serverLogin } from './support/server-api.js';

/**
 * Issue 4 (c): SIGKILL the desk services in the middle of the first sync and start them again:
 * the replica converges to exactly what the server's change feed says.
 */
let server: RestartableServer;
let dataDir: string;
let desk: DeskFixture | null = null;

beforeAll(async () => {
  server = await startRestartableServer({ BOKJI_RATE_LIMIT_PER_MIN: '100000' });
  dataDir = await mkdtemp(join(tmpdir(), 'bokji-desk-kill-'));
}, 120_000);
afterAll(async () => {
  await desk?.dispose();
  await server?.stop();
  await rm(dataDir, { recursive: true, force: true });
});

/** Runs the services in a child and SIGKILLs it once `applied` changes of the first sync are in. */
async function runChildAndKill(killAfterApplied: number): Promise<{ killedAt: number | null; finished: boolean }> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(PROJECT_ROOT, 'test/reliability/support/desk-child.ts')], {
    cwd: PROJECT_ROOT,
    env: {
      ...process.env, DESK_DATA_DIR: dataDir, DESK_SERVER_URL: server.url, DESK_USERNAME: 'counsellor1',
      DESK_PASSWORD: server.demoPassword, DESK_PULL_LIMIT: '5',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stderr: string[] = [];
  child.stderr.on('data', (c: Buffer) => stderr.push(c.toString()));
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  let killedAt: number | null = null;
  let finished = false;
  const lines = createInterface({ input: child.stdout });
  const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
  for await (const line of lines) {
    const msg = JSON.parse(line) as { applied?: number | null; done?: boolean };
    if (msg.done) finished = true;
    if (killedAt === null && typeof msg.applied === 'number' && msg.applied >= killAfterApplied) {
      killedAt = msg.applied;
      child.kill('SIGKILL');
    }
  }
  await exited;
  clearTimeout(timer);
  if (killedAt === null && !finished) throw new Error(`desk child ended early:\n${stderr.join('')}`);
  return { killedAt, finished };
}

/** What the feed says the counsellor's replica must hold: the last version of every record. */
async function expectedFromFeed(): Promise<Map<string, string>> {
  const { token } = await serverLogin(server.url, 'counsellor1', server.demoPassword);
  const state = new Map<string, string>();
  let cursor = '0';
  for (;;) {
    const res = await fetch(`${server.url}/api/v1/sync/pull?cursor=${cursor}&limit=5000`, { headers: { authorization: `Bearer ${token}` } });
    const page = PullResponse.parse(await res.json());
    for (const ch of page.changes) {
      const parsed = Change.parse(ch);
      if (parsed.data === null) state.delete(`${parsed.entity}:${parsed.id}`);
      else state.set(`${parsed.entity}:${parsed.id}`, JSON.stringify(parsed.data));
    }
    if (!page.hasMore || page.cursor === cursor) break;
    cursor = page.cursor;
  }
  return state;
}

const TABLES: [string, string][] = [
  ['conversation', 'conversations'], ['message', 'messages'], ['callLog', 'call_logs'], ['programme', 'programmes'],
  ['cannedReply', 'canned_replies'], ['counsellor', 'counsellors'], ['ctiCall', 'cti_calls'],
];

/** The test's side door into the killed desk's encrypted replica (counsellor1's password). */
const side = () => ({ dataDir, credentials: { username: 'counsellor1', password: server.demoPassword } });

async function replicaState(): Promise<Map<string, string>> {
  const state = new Map<string, string>();
  for (const [entity, table] of TABLES) {
    for (const r of await queryDeskDb<{ id: string; data: string }>(side(), `SELECT id, data FROM ${table}`)) {
      state.set(`${entity}:${r.id}`, JSON.stringify(JSON.parse(r.data)));
    }
  }
  return state;
}

it('a desk killed mid-sync resumes from its last committed page and converges to the server', async () => {
  const first = await runChildAndKill(60);
  expect(first.killedAt).not.toBeNull();
  expect(first.finished).toBe(false);
  const cursor = await queryDeskDb<{ cursor: string; initial_done: number }>(side(), 'SELECT cursor, initial_done FROM sync_state');
  expect(Number(cursor[0]!.cursor)).toBeGreaterThan(0);
  expect(cursor[0]!.initial_done).toBe(0);

  // Killed again, later in the feed, then the server moves on while the desk is down.
  await runChildAndKill(first.killedAt! + 100);
  const { token } = await serverLogin(server.url, 'counsellor2', server.demoPassword);
  const conv = await fetch(`${server.url}/api/v1/conversations?limit=1`, { headers: { authorization: `Bearer ${token}` } });
  const [c] = ((await conv.json()) as { items: { id: string }[] }).items;
  const note = await fetch(`${server.url}/api/v1/conversations/${c!.id}/messages`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': crypto.randomUUID() },
    body: JSON.stringify({ id: crypto.randomUUID(), direction: 'note', body: '데스크가 꺼져 있는 동안의 메모' }),
  });
  expect(note.status).toBe(201);

  // Started again in-process from the same folder: the counsellor's password opens the replica.
  desk = await startDesk({ dataDir, serverUrl: server.url, tuning: { pullLimit: 5 } });
  expect((await desk.services.handlers.session.getState(undefined)).signedIn).toBe(false);
  await desk.services.handlers.session.login({ serverUrl: server.url, username: 'counsellor1', password: server.demoPassword });
  const st = await desk.services.handlers.sync.syncNow(undefined);
  expect(st.state).toBe('online');
  expect(st.initialProgress).toBeNull();

  const expected = await expectedFromFeed();
  const actual = await replicaState();
  expect(actual.size).toBe(expected.size);
  expect(actual).toEqual(expected);
}, 170_000);
