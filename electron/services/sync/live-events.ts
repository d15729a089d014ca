import { createParser } from 'eventsource-parser';
import type { Change } from '../../../common/domain/index.js';
import { SyncPoke, SyncPokeSeq } from '../../../common/rest/index.js';
import { type BackoffPolicy, retryDelay } from '../../../common/retry/index.js';
import { RestError, type RestClient } from '../rest/index.js';

export interface LiveEventsDeps {
  rest: RestClient;
  policy: BackoffPolicy;
  /** No byte (not even the server's heartbeat) for this long: the line is dead, reconnect. */
  idleMs?: number;
  /** The server says there is news (up to `seq` when it said so): pull. */
  onPoke(seq: number | null): void;
  /**
   * The event carried the changes after `after` up to `seq`: apply those after the cursor if
   * the cursor is within that range and say so; false (or a throw) and the desk pulls instead (onPoke).
   */
  applyCarried?(carried: CarriedChanges): Promise<boolean>;
  onConnected(): void;
  onDisconnected(error: string): void;
  onUnauthenticated(message: string): void;
}

export interface CarriedChanges {
  seq: number;
  after: number;
  changes: Change[];
}

/**
 * Holds GET /events (Server-Sent Events) on the Node side: reconnects with backoff and full
 * jitter, resumes with Last-Event-ID. A lost event only costs latency: every (re)connect pulls.
 * An event that carries its changes is applied without a pull when the desk's cursor lies within
 * it (applyCarried); otherwise, or when it does not validate, the desk pulls.
 */
export function createLiveEvents(deps: LiveEventsDeps) {
  let abort: AbortController | null = null;
  let loop: Promise<void> | null = null;
  let lastEventId: string | null = null;
  let serverRetryMs: number | null = null;
  let wake: (() => void) | null = null;
  /** Events are handled one after the other: a carried page is applied before the next event is looked at. */
  let handling: Promise<void> = Promise.resolve();

  function handle(data: string): Promise<void> {
    let poke: SyncPoke | null = null;
    let seq: number | null = null;
    try {
      const body: unknown = JSON.parse(data);
      const parsed = SyncPoke.safeParse(body);
      if (parsed.success) poke = parsed.data;
      // Carried changes that fail validation are dropped: the pull brings them.
      else seq = SyncPokeSeq.safeParse(body).data?.seq ?? null;
    } catch {
      // A poke without a body still means "pull now".
    }
    if (poke) seq = poke.seq;
    const carried = poke?.changes && poke.after !== undefined ? { seq: poke.seq, after: poke.after, changes: poke.changes } : null;
    if (!carried || !deps.applyCarried) {
      deps.onPoke(seq);
      return Promise.resolve();
    }
    return deps.applyCarried(carried).then(
      (applied) => (applied ? undefined : deps.onPoke(seq)),
      () => deps.onPoke(seq),
    );
  }

  async function readStream(body: ReadableStream<Uint8Array>, signal: AbortSignal, onBytes: () => void): Promise<void> {
    const parser = createParser({
      onEvent(ev) {
        if (ev.id) lastEventId = ev.id;
        if (ev.event && ev.event !== 'change' && ev.event !== 'message' && ev.event !== 'poke') return;
        handling = handling.then(() => handle(ev.data)).catch(() => undefined);
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
      // A carried page being applied finishes before the store can be closed.
      await handling;
    },
  };
}
export type LiveEvents = ReturnType<typeof createLiveEvents>;
