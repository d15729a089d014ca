/**
 * `npm run bench -- scale` (issue 11): (a) the database engine's own limit, measured here, side
 * by side with message-create and the signed webhook on one and on two server instances (separate
 * processes on one PostgreSQL schema), as a ratio to it; (b) 200 desks holding SSE and pulling as
 * the desk does while 50 webhook events/s arrive: webhook ack and write→desk-store latency, memory
 * per instance. BENCH_SCALE_SECONDS (default 4) per run of (a); BENCH_SCALE_DESKS (200),
 * BENCH_SCALE_EVENTS_PER_S (50) and BENCH_SCALE_DESK_SECONDS (20) for (b).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { readFileSync, readdirSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import sqlite3 from 'sqlite3';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { BENCH_EVENT_PREFIX, type DeskReport, type DeskStart } from './scale-desks.js';
import { isOpenAt } from '../common/hours/index.js';
import { signKakaoBody } from '../server/channels/kakao/signature.js';
import { type KakaoSink, startKakaoSink } from '../server/simulator/sink.js';
import { type CentralService, startCentralService } from '../test/harness/central-service.js';

const SECONDS = Number(process.env.BENCH_SCALE_SECONDS ?? 4);
const CLIENTS = 10;
/** Processes the simulated desks are spread over. */
const DESK_PROCESSES = 2;
const DATABASE_URL = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const SECRET = 'bench-scale-webhook-secret-0001';

/** Runs `CLIENTS` workers calling op in a loop for SECONDS; returns ops/s and p50/p99 ms. */
async function load(op: (i: number) => Promise<boolean>, clients = CLIENTS): Promise<{ perSecond: number; p50: number; p99: number; errors: number; done: number }> {
  const latencies: number[] = [];
  let errors = 0;
  const end = performance.now() + SECONDS * 1000;
  let n = 0;
  const started = performance.now();
  await Promise.all(Array.from({ length: clients }, async () => {
    while (performance.now() < end) {
      const t = performance.now();
      const ok = await op(n++).catch(() => false);
      if (ok) latencies.push(performance.now() - t);
      else errors++;
    }
  }));
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => latencies.length ? latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))]! : 0;
  return { perSecond: latencies.length / elapsed, p50: pct(50), p99: pct(99), errors, done: latencies.length };
}

async function pgLimit(): Promise<number> {
  const pool = new pg.Pool({ connectionString: DATABASE_URL, max: CLIENTS });
  const table = `bench_limit_${randomBytes(4).toString('hex')}`;
  await pool.query(`create table ${table} (id text primary key, data text not null)`);
  try {
    const r = await load(async () => {
      const c = await pool.connect();
      try {
        await c.query('begin');
        await c.query(`insert into ${table} values ($1, $2)`, [randomUUID(), '{"bench":true}']);
        await c.query('commit');
      } finally {
        c.release();
      }
      return true;
    });
    return r.perSecond;
  } finally {
    await pool.query(`drop table ${table}`);
    await pool.end();
  }
}

async function sqliteLimit(): Promise<number> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'bokji-bench-limit-'));
  const db = new sqlite3.Database(path.join(dir, 'limit.sqlite'));
  const run = (q: string, p: unknown[] = []) => new Promise<void>((res, rej) => db.run(q, p, (err) => (err ? rej(err) : res())));
  try {
    for (const pragma of ['journal_mode = WAL', 'synchronous = FULL']) await run(`pragma ${pragma}`);
    await run('create table t (id text primary key, data text not null)');
    // One connection, one transaction at a time: what the server's single writer can do.
    const r = await load(async () => {
      await run('begin immediate');
      await run('insert into t values (?, ?)', [randomUUID(), '{"bench":true}']);
      await run('commit');
      return true;
    }, 1);
    return r.perSecond;
  } finally {
    await new Promise<void>((res) => db.close(() => res()));
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * The load's HTTP client: node:http over kept-alive connections. `fetch` (undici) cost this
 * process about 1.7 ms of CPU per message-create, as much as PostgreSQL, on the machine that also
 * runs the servers; node:http about 0.8 ms. Returns the response's status.
 */
const loadAgent = new http.Agent({ keepAlive: true });
function post(url: string, headers: Record<string, string>, body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: 'POST', agent: loadAgent, headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** CPU milliseconds used so far by a process (Linux /proc; NaN elsewhere). */
function cpuMs(pid: number | undefined): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return Number.NaN;
  }
}

