/**
 * REST throughput of the central service on both engines (issue 3): autocannon against
 * GET /sync/pull and POST /conversations/{id}/messages, each beside a bare Fastify route measured
 * in the same run, printed as requests/s and p99 with the ratio to the bare route.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import Fastify from 'fastify';
import pg from 'pg';
import { buildServer } from '../server/app.js';
import { loadConfig } from '../server/config.js';

interface AutocannonResult {
  requests: { average: number };
  latency: { p99: number; p50: number };
  non2xx: number;
  errors: number;
}
interface AutocannonRequest {
  method?: string;
  path?: string;
  headers?: Record<string, string>;
  body?: string;
  setupRequest?: (req: AutocannonRequest) => AutocannonRequest;
}
type Autocannon = (opts: {
  url: string;
  connections: number;
  duration: number;
  headers?: Record<string, string>;
  requests?: AutocannonRequest[];
}) => Promise<AutocannonResult>;
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

const DURATION_S = Number(process.env.BENCH_SERVER_SECONDS ?? 5);
const CONNECTIONS = 10;
const DATABASE_URL = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

async function bare(): Promise<{ url: string; close: () => Promise<void> }> {
  const app = Fastify({ logger: false });
  app.get('/bare', async () => ({ changes: [], cursor: '0', hasMore: false }));
  app.post('/bare', async (request, reply) => reply.code(201).send(request.body));
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  return { url, close: () => app.close() };
}

function line(label: string, r: AutocannonResult, base: AutocannonResult): string {
  const rps = r.requests.average;
  const ratio = base.requests.average > 0 ? rps / base.requests.average : 0;
  const errors = r.non2xx + r.errors ? `  (errors/non-2xx: ${r.errors}/${r.non2xx})` : '';
  return `${label.padEnd(34)} ${rps.toFixed(0).padStart(7)} req/s  p99 ${String(r.latency.p99).padStart(4)} ms  = ${(ratio * 100).toFixed(1)}% of bare${errors}`;
}

async function engineRun(engine: 'sqlite' | 'postgres'): Promise<void> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'bokji-bench-'));
  const schema = `bench_${randomBytes(4).toString('hex')}`;
  const config = loadConfig({
    PORT: '0',
    BOKJI_DATA_DIR: dir,
    ...(engine === 'postgres' ? { DATABASE_URL, BOKJI_PG_SCHEMA: schema } : {}),
    BOKJI_DEMO: '1',
    BOKJI_RATE_LIMIT_PER_MIN: '100000000',
    LOG_LEVEL: 'silent',
  });
  const app = await buildServer(config);
  const base = await bare();
  try {
    const url = await app.listen({ port: 0, host: '127.0.0.1' });
    const login = await fetch(`${url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'counsellor1', password: config.demoPassword }),
    });
    const { token } = (await login.json()) as { token: string };
    const auth = { authorization: `Bearer ${token}` };
    const list = (await (await fetch(`${url}/api/v1/conversations?limit=1`, { headers: auth })).json()) as { items: { id: string }[] };
    const conversationId = list.items[0]!.id;

    const bareGet = await autocannon({ url: `${base.url}/bare`, connections: CONNECTIONS, duration: DURATION_S });
    const pull = await autocannon({
      url: `${url}/api/v1/sync/pull?cursor=0&limit=100`,
      connections: CONNECTIONS,
      duration: DURATION_S,
      headers: auth,
    });
    const note = () => JSON.stringify({ id: randomUUID(), direction: 'note', body: '벤치마크 메모입니다' });
    const barePost = await autocannon({
      url: `${base.url}/bare`,
      connections: CONNECTIONS,
      duration: DURATION_S,
      requests: [{ method: 'POST', headers: { 'content-type': 'application/json' }, setupRequest: (req) => ({ ...req, body: note() }) }],
    });
    const create = await autocannon({
      url: `${url}/api/v1/conversations/${conversationId}/messages`,
      connections: CONNECTIONS,
      duration: DURATION_S,
      requests: [{
        method: 'POST',
        headers: { ...auth, 'content-type': 'application/json' },
        setupRequest: (req) => ({ ...req, body: note() }),
      }],
    });
    console.log(`-- ${engine} (${CONNECTIONS} connections, ${DURATION_S} s each)`);
    console.log(line('bare Fastify GET', bareGet, bareGet));
    console.log(line('GET /sync/pull?limit=100', pull, bareGet));
    console.log(line('bare Fastify POST', barePost, barePost));
    console.log(line('POST /conversations/{id}/messages', create, barePost));
  } finally {
    await base.close();
    await app.close();
    await rm(dir, { recursive: true, force: true });
    if (engine === 'postgres') {
      const client = new pg.Client({ connectionString: DATABASE_URL });
      await client.connect();
      await client.query(`drop schema if exists "${schema}" cascade`);
      await client.end();
    }
  }
}

export async function run(): Promise<void> {
  await engineRun('sqlite');
  await engineRun('postgres');
}
