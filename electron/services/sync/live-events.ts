import { createParser } from 'eventsource-parser';
import { SyncPoke } from '../../../common/rest/index.js';
import { type BackoffPolicy, retryDelay } from '../../../common/retry/index.js';
import { RestError, type RestClient } from '../rest/index.js';

export interface LiveEventsDeps {
  rest: RestClient;
  policy: BackoffPolicy;
  /** No byte (not even the server's heartbeat) for this long: the line is dead, reconnect. */
  idleMs?: number;
  /** The server says there is news (up to `seq` when it said so). */
  onPoke(seq: number | null): void;
  onConnected(): void;
  onDisconnected(error: string): void;
  onUnauthenticated(message: string): void;
}

/**
 * Holds GET /events (Server-Sent Events) on the Node side: reconnects with backoff and full
 * jitter, resumes with Last-Event-ID. A lost event only costs latency: every (re)connect pulls.
 */
export function createLiveEvents(deps: LiveEventsDeps) {
  let abort: AbortController | null = null;
  let loop: Promise<void> | null = null;
  let lastEventId: string | null = null;
  let serverRetryMs: number | null = null;
  let wake: (() => void) | null = null;

  async function readStream(body: ReadableStream<Uint8Array>, signal: AbortSignal, onBytes: () => void): Promise<void> {
    const parser = createParser({
      onEvent(ev) {
        if (ev.id) lastEventId = ev.id;
        if (ev.event && ev.event !== 'change' && ev.event !== 'message' && ev.event !== 'poke') return;
        let seq: number | null = null;
        try {
          const parsed = SyncPoke.safeParse(JSON.parse(ev.data));
          if (parsed.success) seq = parsed.data.seq;
        } catch {
          // A poke without a body still means "pull now".
        }
        deps.onPoke(seq);
      },
      onRetry(ms) {
        serverRetryMs = ms;
      },
    });
    const decoder = new TextDecoder();
    const reader = body.getReader();
    try {
      while (!signal.aborted) {
        const { value, done } = await reader.read();
        if (done) break;
        onBytes();
        parser.feed(decoder.decode(value, { stream: true }));
      }
    } finally {
      reader.releaseLock();
    }
  }

  function sleep(ms: number, signal: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      const t = setTimeout(done, ms);
      function done() {
        clearTimeout(t);
        signal.removeEventListener('abort', done);
        wake = null;
        resolve();
      }
      wake = done;
      signal.addEventListener('abort', done, { once: true });
    });
  }

  async function run(signal: AbortSignal): Promise<void> {
    let attempt = 0;
    const idleMs = deps.idleMs ?? 45_000;
    while (!signal.aborted) {
      // One controller per connection, so an idle line can be dropped without stopping the loop.
      const conn = new AbortController();
      const stopConn = () => conn.abort();
      signal.addEventListener('abort', stopConn, { once: true });
      let idle: NodeJS.Timeout | null = null;
      const touch = () => {
        if (idle) clearTimeout(idle);
        idle = setTimeout(() => conn.abort(), idleMs);
        idle.unref?.();
      };
      try {
        touch();
        const res = await deps.rest.openEvents(lastEventId, conn.signal);
        attempt = 0;
        deps.onConnected();
        await readStream(res.body!, conn.signal, touch);
        if (!signal.aborted) deps.onDisconnected('이벤트 스트림이 끊겼습니다 (event stream ended)');
      } catch (err) {
        if (signal.aborted) return;
        if (err instanceof RestError && err.kind === 'unauthenticated') {
          deps.onUnauthenticated(err.message);
          return;
        }
        deps.onDisconnected(conn.signal.aborted ? '이벤트 스트림이 응답하지 않습니다 (event stream idle)' : err instanceof Error ? err.message : String(err));
      } finally {
        if (idle) clearTimeout(idle);
        signal.removeEventListener('abort', stopConn);
      }
      if (signal.aborted) return;
      const floor = serverRetryMs;
      attempt += 1;
      await sleep(retryDelay(attempt, floor, deps.policy), signal);
    }
  }

  return {
    start(): void {
      if (abort) return;
      abort = new AbortController();
      loop = run(abort.signal);
    },
    /** Skip the backoff wait (e.g. the outbox just reached the server). */
    reconnectNow(): void {
      wake?.();
    },
    async stop(): Promise<void> {
      abort?.abort();
      abort = null;
      await loop?.catch(() => undefined);
      loop = null;
    },
  };
}
export type LiveEvents = ReturnType<typeof createLiveEvents>;
