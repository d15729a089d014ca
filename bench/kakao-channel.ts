/**
 * KakaoTalk channel throughput (issue 3 items 5–6), side by side in one run:
 *   inbound  — signed webhook requests/s and p99 through (a) a bare Fastify JSON route (baseline),
 *              (b) the webhook plugin over an in-memory port (signature + zod + masking cost),
 *              (c) the whole server on SQLite, (d) on PostgreSQL when TEST_DATABASE_URL answers;
 *   outbound — replies/s delivered to the Kakao send sink by the delivery loop, against plain
 *              concurrent POSTs of the same bodies (baseline).
 * The same closed-loop client drives every target, so the ratios compare servers, not clients.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import pg from 'pg';
import { buildServer } from '../server/app.js';
import {
  KAKAO_WEBHOOK_PATH, createKakaoOutbound, kakaoWebhookRoutes, signKakaoBody,
  type InboundCitizenEvent, type InboundFiled, type KakaoInboxPort, type PendingDelivery,
} from '../server/channels/kakao/index.js';
import { httpPost } from '../server/channels/kakao/send.js';
import { loadConfig } from '../server/config.js';
import { percentile, startKakaoSink } from '../server/simulator/index.js';

const SECRET = 'bench-webhook-secret-0123456789';
const DURATION_MS = Number(process.env.BENCH_KAKAO_MS ?? 4000);
const CONCURRENCY = 16;

interface Figures {
  requests: number;
  perSecond: number;
  p50: number;
  p99: number;
  errors: number;
}

/** C workers posting signed, unique citizen events back to back for DURATION_MS. */
async function load(url: string, durationMs = DURATION_MS): Promise<Figures> {
  const latencies: number[] = [];
  let errors = 0;
  const started = performance.now();
  const until = started + durationMs;
  let n = 0;
  const worker = async () => {
    while (performance.now() < until) {
      const body = JSON.stringify({
        serial_number: randomUUID(), event: 'message', user_key: `bench-${n++ % 200}`, message_type: 'TX',
        message: '월세 지원 받을 수 있나요? 제 번호는 010-1234-5678 입니다', time: new Date().toISOString(),
      });
      const t = performance.now();
      const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', 'x-bokji-signature': signKakaoBody(body, SECRET) }, body });
      await res.arrayBuffer();
      latencies.push(performance.now() - t);
      if (res.status !== 200) errors++;
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return { requests: latencies.length, perSecond: latencies.length / elapsed, p50: percentile(latencies, 50), p99: percentile(latencies, 99), errors };
}

class MemoryPort implements KakaoInboxPort {
  private serials = new Map<string, string>();
  private byUser = new Map<string, string>();
  pending: PendingDelivery[] = [];
  delivered = 0;
  async fileInbound(e: InboundCitizenEvent): Promise<InboundFiled> {
    const seen = this.serials.get(e.serialNumber);
    if (seen) return { duplicate: true, conversationId: seen, messageId: null, afterHoursNoticeAlreadySent: true, crisisToAnswer: null, channelAnswered: false };
    const id = this.byUser.get(e.userKey) ?? randomUUID();
    this.byUser.set(e.userKey, id);
    this.serials.set(e.serialNumber, id);
    return { duplicate: false, conversationId: id, messageId: randomUUID(), afterHoursNoticeAlreadySent: true, crisisToAnswer: null, channelAnswered: false };
  }
  async recordAfterHoursNotice(): Promise<string | null> {
    return null;
  }
  async recordCrisisAnswer(): Promise<string | null> {
    return null;
  }
  /** The database's claim, in memory: the first pending item of each citizen, once. */
  async claimDeliveries(limit: number): Promise<PendingDelivery[]> {
    const heads = new Map<string, PendingDelivery>();
    for (const p of this.pending) if (!heads.has(p.userKey)) heads.set(p.userKey, p);
    const claimed = [...heads.values()].filter((p) => !this.claimed.has(p.messageId)).slice(0, limit);
    for (const p of claimed) this.claimed.add(p.messageId);
    return claimed;
  }
  private claimed = new Set<string>();
  async setDelivery(delivery: PendingDelivery, outcome: { status: string }): Promise<boolean> {
    this.pending = this.pending.filter((p) => p.messageId !== delivery.messageId);
    this.claimed.delete(delivery.messageId);
    if (outcome.status === 'delivered') this.delivered++;
    return true;
  }
}

async function listen(app: FastifyInstance): Promise<string> {
  await app.listen({ port: 0, host: '127.0.0.1' });
  return `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
}

async function postgresReachable(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}

function row(name: string, f: Figures, base: Figures): string {
  return `${name.padEnd(34)} ${f.perSecond.toFixed(0).padStart(7)} req/s  p50 ${f.p50.toFixed(1).padStart(6)} ms  p99 ${f.p99.toFixed(1).padStart(6)} ms  ` +
    `x${(f.perSecond / base.perSecond).toFixed(2)} of baseline throughput${f.errors ? `  (${f.errors} non-200!)` : ''}`;
}

async function inbound(): Promise<void> {
  const bare = Fastify();
  bare.post(KAKAO_WEBHOOK_PATH, async () => ({ result: 'ok', duplicate: false }));
  const bareUrl = new URL(KAKAO_WEBHOOK_PATH, await listen(bare)).toString();
  await load(bareUrl, 500); // warm-up: JIT and sockets, not measured
  const baseline = await load(bareUrl);
  await bare.close();
  console.log(row('baseline: bare Fastify JSON route', baseline, baseline));

  const plugin = Fastify();
  await plugin.register(kakaoWebhookRoutes, { port: new MemoryPort(), secret: SECRET, outbound: { poke: () => undefined, close: async () => undefined } });
  const adapter = await load(new URL(KAKAO_WEBHOOK_PATH, await listen(plugin)).toString());
  await plugin.close();
  console.log(row('webhook plugin, in-memory port', adapter, baseline));

  const dir = await mkdtemp(path.join(os.tmpdir(), 'bokji-bench-kakao-'));
  try {
    const engines: Array<{ name: string; env: Record<string, string> }> = [{ name: 'webhook, whole server on SQLite', env: {} }];
    const pgUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
    const schema = `bench_${randomBytes(4).toString('hex')}`;
    if (await postgresReachable(pgUrl)) engines.push({ name: 'webhook, whole server on PostgreSQL', env: { DATABASE_URL: pgUrl, BOKJI_PG_SCHEMA: schema } });
    else console.log('(PostgreSQL not reachable: skipped)');
    for (const engine of engines) {
      const app = await buildServer(loadConfig({
        PORT: '0', BOKJI_DATA_DIR: dir, KAKAO_WEBHOOK_SECRET: SECRET, LOG_LEVEL: 'silent', BOKJI_RATE_LIMIT_PER_MIN: '10000000', ...engine.env,
      }));
      const figures = await load(new URL(KAKAO_WEBHOOK_PATH, await listen(app)).toString());
      await app.close();
      console.log(row(engine.name, figures, baseline));
    }
    if (engines.length > 1) {
      const client = new pg.Client({ connectionString: pgUrl });
      await client.connect();
      await client.query(`drop schema if exists "${schema}" cascade`).finally(() => client.end());
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function outbound(): Promise<void> {
  const COUNT = 2000;
  const sink = await startKakaoSink();
  try {
    const deliveries = (): PendingDelivery[] => Array.from({ length: COUNT }, (_, i) => {
      const messageId = randomUUID();
      return {
        messageId, conversationId: `c${i % 100}`, userKey: `u${i % 100}`, kind: 'text' as const, body: '안녕하세요, 상담사입니다.', programmeId: null, attempts: 0,
        work: { id: messageId, kind: 'reply', refId: messageId, orderKey: `u${i % 100}`, attempts: 0, claimToken: 't', claimedUntil: '' },
      };
    });

    // Baseline: the same bodies POSTed the same way (httpPost) with the same parallelism, no port, no bookkeeping.
    const plain = deliveries();
    // Warm the connections and the JIT first, so that the baseline is not the one that pays for them.
    for (const d of plain.slice(0, 200)) await httpPost(sink.url, JSON.stringify({ serial_number: d.messageId, message: d.body }), 10_000);
    let t = performance.now();
    const queue = [...plain];
    await Promise.all(Array.from({ length: 4 }, async () => {
      for (let d = queue.shift(); d; d = queue.shift()) {
        await httpPost(sink.url, JSON.stringify({ serial_number: d.messageId, sender_key: 's', user_key: d.userKey, message_type: 'TX', message: d.body }), 10_000);
      }
    }));
    const basePerSecond = COUNT / ((performance.now() - t) / 1000);

    const port = new MemoryPort();
    port.pending = deliveries();
    const loop = createKakaoOutbound({ port, sendUrl: sink.url, senderKey: 's', logger: { info() {}, warn() {}, error() {} }, autoStart: false });
    t = performance.now();
    while (port.pending.length > 0) await loop.runOnce();
    const loopPerSecond = COUNT / ((performance.now() - t) / 1000);
    await loop.close();
    console.log(`${'baseline: plain POSTs to the sink'.padEnd(34)} ${basePerSecond.toFixed(0).padStart(7)} msg/s`);
    console.log(`${'outbound delivery loop'.padEnd(34)} ${loopPerSecond.toFixed(0).padStart(7)} msg/s  x${(loopPerSecond / basePerSecond).toFixed(2)} of baseline (${port.delivered} delivered)`);

    // The provider POST (server/channels/kakao/send.ts): httpPost against fetch, CPU per POST of
    // this process (sender and sink alike), 2,000 each with 4 in parallel, alternating twice.
    const body = JSON.stringify({ serial_number: randomUUID(), sender_key: 's', user_key: 'u1', message_type: 'TX', message: '안녕하세요, 상담사입니다.' });
    const viaFetch = async () => {
      const res = await fetch(sink.url, { method: 'POST', headers: { 'content-type': 'application/json; charset=utf-8' }, body, signal: AbortSignal.timeout(10_000) });
      await res.arrayBuffer();
    };
    const viaHttpPost = async () => {
      await httpPost(sink.url, body, 10_000);
    };
    const cpuPerPost = async (post: () => Promise<void>) => {
      const before = process.cpuUsage();
      let left = COUNT;
      await Promise.all(Array.from({ length: 4 }, async () => {
        while (left-- > 0) await post();
      }));
      const used = process.cpuUsage(before);
      return (used.user + used.system) / 1000 / COUNT;
    };
    for (let round = 1; round <= 2; round++) {
      const f = await cpuPerPost(viaFetch);
      const h = await cpuPerPost(viaHttpPost);
      console.log(`provider POST, round ${round}: fetch ${f.toFixed(3)} ms CPU per POST, httpPost ${h.toFixed(3)} ms (x${(f / h).toFixed(1)})`);
    }
  } finally {
    await sink.close();
  }
}

export async function run(): Promise<void> {
  console.log(`inbound: ${CONCURRENCY} concurrent clients, ${DURATION_MS} ms per target`);
  await inbound();
  console.log('outbound: 2000 replies to 100 citizens');
  await outbound();
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
