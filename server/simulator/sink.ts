import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';
import { KakaoOutboundMessage } from '../channels/kakao/event.js';

/**
 * A stand-in for Kakao's send API (KAKAO_SEND_URL): receives outbound replies, answers 2xx (or
 * fails on demand), and records them. Demos, tests and benchmarks point the server at it.
 *   POST /                — a reply (any other path works too); 200 {result:"ok"} or the failure asked for
 *   GET  /messages        — what was received, as JSON, with distinct messages per broadcast_id
 *   POST /_control/fail   — {status, count?, retryAfter?, always?}: fail the next `count` (default 1) replies
 *   POST /_control/reset  — stop failing
 */
const FailControl = z.object({
  status: z.number().int().min(400).max(599),
  count: z.number().int().min(1).max(10_000).default(1),
  retryAfter: z.string().max(64).optional(),
  always: z.boolean().default(false),
  message: z.string().max(500).optional(),
});
export interface SinkRecord {
  receivedAt: string;
  status: number;
  message: KakaoOutboundMessage;
}

export interface SinkFailure {
  status: number;
  retryAfter?: string;
  /** JSON body of the failure, e.g. {message:"..."}; a default message otherwise. */
  body?: unknown;
  /** Fail only requests whose raw body passes this test (e.g. one serial_number); others go through. */
  only?: (rawBody: string) => boolean;
}

export interface KakaoSink {
  url: string;
  port: number;
  /** Valid replies answered 2xx, in arrival order. */
  readonly received: SinkRecord[];
  /** Every POST, whatever its answer. */
  readonly attempts: { status: number; body: string }[];
  /** Fail the next `count` POSTs with this answer. */
  failNext(count: number, failure?: SinkFailure): void;
  /** Fail every POST until called with null. */
  failAlways(failure: SinkFailure | null): void;
  /** Distinct serial numbers received (redeliveries count once). */
  uniqueSerials(): Set<string>;
  /** 구독 소식: distinct messages received per broadcast_id (redeliveries count once). */
  perBroadcast(): Record<string, number>;
  /** Resolves when `count` replies have been received; rejects after `timeoutMs`. */
  waitFor(count: number, timeoutMs?: number): Promise<SinkRecord[]>;
  close(): Promise<void>;
}

export interface KakaoSinkOptions {
  port?: number;
  host?: string;
  /** Largest body accepted (default 64 KiB). */
  bodyLimit?: number;
}

function readBody(req: IncomingMessage, limit: number): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        resolve(null);
        req.resume();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(size > limit ? null : Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  res.end(JSON.stringify(body));
}

function countPerBroadcast(received: readonly SinkRecord[]): Record<string, number> {
  const serials = new Map<string, Set<string>>();
  for (const r of received) {
    const id = r.message.broadcast_id;
    if (!id) continue;
    serials.set(id, (serials.get(id) ?? new Set()).add(r.message.serial_number));
  }
  return Object.fromEntries([...serials].map(([id, s]) => [id, s.size]));
}

export async function startKakaoSink(options: KakaoSinkOptions = {}): Promise<KakaoSink> {
  const bodyLimit = options.bodyLimit ?? 64 * 1024;
  const received: SinkRecord[] = [];
  const attempts: { status: number; body: string }[] = [];
  const failures: SinkFailure[] = [];
  let always: SinkFailure | null = null;
  const waiters = new Set<() => void>();

  const server = createServer((req, res) => {
    void (async () => {
      if (req.method === 'GET' && req.url?.startsWith('/messages')) {
        json(res, 200, { count: received.length, broadcasts: countPerBroadcast(received), messages: received });
        return;
      }
      if (req.method !== 'POST') {
        json(res, 405, { message: 'POST a reply, or GET /messages' }, { allow: 'GET, POST' });
        return;
      }
      const body = await readBody(req, bodyLimit);
      if (req.url?.startsWith('/_control/')) {
        if (req.url.startsWith('/_control/reset')) {
          failures.length = 0;
          always = null;
          return json(res, 200, { result: 'ok' });
        }
        let control: z.infer<typeof FailControl>;
        try {
          control = FailControl.parse(JSON.parse(body ?? ''));
        } catch (err) {
          return json(res, 400, { message: `send {status: 400-599, count?, retryAfter?, always?}: ${(err as Error).message}` });
        }
        const failure: SinkFailure = {
          status: control.status,
          ...(control.retryAfter ? { retryAfter: control.retryAfter } : {}),
          ...(control.message ? { body: { message: control.message } } : {}),
        };
        if (control.always) always = failure;
        else for (let i = 0; i < control.count; i++) failures.push(failure);
        return json(res, 200, { result: 'ok' });
      }
      const answer = (status: number, payload: unknown, headers: Record<string, string> = {}) => {
        attempts.push({ status, body: body ?? '' });
        json(res, status, payload, headers);
      };
      if (body === null) return answer(413, { message: 'body too large' });
      const applies = (f: SinkFailure) => !f.only || f.only(body);
      const queued = failures.findIndex(applies);
      const failure = queued >= 0 ? failures.splice(queued, 1)[0]! : always && applies(always) ? always : null;
      if (failure) {
        return answer(failure.status, failure.body ?? { message: `sink told to fail with ${failure.status}` },
          failure.retryAfter ? { 'retry-after': failure.retryAfter } : {});
      }
      let parsed: unknown;
      try {
        parsed = JSON.parse(body);
      } catch {
        return answer(400, { message: 'body is not JSON' });
      }
      const message = KakaoOutboundMessage.safeParse(parsed);
      if (!message.success) {
        return answer(400, { message: message.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') });
      }
      received.push({ receivedAt: new Date().toISOString(), status: 200, message: message.data });
      answer(200, { result: 'ok', code: 0 });
      for (const wake of waiters) wake();
    })().catch(() => {
      if (!res.headersSent) json(res, 500, { message: 'sink error' });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  const host = options.host ?? '127.0.0.1';

  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${address.port}/`,
    port: address.port,
    received,
    attempts,
    failNext(count, failure = { status: 503 }) {
      for (let i = 0; i < count; i++) failures.push(failure);
    },
    failAlways(failure) {
      always = failure;
    },
    uniqueSerials: () => new Set(received.map((r) => r.message.serial_number)),
    perBroadcast: () => countPerBroadcast(received),
    waitFor(count, timeoutMs = 10_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          if (received.length < count) return;
          cleanup();
          resolve(received.slice(0, count));
        };
        const timer = setTimeout(() => {
          cleanup();
          reject(new Error(`Kakao sink: ${received.length} of ${count} replies after ${timeoutMs} ms`));
        }, timeoutMs);
        const cleanup = () => {
          clearTimeout(timer);
          waiters.delete(check);
        };
        waiters.add(check);
        check();
      });
    },
    close() {
      return new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
