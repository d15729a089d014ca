import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Transaction } from 'kysely';
import type { Database } from '../db/schema.js';
import type { Store, WriteTx } from '../db/store.js';
import { problems } from './problem.js';

/** A claim older than this is from a request that died (crash, kill -9): a retry may take it over. */
const STALE_CLAIM_MS = 15_000;

export interface Outcome<T> {
  status: number;
  body: T;
}

const canonical = (value: unknown): string =>
  JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)))
      : v,
  );

export function idempotencyKeyOf(request: FastifyRequest): string | null {
  const header = request.headers['idempotency-key'];
  if (header === undefined) return null;
  const key = Array.isArray(header) ? header[0] : header;
  if (!key || !/^[A-Za-z0-9._:-]{1,128}$/.test(key)) {
    throw problems.badRequest('Idempotency-Key 는 1~128자의 영문, 숫자, . _ : - 이어야 합니다 (use a UUID).');
  }
  return key;
}

const routeOf = (request: FastifyRequest) => `${request.method} ${request.url.split('?')[0]}`;
/** Hash of a validated request body, as stored with its key. */
export const hashBody = (body: unknown) => createHash('sha256').update(canonical(body ?? null)).digest('hex');
const bodyHashOf = (request: FastifyRequest) => hashBody(request.body);

/** Whether a retry of this very request (same key, route and payload) has a stored response. */
export async function hasStoredResponse(store: Store, request: FastifyRequest, key: string): Promise<boolean> {
  const row = await store.db.selectFrom('idempotency_keys').select(['route', 'body_hash']).where('key', '=', key).executeTakeFirst();
  return !!row && row.route === routeOf(request) && row.body_hash === bodyHashOf(request);
}

type Claim = { kind: 'claimed' } | { kind: 'replay'; status: number; body: unknown };

async function claim(trx: Transaction<Database>, key: string, route: string, counsellorId: string, bodyHash: string): Promise<Claim> {
  const now = new Date();
  const inserted = await trx
    .insertInto('idempotency_keys')
    .values({ key, route, counsellor_id: counsellorId, body_hash: bodyHash, state: 'pending', status_code: null, response_body: null, created_at: now.toISOString() })
    .onConflict((oc) => oc.column('key').doNothing())
    .executeTakeFirst();
  if (Number(inserted.numInsertedOrUpdatedRows ?? 0) > 0) return { kind: 'claimed' } as const;
  const row = await trx.selectFrom('idempotency_keys').selectAll().where('key', '=', key).executeTakeFirstOrThrow();
  if (row.route !== route || row.counsellor_id !== counsellorId || row.body_hash !== bodyHash) {
    throw problems.unprocessable(
      '같은 Idempotency-Key 가 다른 요청에 이미 쓰였습니다. 새 요청에는 새 키를 쓰세요 (this key was used with another payload).',
    );
  }
  if (row.state === 'done' && row.status_code !== null) {
    return { kind: 'replay', status: row.status_code, body: row.response_body ? JSON.parse(row.response_body) : null } as const;
  }
  if (now.getTime() - Date.parse(row.created_at) < STALE_CLAIM_MS) {
    throw problems.conflict('같은 요청이 아직 처리 중입니다. 잠시 뒤 다시 시도하세요 (the same request is still in flight).', {
      'retry-after': '1',
    });
  }
  await trx.updateTable('idempotency_keys').set({ created_at: now.toISOString() }).where('key', '=', key).execute();
  return { kind: 'claimed' } as const;
}

/** The stored response: nothing reads it back in this transaction, so it goes with the COMMIT. */
const markDone = (tx: WriteTx, key: string, outcome: Outcome<unknown>) =>
  tx.later(tx.trx
    .updateTable('idempotency_keys')
    .set({ state: 'done', status_code: outcome.status, response_body: JSON.stringify(outcome.body) })
    .where('key', '=', key));

/**
 * Runs one write with Idempotency-Key semantics: the claim of the key, the write and its stored
 * response are one transaction (one commit), on PostgreSQL as on SQLite; a retry with the same
 * payload replays the stored response, the same key with another payload is 422. A duplicate
 * arriving while the first is in flight waits for it (PostgreSQL: at the key's unique index; SQLite:
 * the one writer) and then replays. `lockFeedFirst: false` runs the write beside other
 * row-locking writers (see WriteOptions).
 */
export async function idempotentWrite<T>(
  store: Store,
  request: FastifyRequest,
  reply: FastifyReply,
  opts: { key: string | null; counsellorId: string; lockFeedFirst?: boolean },
  work: (tx: WriteTx) => Promise<Outcome<T>>,
): Promise<Outcome<T>> {
  const { key } = opts;
  const writeOptions = opts.lockFeedFirst === false ? { lockFeedFirst: false } : {};
  if (!key) return store.write(opts.counsellorId, work, writeOptions);
  const route = routeOf(request);
  const bodyHash = bodyHashOf(request);
  let replayed = false;
  const outcome = await store.write(opts.counsellorId, async (tx) => {
    replayed = false;
    const claimed = await claim(tx.trx, key, route, opts.counsellorId, bodyHash);
    if (claimed.kind === 'replay') {
      replayed = true;
      return { status: claimed.status, body: claimed.body as T };
    }
    const result = await work(tx);
    await markDone(tx, key, result);
    return result;
  }, writeOptions);
  if (replayed) reply.header('idempotent-replayed', 'true');
  return outcome;
}

/** What If-Match names: any current version ('*'), or the versions of its entity tags. */
export type IfMatch = '*' | { versions: number[] };

/**
 * Parses If-Match (RFC 9110 §13.1.1): `*`, or a list of entity tags such as `"3"`, `W/"3"`,
 * `"3", "4"` (a bare 3 is accepted too). A tag in a form this server never issues (`"abc"`)
 * names no version it could hold, so it simply never matches: the request is 412, not 400.
 */
export function ifMatchOf(request: FastifyRequest): IfMatch | null {
  const header = request.headers['if-match'];
  if (header === undefined) return null;
  const value = (Array.isArray(header) ? header.join(',') : header).trim();
  if (value === '*') return '*';
  const versions = value
    .split(',')
    .map((tag) => /^\s*(?:W\/)?"?(\d{1,12})"?\s*$/.exec(tag)?.[1])
    .filter((v): v is string => v !== undefined)
    .map(Number);
  return { versions };
}

/** Whether the stored version satisfies If-Match. */
export const ifMatchAccepts = (expected: IfMatch, currentVersion: number): boolean =>
  expected === '*' || expected.versions.includes(currentVersion);

/** Checks a stored version against If-Match: 428 when missing, 412 when it names any other tag. */
export function requireIfMatch(request: FastifyRequest, currentVersion: number): void {
  const expected = ifMatchOf(request);
  if (expected === null) throw problems.preconditionRequired();
  if (!ifMatchAccepts(expected, currentVersion)) throw problems.preconditionFailed(currentVersion);
}

export const etag = (version: number) => `"${version}"`;
