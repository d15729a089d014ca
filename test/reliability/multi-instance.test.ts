import { randomBytes, randomUUID } from 'node:crypto';
import { createParser } from 'eventsource-parser';
import pg from 'pg';
import { Change } from '../../common/domain/index.js';
import { PullResponse } from '../../common/rest/contract.js';
import { signKakaoBody } from '../../server/channels/kakao/signature.js';
import { LISTENER_APPLICATION_NAME, pgChannelName } from '../../server/events/pg-listener.js';
import { startKakaoSink, type KakaoSink } from '../../server/simulator/sink.js';
import { type CentralService, startCentralService } from '../harness/central-service.js';
import { TEST_DATABASE_URL } from '../server/helpers.js';
import { serverLogin } from './support/server-api.js';

/**
 * Issue 11: two server processes on one PostgreSQL schema behave as one service. Replies are
 * delivered exactly once and in order per citizen whichever instance sends (a sink refuses the
 * first attempt of some); SSE on one instance hears writes made on the other, also after its
 * LISTEN connection is killed; the feed stays gap-free with writers on both; an Idempotency-Key
 * retried on the other instance replays.
 */
const schema = `t_${randomBytes(6).toString('hex')}`;
const SECRET = 'multi-instance-webhook-secret-01';
let sink: KakaoSink;
let a: CentralService;
let b: CentralService;
let tokenA: string;
let tokenB: string;

async function sql(text: string, params: unknown[] = []): Promise<pg.QueryResult> {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await client.connect();
  try {
    return await client.query(text, params);
  } finally {
    await client.end();
  }
}

beforeAll(async () => {
  sink = await startKakaoSink({ port: 0 });
  const env = {
    DATABASE_URL: TEST_DATABASE_URL,
    BOKJI_PG_SCHEMA: schema,
    KAKAO_WEBHOOK_SECRET: SECRET,
    KAKAO_SEND_URL: sink.url,
    BOKJI_RATE_LIMIT_PER_MIN: '100000',
    BOKJI_LOGIN_RATE_PER_MIN: '1000',
  };
  // One after the other: the first migrates and seeds, the second finds it done.
  a = await startCentralService({ env });
  b = await startCentralService({ env });
  tokenA = (await serverLogin(a.url, 'counsellor1', a.demoPassword)).token;
  tokenB = (await serverLogin(b.url, 'counsellor2', b.demoPassword)).token;
}, 180_000);

afterAll(async () => {
  await a?.stop();
  await b?.stop();
  await sink?.close();
  await sql(`drop schema if exists "${schema}" cascade`);
});

async function call(s: CentralService, token: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${s.url}/api/v1${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? (JSON.parse(text) as unknown) : null };
}

/** A citizen writes on the channel (through instance `s`); returns the conversation id. */
async function citizenWrites(s: CentralService, userKey: string, text: string): Promise<string> {
  const payload = JSON.stringify({ serial_number: randomUUID(), event: 'message', user_key: userKey, message_type: 'TX', message: text, time: new Date().toISOString() });
  const res = await fetch(`${s.url}/api/v1/channels/kakao/webhook`, {
    method: 'POST', headers: { 'content-type': 'application/json', 'x-bokji-signature': signKakaoBody(payload, SECRET) }, body: payload,
  });
  expect(res.status).toBe(200);
  const row = await sql(`select id from "${schema}".conversations where citizen_key = $1 and status <> 'closed'`, [userKey]);
  return String(row.rows[0]!.id);
}

