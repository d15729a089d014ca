/**
 * 구독 소식 sending (issue 14), side by side in one run: a notice to N subscribers (default
 * 10,000) at an unlimited rate (BOKJI_BROADCAST_RATE_PER_S=0) through the whole server — claims
 * in outbound_work, opt-out check, per-recipient status — against plain sequential POSTs of the
 * same wire bodies to the same Kakao send sink (the baseline). Figures: messages/s and the ratio.
 * BENCH_BROADCAST_N sets N; BENCH_BROADCAST_PG=1 adds a run on PostgreSQL (TEST_DATABASE_URL).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { CONSENT_STATEMENT, noticeText } from '../common/subscriptions/index.js';
import { buildServer } from '../server/app.js';
import { loadConfig } from '../server/config.js';
import { startKakaoSink, type KakaoSink } from '../server/simulator/index.js';
import { applyConsent } from '../server/subscriptions/store.js';

const N = Number(process.env.BENCH_BROADCAST_N ?? 10_000);
const PASSWORD = 'bench-demo-password';
const PG_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

async function sequentialBaseline(sink: KakaoSink, n: number): Promise<number> {
  const started = performance.now();
  for (let i = 0; i < n; i++) {
    const body = JSON.stringify({
      serial_number: randomUUID(), sender_key: 'bench', user_key: `base-${i}`, message_type: 'TX',
      message: noticeText('행복주택 입주자 모집', '금천구 행복주택 입주자를 모집합니다.'), broadcast_id: 'baseline',
    });
    const res = await fetch(sink.url, { method: 'POST', headers: { 'content-type': 'application/json; charset=utf-8' }, body });
    await res.arrayBuffer();
  }
  return n / ((performance.now() - started) / 1000);
}

async function throughServer(engine: 'sqlite' | 'postgres', sink: KakaoSink): Promise<{ perSecond: number; seconds: number; delivered: number; uniqueAtSink: number }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'bokji-bench-broadcast-'));
  const schema = `bench_${randomBytes(5).toString('hex')}`;
  const app = await buildServer(loadConfig({
    PORT: '0', BOKJI_DATA_DIR: dir, BOKJI_DEMO: '1', BOKJI_DEMO_PASSWORD: PASSWORD, KAKAO_SEND_URL: sink.url,
    KAKAO_WEBHOOK_SECRET: 'bench-webhook-secret-0123456789', BOKJI_BROADCAST_RATE_PER_S: 'unlimited', BOKJI_BROADCAST_QUIET_HOURS: 'off',
    BOKJI_RATE_LIMIT_PER_MIN: '1000000', BOKJI_LOGIN_RATE_PER_MIN: '1000', LOG_LEVEL: 'silent',
    ...(engine === 'postgres' ? { DATABASE_URL: PG_URL, BOKJI_PG_SCHEMA: schema } : {}),
  }));
  try {
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address();
    if (!address || typeof address === 'string') throw new Error('no address');
    const api = (p: string) => `http://127.0.0.1:${address.port}/api/v1${p}`;
    const login = async (username: string) => {
      const res = await fetch(api('/auth/login'), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: PASSWORD }) });
      return ((await res.json()) as { token: string }).token;
    };
    const call = async (method: string, p: string, token: string, body?: unknown) => {
      const res = await fetch(api(p), { method, headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) }, body: body ? JSON.stringify(body) : undefined });
      if (!res.ok) throw new Error(`${method} ${p}: ${res.status} ${await res.text()}`);
      return res.json() as Promise<{ status: string; counts: { delivered: number } }>;
    };
    // Subscribers straight into the store (not measured).
    for (let i = 0; i < N; i += 500) {
      await app.store.write(null, async (tx) => {
        for (let j = i; j < Math.min(N, i + 500); j++) {
          await applyConsent(tx, `bench-${j}`, { topics: ['housing'], method: 'counsellor', channel: 'desk', statement: CONSENT_STATEMENT, actor: null });
        }
      }, { lockFeedFirst: false });
    }
    const [admin, supervisor] = [await login('admin'), await login('supervisor1')];
    const id = randomUUID();
    await call('POST', '/broadcasts', admin, { id, title: '행복주택 입주자 모집', body: '금천구 행복주택 입주자를 모집합니다.', topics: ['housing'] });
    await call('POST', `/broadcasts/${id}/submit`, admin);
    const started = performance.now();
    await call('POST', `/broadcasts/${id}/approve`, supervisor);
    let b = await call('GET', `/broadcasts/${id}`, supervisor);
    while (b.status !== 'sent') {
      await new Promise((r) => setTimeout(r, 100));
      b = await call('GET', `/broadcasts/${id}`, supervisor);
    }
    const seconds = (performance.now() - started) / 1000;
    return { perSecond: b.counts.delivered / seconds, seconds, delivered: b.counts.delivered, uniqueAtSink: sink.perBroadcast()[id] ?? 0 };
  } finally {
    await app.close();
    await rm(dir, { recursive: true, force: true });
    if (engine === 'postgres') {
      const c = new pg.Client({ connectionString: PG_URL });
      await c.connect();
      await c.query(`drop schema if exists "${schema}" cascade`).finally(() => c.end());
    }
  }
}

export async function run(): Promise<void> {
  const sink = await startKakaoSink();
  try {
    const engines: ('sqlite' | 'postgres')[] = process.env.BENCH_BROADCAST_PG === '1' ? ['sqlite', 'postgres'] : ['sqlite'];
    for (const engine of engines) {
      const baseline = await sequentialBaseline(sink, N);
      const r = await throughServer(engine, sink);
      console.log(`${engine}: notice to ${N} subscribers, unlimited rate: ${r.delivered} delivered in ${r.seconds.toFixed(1)} s = ${r.perSecond.toFixed(0)} msg/s ` +
        `(${r.uniqueAtSink} distinct at the sink)`);
      console.log(`${engine}: baseline, ${N} sequential POSTs of the same body to the same sink: ${baseline.toFixed(0)} msg/s`);
      console.log(`${engine}: ratio notice / sequential POSTs = ${(r.perSecond / baseline).toFixed(2)}`);
    }
  } finally {
    await sink.close();
  }
}