/** CPU milliseconds of every PostgreSQL process on this machine (the bench's database is local). */
function postgresCpuMs(): number {
  let total = 0;
  for (const entry of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      if (readFileSync(`/proc/${entry}/comm`, 'utf8').startsWith('postgres')) total += cpuMs(Number(entry));
    } catch {
      // A process that ended while being read.
    }
  }
  return total;
}

/** Where the machine's CPU went per operation while fn ran: the servers (SQLite runs inside them), PostgreSQL, this process (clients and sink). */
async function withCpu<R extends { done: number }>(servers: Instance[], fn: () => Promise<R>, engine: 'postgres' | 'sqlite' = 'postgres'): Promise<R & { cpu: string }> {
  const serverCpu = () => servers.reduce((sum, s) => sum + cpuMs(s.service.process.pid), 0);
  const s0 = serverCpu();
  const p0 = postgresCpuMs();
  const m0 = process.cpuUsage();
  const r = await fn();
  const ops = r.done;
  const m = process.cpuUsage(m0);
  const per = (ms: number) => (ops > 0 ? (ms / ops).toFixed(2) : '?');
  const database = engine === 'postgres' ? `, PostgreSQL ${per(postgresCpuMs() - p0)} ms` : '';
  return { ...r, cpu: `CPU per op: server ${per(serverCpu() - s0)} ms${database}, bench clients + sink ${per((m.user + m.system) / 1000)} ms` };
}

export interface Instance { service: CentralService; token: string; conversations: string[] }

async function login(service: CentralService, username: string): Promise<string> {
  const res = await fetch(`${service.url}/api/v1/auth/login`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: service.demoPassword }),
  });
  if (!res.ok) throw new Error(`login ${username}: ${res.status}`);
  return ((await res.json()) as { token: string }).token;
}

async function instance(env: Record<string, string>): Promise<Instance> {
  const service = await startCentralService({ env: { ...env, LOG_LEVEL: 'silent' } });
  return { service, token: await login(service, 'counsellor1'), conversations: [] };
}

/**
 * One conversation per HTTP client and then some, as a team replies: ten counsellors in ten
 * conversations, not ten in the demo seed's two open ones (their row locks would make it a
 * benchmark of one conversation).
 */
async function openConversations(s: Instance, n: number): Promise<string[]> {
  for (let k = 0; k < n; k++) {
    const ok = await webhookEvent(s, `bench-conv-${k}`, '안녕하세요, 상담 부탁드립니다');
    if (!ok) throw new Error('could not open a conversation through the webhook');
  }
  const list = (await (await fetch(`${s.service.url}/api/v1/conversations?limit=200`, { headers: { authorization: `Bearer ${s.token}` } })).json()) as { items: { id: string; status: string; citizenKey: string }[] };
  return list.items.filter((c) => c.status !== 'closed' && c.citizenKey.startsWith('bench-conv-')).map((c) => c.id);
}

const rssMiB = (pid: number | undefined) => {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? `${(Number(m[1]) / 1024).toFixed(0)} MiB` : '?';
  } catch {
    return '?';
  }
};

const createReply = (s: Instance) => async (i: number) =>
  (await post(
    `${s.service.url}/api/v1/conversations/${s.conversations[i % s.conversations.length]}/messages`,
    { authorization: `Bearer ${s.token}`, 'content-type': 'application/json' },
    JSON.stringify({ id: randomUUID(), direction: 'outbound', body: '벤치마크 답장입니다' }),
  )) === 201;