/** An SSE stream on one instance, collecting event ids. */
async function openEvents(s: CentralService, token: string) {
  const controller = new AbortController();
  const res = await fetch(`${s.url}/api/v1/events`, { headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' }, signal: controller.signal });
  expect(res.status).toBe(200);
  const ids: { id: number; at: number }[] = [];
  const parser = createParser({ onEvent: (e) => e.id && ids.push({ id: Number(e.id), at: Date.now() }) });
  const reading = (async () => {
    const decoder = new TextDecoder();
    try {
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) parser.feed(decoder.decode(chunk, { stream: true }));
    } catch {
      // aborted
    }
  })();
  return {
    latest: () => ids.at(-1)?.id ?? 0,
    /** Resolves with the time at which an event with id >= seq arrived. */
    async waitFor(seq: number, timeoutMs: number): Promise<number> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const hit = ids.find((e) => e.id >= seq);
        if (hit) return hit.at;
        if (Date.now() > deadline) throw new Error(`no SSE event >= ${seq} within ${timeoutMs} ms (latest ${ids.at(-1)?.id ?? 'none'})`);
        await new Promise((r) => setTimeout(r, 10));
      }
    },
    async close() {
      controller.abort();
      await reading;
    },
  };
}

const latestSeq = async () => Number((await sql(`select coalesce(max(seq), 0) as m from "${schema}".changes`)).rows[0]!.m);

