import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { buildServer } from '../../server/app.js';
import { loadConfig, type ServerConfig } from '../../server/config.js';
import { ALL_TABLES } from '../../server/db/schema.js';

export const ENGINES = ['sqlite', 'postgres'] as const;
export type EngineName = (typeof ENGINES)[number];

export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
export const DEMO_PASSWORD = 'test-demo-password';
export const WEBHOOK_SECRET = 'test-webhook-secret-0123456789';
export const CTI_TOKEN = 'test-cti-token-0123456789abcdef';

export interface TestServer {
  app: FastifyInstance;
  url: string;
  config: ServerConfig;
  /** Absolute URL of a path under /api/v1. */
  api(p: string): string;
  login(username: string, password?: string): Promise<string>;
  call(method: string, p: string, opts?: CallOptions): Promise<CallResult>;
  countRows(): Promise<Record<string, number>>;
  /** Stops the server; keeps the database unless drop is true. */
  stop(): Promise<void>;
  /** Stops the server and removes its database (temp dir or PostgreSQL schema). */
  close(): Promise<void>;
}

export interface CallOptions {
  token?: string | null;
  body?: unknown;
  rawBody?: string | Buffer;
  headers?: Record<string, string>;
}

export interface CallResult {
  status: number;
  headers: Headers;
  body: unknown;
  text: string;
}

/** Where a test server keeps its data: reused by startServer({ store }) for restart tests. */
export interface TestStoreLocation {
  engine: EngineName;
  dir: string | null;
  schema: string | null;
}

export async function newStoreLocation(engine: EngineName): Promise<TestStoreLocation> {
  if (engine === 'sqlite') return { engine, dir: await mkdtemp(path.join(os.tmpdir(), 'bokji-server-test-')), schema: null };
  return { engine, dir: null, schema: `t_${randomBytes(6).toString('hex')}` };
}

export async function dropStoreLocation(loc: TestStoreLocation): Promise<void> {
  if (loc.dir) await rm(loc.dir, { recursive: true, force: true });
  if (loc.schema) {
    const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await client.connect();
    try {
      await client.query(`drop schema if exists "${loc.schema}" cascade`);
    } finally {
      await client.end();
    }
  }
}

export function testConfig(loc: TestStoreLocation, env: Record<string, string> = {}): ServerConfig {
  return loadConfig({
    PORT: '0',
    BOKJI_DATA_DIR: loc.dir ?? os.tmpdir(),
    ...(loc.engine === 'postgres' ? { DATABASE_URL: TEST_DATABASE_URL, BOKJI_PG_SCHEMA: loc.schema ?? '' } : {}),
    BOKJI_DEMO: '1',
    BOKJI_DEMO_PASSWORD: DEMO_PASSWORD,
    KAKAO_WEBHOOK_SECRET: WEBHOOK_SECRET,
    BOKJI_CTI_TOKEN: CTI_TOKEN,
    BOKJI_LOGIN_RATE_PER_MIN: '1000',
    BOKJI_RATE_LIMIT_PER_MIN: '100000',
    BOKJI_AUTH_FAILURES_PER_MIN: '100000',
    LOG_LEVEL: 'silent',
    ...env,
  });
}

export async function startServer(
  engine: EngineName,
  opts: { env?: Record<string, string>; location?: TestStoreLocation; configure?: (c: ServerConfig) => ServerConfig } = {},
): Promise<TestServer> {
  const loc = opts.location ?? (await newStoreLocation(engine));
  let config = testConfig(loc, opts.env);
  if (opts.configure) config = opts.configure(config);
  const app = await buildServer(config);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('no address');
  const url = `http://127.0.0.1:${address.port}`;
  const api = (p: string) => `${url}/api/v1${p}`;

  const call = async (method: string, p: string, o: CallOptions = {}): Promise<CallResult> => {
    const headers: Record<string, string> = { ...o.headers };
    if (o.token) headers.authorization = `Bearer ${o.token}`;
    let body: string | Buffer | undefined;
    if (o.rawBody !== undefined) body = o.rawBody;
    else if (o.body !== undefined) {
      body = JSON.stringify(o.body);
      headers['content-type'] ??= 'application/json';
    }
    const res = await fetch(p.startsWith('http') ? p : api(p), { method, headers, body: typeof body === 'string' || body === undefined ? body : new Uint8Array(body) });
    const text = await res.text();
    let parsed: unknown = null;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      parsed = text;
    }
    return { status: res.status, headers: res.headers, body: parsed, text };
  };

  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    await app.close();
  };
  return {
    app,
    url,
    config,
    api,
    call,
    async login(username, password = DEMO_PASSWORD) {
      const res = await call('POST', '/auth/login', { body: { username, password } });
      if (res.status !== 200) throw new Error(`login ${username} failed: ${res.status} ${res.text}`);
      return (res.body as { token: string }).token;
    },
    async countRows() {
      const counts: Record<string, number> = {};
      for (const table of ALL_TABLES) {
        const row = await app.store.db
          .selectFrom(table as 'changes')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow();
        counts[table] = Number(row.n);
      }
      return counts;
    },
    stop,
    async close() {
      await stop();
      await dropStoreLocation(loc);
    },
  };
}

export const isProblem = (r: CallResult, status: number) =>
  r.status === status &&
  (r.headers.get('content-type') ?? '').startsWith('application/problem+json') &&
  typeof (r.body as { title?: unknown }).title === 'string' &&
  (r.body as { status?: unknown }).status === status;