async function webhookEvent(s: Instance, userKey: string, message: string): Promise<boolean> {
  const body = JSON.stringify({ serial_number: randomUUID(), event: 'message', user_key: userKey, message_type: 'TX', message, time: new Date().toISOString() });
  const status = await post(`${s.service.url}/api/v1/channels/kakao/webhook`, { 'content-type': 'application/json', 'x-bokji-signature': signKakaoBody(body, SECRET) }, body);
  return status >= 200 && status < 300;
}

const webhook = (s: Instance) => (i: number) => webhookEvent(s, `bench-${i % 500}`, '문의드립니다');

const percentile = (sorted: number[], p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! : 0);

/** (b): DESKS desks on the two instances (half each), EVENTS_PER_S webhook events for DESK_SECONDS. */
export async function desksUnderWebhooks(instances: Instance[]): Promise<void> {
  const desks = Number(process.env.BENCH_SCALE_DESKS ?? 200);
  const perSecond = Number(process.env.BENCH_SCALE_EVENTS_PER_S ?? 50);
  const seconds = Number(process.env.BENCH_SCALE_DESK_SECONDS ?? 20);
  const users = ['counsellor1', 'counsellor2', 'counsellor3', 'counsellor4', 'supervisor1', 'admin'];
  const tokens = await Promise.all(instances.map(async (s) => Promise.all(users.map((u) => login(s.service, u)))));
  // Where the feed stands now: the desks start from there (their initial sync is not measured).
  const head = (await (await fetch(`${instances[0]!.service.url}/api/v1/sync/pull?cursor=0&limit=1`, { headers: { authorization: `Bearer ${tokens[0]![0]}` } })).json()) as { cursor: string };
  let cursor = head.cursor;
  for (;;) {
    const page = (await (await fetch(`${instances[0]!.service.url}/api/v1/sync/pull?cursor=${cursor}&limit=5000`, { headers: { authorization: `Bearer ${tokens[0]![0]}` } })).json()) as { cursor: string; hasMore: boolean };
    cursor = page.cursor;
    if (!page.hasMore) break;
  }
  // The desks run in child processes (bench/scale-desks.ts), so that their pulling does not
  // delay this process's sending and timing of the webhook events.
  const workers = Array.from({ length: DESK_PROCESSES }, (_, w) => {
    const mine = Array.from({ length: desks }, (_, i) => i).filter((i) => i % DESK_PROCESSES === w);
    const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('./scale-desks.ts', import.meta.url))], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    const report = new Promise<DeskReport>((resolve, reject) => {
      child.once('message', (m) => resolve(m as DeskReport));
      child.once('exit', (code) => reject(new Error(`desk process exited with ${code}`)));
    });
    const start: DeskStart = {
      cursor,
      desks: mine.map((i) => ({ url: instances[i % instances.length]!.service.url, token: tokens[i % instances.length]![i % users.length]! })),
    };
    child.send(start);
    return { child, report };
  });
  await new Promise((r) => setTimeout(r, 2000));
  const rss = instances.map(() => 0);
  const sampler = setInterval(() => {
    instances.forEach((s, i) => {
      const m = /VmRSS:\s+(\d+) kB/.exec((() => { try { return readFileSync(`/proc/${s.service.process.pid}/status`, 'utf8'); } catch { return ''; } })());
      if (m) rss[i] = Math.max(rss[i]!, Number(m[1]) / 1024);
    });
  }, 500);

  const acks: number[] = [];
  let ackErrors = 0;
  const total = perSecond * seconds;
  const started = performance.now();
  const sends: Promise<void>[] = [];
  for (let n = 0; n < total; n++) {
    const due = started + (n * 1000) / perSecond;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    // The send time travels in the text (base 36: no digit run that the 주민번호 mask would take).
    const body = `${BENCH_EVENT_PREFIX}${n}@${Date.now().toString(36)} 문의드립니다`;
    const target = instances[n % instances.length]!;
    sends.push((async () => {
      const t = performance.now();
      const ok = await webhookEvent(target, `bench-desk-citizen-${n % 200}`, body).catch(() => false);
      if (ok) acks.push(performance.now() - t);
      else ackErrors++;
    })());
  }
  await Promise.all(sends);
  const expected = (total - ackErrors) * desks;
  for (const w of workers) w.child.send({ settle: { expectedPerDesk: total - ackErrors, withinMs: 15_000 } });
  const reports = await Promise.all(workers.map((w) => w.report));
  clearInterval(sampler);
  for (const w of workers) w.child.kill();

  acks.sort((x, y) => x - y);
  const toDesk = reports.flatMap((r) => r.latencies).sort((x, y) => x - y);
  const received = toDesk.length;
  const pulls = reports.reduce((sum, r) => sum + r.pulls, 0);
  const carried = reports.reduce((sum, r) => sum + r.carried, 0);
  const pullErrors = reports.reduce((sum, r) => sum + r.pullErrors, 0);
  const streamErrors = reports.reduce((sum, r) => sum + r.streamErrors, 0);
  console.log(`-- ${desks} desks (SSE + pull on every poke, one pull in flight and one queued) on ${instances.length} instances, ${perSecond} webhook events/s for ${seconds} s (${total} events)`);
  console.log(`webhook ack             p50 ${percentile(acks, 50).toFixed(1).padStart(7)} ms  p99 ${percentile(acks, 99).toFixed(1).padStart(7)} ms${ackErrors ? `  (${ackErrors} failed)` : ''}   goal p99 ≤ 200 ms`);
  console.log(`write→desk store        p50 ${percentile(toDesk, 50).toFixed(1).padStart(7)} ms  p99 ${percentile(toDesk, 99).toFixed(1).padStart(7)} ms  (${received} of ${expected} deliveries to desks)   goal p99 ≤ 1000 ms`);
  console.log(`events applied from their carried changes ${carried}, pulls ${pulls} (${(pulls / desks / Math.max(1, total)).toFixed(2)} per desk per event${pullErrors ? `, ${pullErrors} failed` : ''}${streamErrors ? `, ${streamErrors} SSE reconnects` : ''}); peak RSS ${rss.map((m, i) => `instance ${String.fromCharCode(65 + i)} ${m.toFixed(0)} MiB`).join(', ')}`);
}

