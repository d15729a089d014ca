/**
 * `npm run bench -- scale` (issue 11): the database engine's own limit, measured here, side by
 * side with message-create and the signed webhook on one and on two server instances (separate
 * processes on one PostgreSQL schema), as a ratio to it. BENCH_SCALE_SECONDS (default 4) per run.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import sqlite3 from 'sqlite3';
import { signKakaoBody } from '../server/channels/kakao/signature.js';
import { startKakaoSink } from '../server/simulator/sink.js';
import { type CentralService, startCentralService } from '../test/harness/central-service.js';

const SECONDS = Number(process.env.BENCH_SCALE_SECONDS ?? 4);
const CLIENTS = 10;
const DATABASE_URL = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const SECRET = 'bench-scale-webhook-secret-0001';

/** Runs `CLIENTS` workers calling op in a loop for SECONDS; returns ops/s and p50/p99 ms. */
async function load(op: (i: number) => Promise<boolean>, clients = CLIENTS): Promise<{ perSecond: number; p50: number; p99: number; errors: number }> {
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
  return { perSecond: latencies.length / elapsed, p50: pct(50), p99: pct(99), errors };
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

interface Instance { service: CentralService; token: string; conversations: string[] }

async function instance(env: Record<string, string>): Promise<Instance> {
  const service = await startCentralService({ env: { ...env, LOG_LEVEL: 'silent' } });
  const login = await fetch(`${service.url}/api/v1/auth/login`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'counsellor1', password: service.demoPassword }),
  });
  const { token } = (await login.json()) as { token: string };
  const list = (await (await fetch(`${service.url}/api/v1/conversations?status=open&limit=50`, { headers: { authorization: `Bearer ${token}` } })).json()) as { items: { id: string }[] };
  return { service, token, conversations: list.items.map((c) => c.id) };
}

const rssMiB = (pid: number | undefined) => {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? `${(Number(m[1]) / 1024).toFixed(0)} MiB` : '?';
  } catch {
    return '?';
  }
};

const createReply = (s: Instance) => async (i: number) => {
  const res = await fetch(`${s.service.url}/api/v1/conversations/${s.conversations[i % s.conversations.length]}/messages`, {
    method: 'POST',
    headers: { authorization: `Bearer ${s.token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ id: randomUUID(), direction: 'outbound', body: '벤치마크 답장입니다' }),
  });
  await res.arrayBuffer();
  return res.status === 201;
};

const webhook = (s: Instance) => async (i: number) => {
  const body = JSON.stringify({ serial_number: randomUUID(), event: 'message', user_key: `bench-${i % 500}`, message_type: 'TX', message: '문의드립니다', time: new Date().toISOString() });
  const res = await fetch(`${s.service.url}/api/v1/channels/kakao/webhook`, {
    method: 'POST', headers: { 'content-type': 'application/json', 'x-bokji-signature': signKakaoBody(body, SECRET) }, body,
  });
  await res.arrayBuffer();
  return res.ok;
};

/** Both instances at once, half the clients each. */
async function both(a: Instance, b: Instance, make: (s: Instance) => (i: number) => Promise<boolean>) {
  const [ra, rb] = await Promise.all([load(make(a), CLIENTS / 2), load(make(b), CLIENTS / 2)]);
  return { perSecond: ra.perSecond + rb.perSecond, p50: Math.max(ra.p50, rb.p50), p99: Math.max(ra.p99, rb.p99), errors: ra.errors + rb.errors };
}

export async function run(): Promise<void> {
  const pgPerSecond = await pgLimit();
  const sqlitePerSecond = await sqliteLimit();
  console.log(`engine limit (single-row INSERT transactions from Node, ${SECONDS} s): PostgreSQL ${pgPerSecond.toFixed(0)}/s with ${CLIENTS} clients; SQLite synchronous=FULL ${sqlitePerSecond.toFixed(0)}/s (one writer)`);

  const sink = await startKakaoSink({ port: 0 });
  const schema = `bench_${randomBytes(4).toString('hex')}`;
  const env = { DATABASE_URL, BOKJI_PG_SCHEMA: schema, KAKAO_WEBHOOK_SECRET: SECRET, KAKAO_SEND_URL: sink.url, BOKJI_RATE_LIMIT_PER_MIN: '100000000' };
  const a = await instance(env);
  const b = await instance(env);
  try {
    const row = (label: string, r: { perSecond: number; p50: number; p99: number; errors: number }) =>
      console.log(`${label.padEnd(40)} ${r.perSecond.toFixed(0).padStart(6)}/s  p50 ${r.p50.toFixed(1).padStart(6)} ms  p99 ${r.p99.toFixed(1).padStart(6)} ms  = ${((r.perSecond / pgPerSecond) * 100).toFixed(1)}% of the engine${r.errors ? `  (${r.errors} errors)` : ''}`);
    console.log(`-- PostgreSQL, ${CLIENTS} HTTP clients, ${SECONDS} s each`);
    row('message-create, 1 instance', await load(createReply(a)));
    row('message-create, 2 instances', await both(a, b, createReply));
    row('signed webhook, 1 instance', await load(webhook(a)));
    row('signed webhook, 2 instances', await both(a, b, webhook));
    console.log(`memory (RSS): instance A ${rssMiB(a.service.process.pid)}, instance B ${rssMiB(b.service.process.pid)}`);
  } finally {
    await a.service.stop();
    await b.service.stop();
    await sink.close();
    const client = new pg.Client({ connectionString: DATABASE_URL });
    await client.connect();
    await client.query(`drop schema if exists "${schema}" cascade`).finally(() => client.end());
  }
}