it('delivers every reply exactly once and in order per citizen, whichever instance sends, with a sink refusing first attempts', async () => {
  const CITIZENS = 12;
  const REPLIES = 8;
  const marker = randomUUID().slice(0, 8);
  const citizens = Array.from({ length: CITIZENS }, (_, i) => `mi-${marker}-${i}`);
  const conversations = new Map<string, string>();
  for (const [i, userKey] of citizens.entries()) conversations.set(userKey, await citizenWrites(i % 2 ? b : a, userKey, '문의드립니다'));

  // The first attempt of every third reply is refused (503): it is retried with backoff while the
  // citizen's later replies wait for it.
  const refused = new Set<string>();
  sink.failAlways({
    status: 503,
    only: (raw) => {
      const m = JSON.parse(raw) as { serial_number: string; message: string };
      const n = Number(/#(\d+)$/.exec(m.message)?.[1] ?? -1);
      if (!m.message.startsWith(marker) || n % 3 !== 0 || refused.has(m.serial_number)) return false;
      refused.add(m.serial_number);
      return true;
    },
  });
  const expected = new Map<string, string[]>();
  await Promise.all(citizens.map(async (userKey) => {
    const ids: string[] = [];
    expected.set(userKey, ids);
    for (let n = 0; n < REPLIES; n++) {
      const id = randomUUID();
      ids.push(id);
      // Alternate instances: each reply is committed before the next is written.
      const [s, token] = n % 2 ? [b, tokenB] : [a, tokenA];
      const r = await call(s, token, 'POST', `/conversations/${conversations.get(userKey)}/messages`, {
        id, direction: 'outbound', kind: 'text', body: `${marker} ${userKey} #${n}`, programmeId: null,
      });
      expect(r.status).toBe(201);
    }
  }));
  const all = new Set([...expected.values()].flat());
  const deadline = Date.now() + 60_000;
  while ([...all].some((id) => !sink.uniqueSerials().has(id)) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
  // A little longer: a duplicate would arrive now.
  await new Promise((r) => setTimeout(r, 1_500));
  sink.failAlways(null);

  const mine = sink.received.filter((r) => all.has(r.message.serial_number));
  expect(new Set(mine.map((r) => r.message.serial_number)).size).toBe(all.size);
  expect(mine).toHaveLength(all.size);
  expect(refused.size).toBeGreaterThan(0);
  for (const userKey of citizens) {
    expect(mine.filter((r) => r.message.user_key === userKey).map((r) => r.message.serial_number)).toEqual(expected.get(userKey));
  }
  const { rows } = await sql(`select count(*)::int as n from "${schema}".messages where id = any($1) and delivery = 'delivered'`, [[...all]]);
  expect(rows[0]!.n).toBe(all.size);
});

it('SSE on one instance hears a write made on the other within 1 s, also after its LISTEN connection is killed', async () => {
  const events = await openEvents(b, tokenB);
  try {
    const conversationId = await citizenWrites(a, `mi-sse-${randomUUID().slice(0, 8)}`, '첫 메시지');
    const seq1 = await latestSeq();
    const t1 = Date.now();
    expect((await events.waitFor(seq1, 1_000)) - t1).toBeLessThan(1_000);

    // Kill every listener of this schema (both instances), then write at once on A.
    const killed = await sql(
      `select pg_terminate_backend(pid) from pg_stat_activity where application_name = $1 and query ilike $2`,
      [LISTENER_APPLICATION_NAME, `%${pgChannelName(schema)}%`],
    );
    expect(killed.rowCount).toBe(2);
    const note = await call(a, tokenA, 'POST', `/conversations/${conversationId}/messages`, {
      id: randomUUID(), direction: 'note', kind: 'text', body: '리스너가 끊긴 동안의 메모', programmeId: null,
    });
    expect(note.status).toBe(201);
    const seq2 = await latestSeq();
    const t2 = Date.now();
    expect((await events.waitFor(seq2, 1_000)) - t2).toBeLessThan(1_000);
  } finally {
    await events.close();
  }
});

it('keeps the feed gap-free under concurrent writers on both instances: a puller never skips a row', async () => {
  const start = await latestSeq();
  const seen: number[] = [];
  let cursor = start;
  let writing = true;
  const puller = (async () => {
    for (let round = 0; writing || round < 2; round += writing ? 0 : 1) {
      const r = await call(b, tokenB, 'GET', `/sync/pull?cursor=${cursor}&limit=500`);
      const page = PullResponse.parse(r.body);
      for (const c of page.changes) seen.push(Change.parse(c).seq);
      cursor = Number(page.cursor);
      if (!page.hasMore) await new Promise((res) => setTimeout(res, 5));
    }
  })();
  const WRITES = 120;
  await Promise.all(Array.from({ length: WRITES }, async (_, i) => {
    const [s, token] = i % 2 ? [b, tokenB] : [a, tokenA];
    const id = randomUUID();
    const r = await call(s, token, 'PUT', `/call-logs/${id}`, {
      channel: 'phone', startedAt: new Date().toISOString(), durationSec: 30, need: `동시 기록 ${i}`, callerPhone: '01012345678',
    }, { 'idempotency-key': id });
    expect(r.status).toBe(201);
  }));
  writing = false;
  await puller;
  const end = await latestSeq();
  expect(end - start).toBeGreaterThanOrEqual(WRITES);
  expect(seen).toEqual(Array.from({ length: end - start }, (_, i) => start + 1 + i));
});

it('replays an Idempotency-Key retried on the other instance, and refuses it with another payload', async () => {
  const conversationId = await citizenWrites(a, `mi-idem-${randomUUID().slice(0, 8)}`, '안녕하세요');
  const id = randomUUID();
  const body = { id, direction: 'note', kind: 'text', body: '메모 한 번', programmeId: null };
  const first = await call(a, tokenA, 'POST', `/conversations/${conversationId}/messages`, body, { 'idempotency-key': id });
  expect(first.status).toBe(201);
  const tokenA2 = (await serverLogin(b.url, 'counsellor1', b.demoPassword)).token;
  const retried = await call(b, tokenA2, 'POST', `/conversations/${conversationId}/messages`, body, { 'idempotency-key': id });
  expect(retried.status).toBe(201);
  expect(retried.headers.get('idempotent-replayed')).toBe('true');
  expect(retried.body).toEqual(first.body);
  const other = await call(b, tokenA2, 'POST', `/conversations/${conversationId}/messages`, { ...body, body: '다른 내용' }, { 'idempotency-key': id });
  expect(other.status).toBe(422);
  const { rows } = await sql(`select count(*)::int as n from "${schema}".messages where id = $1`, [id]);
  expect(rows[0]!.n).toBe(1);
});