/** Both instances at once, half the clients each. */
async function both(a: Instance, b: Instance, make: (s: Instance) => (i: number) => Promise<boolean>) {
  const [ra, rb] = await Promise.all([load(make(a), CLIENTS / 2), load(make(b), CLIENTS / 2)]);
  return { perSecond: ra.perSecond + rb.perSecond, p50: Math.max(ra.p50, rb.p50), p99: Math.max(ra.p99, rb.p99), errors: ra.errors + rb.errors, done: ra.done + rb.done };
}

/**
 * Replies created are not yet sent: after the load, waits until the sink has every one of them
 * (each citizen's replies leave one at a time, in order), so that a rate that only queues
 * deliveries is not taken for one that makes them. Reports the wait and the rate over both.
 */
async function delivered<R extends { done: number }>(sink: KakaoSink, fn: () => Promise<R>): Promise<R & { drain: string }> {
  const before = sink.received.length;
  const t0 = performance.now();
  const r = await fn();
  const loaded = performance.now();
  const target = before + r.done;
  // A timeout is reported below as the replies that did arrive.
  await sink.waitFor(target, 60_000).catch(() => undefined);
  const end = performance.now();
  const all = sink.received.length >= target;
  return {
    ...r,
    drain: `${all ? 'all' : `only ${sink.received.length - before} of`} ${r.done} replies at the sink ${(end - loaded).toFixed(0)} ms after the load: create and deliver ${(r.done / ((end - t0) / 1000)).toFixed(0)}/s`,
  };
}

export async function run(): Promise<void> {
  console.log(`load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')} (${os.cpus().length} cores), ${new Date().toISOString()}`);
  // Outside office hours a citizen's first message also gets the 운영시간 안내 (a second write and a
  // delivery): the webhook figures of a run at night are not those of a run by day.
  console.log(`the centre is ${isOpenAt(new Date()) ? 'open (webhooks file the message only)' : 'closed (a first message per citizen also gets the 운영시간 안내: one more write and delivery)'}`);
  const pgPerSecond = await pgLimit();
  const sqlitePerSecond = await sqliteLimit();
  console.log(`engine limit (single-row INSERT transactions from Node, ${SECONDS} s): PostgreSQL ${pgPerSecond.toFixed(0)}/s with ${CLIENTS} clients; SQLite synchronous=FULL ${sqlitePerSecond.toFixed(0)}/s (one writer)`);

  const sink = await startKakaoSink({ port: 0 });
  const schema = `bench_${randomBytes(4).toString('hex')}`;
  const env = { DATABASE_URL, BOKJI_PG_SCHEMA: schema, KAKAO_WEBHOOK_SECRET: SECRET, KAKAO_SEND_URL: sink.url, BOKJI_RATE_LIMIT_PER_MIN: '100000000' };
  const a = await instance(env);
  const b = await instance(env);
  try {
    a.conversations = await openConversations(a, CLIENTS * 2);
    b.conversations = a.conversations;
    const row = (label: string, r: { perSecond: number; p50: number; p99: number; errors: number; cpu: string; drain?: string }, limit = pgPerSecond) =>
      console.log(`${label.padEnd(40)} ${r.perSecond.toFixed(0).padStart(6)}/s  p50 ${r.p50.toFixed(1).padStart(6)} ms  p99 ${r.p99.toFixed(1).padStart(6)} ms  = ${((r.perSecond / limit) * 100).toFixed(1)}% of the engine${r.errors ? `  (${r.errors} errors)` : ''}\n${''.padEnd(42)}${r.drain ? `${r.drain}\n${''.padEnd(42)}` : ''}${r.cpu}`);
    console.log(`-- PostgreSQL, ${CLIENTS} HTTP clients, ${SECONDS} s each`);
    row('message-create, 1 instance', await withCpu([a, b], () => delivered(sink, () => load(createReply(a)))));
    row('message-create, 2 instances', await withCpu([a, b], () => delivered(sink, () => both(a, b, createReply))));
    row('signed webhook, 1 instance', await withCpu([a, b], () => load(webhook(a))));
    row('signed webhook, 2 instances', await withCpu([a, b], () => both(a, b, webhook)));
    // The embedded engine, against its own limit: one instance, its own temporary data directory.
    const lite = await instance({ DATABASE_URL: '', KAKAO_WEBHOOK_SECRET: SECRET, KAKAO_SEND_URL: sink.url, BOKJI_RATE_LIMIT_PER_MIN: '100000000' });
    try {
      lite.conversations = await openConversations(lite, CLIENTS * 2);
      console.log(`-- embedded SQLite (synchronous=FULL), ${CLIENTS} HTTP clients, ${SECONDS} s`);
      row('message-create, 1 instance', await withCpu([lite], () => delivered(sink, () => load(createReply(lite))), 'sqlite'), sqlitePerSecond);
    } finally {
      await lite.service.stop();
    }
    console.log(`memory (RSS): instance A ${rssMiB(a.service.process.pid)}, instance B ${rssMiB(b.service.process.pid)}`);
    if (process.env.BENCH_SCALE_DESKS !== '0') await desksUnderWebhooks([a, b]);
    console.log(`load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')} at the end`);
  } finally {
    await a.service.stop();
    await b.service.stop();
    await sink.close();
    loadAgent.destroy();
    const client = new pg.Client({ connectionString: DATABASE_URL });
    await client.connect();
    await client.query(`drop schema if exists "${schema}" cascade`).finally(() => client.end());
  }
}
