import pg from 'pg';
import type { ChangeNotifier } from './notifier.js';

/**
 * PostgreSQL LISTEN/NOTIFY: every write transaction NOTIFYs its last seq (delivered at commit),
 * and each server instance listens, so SSE clients of one instance hear about writes made by
 * another. Reconnects with backoff; notifications sent while the connection was down are lost,
 * so after every (re)connect the listener reads the latest seq and pokes its clients if the
 * feed grew meanwhile. A missed notification costs latency only (the next pull fixes it).
 */
export function pgChannelName(schema: string | null): string {
  return `bokji_changes_${schema ?? 'public'}`;
}

export interface ListenerLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
}

/** application_name of the listening connection (operators find it in pg_stat_activity). */
export const LISTENER_APPLICATION_NAME = 'bokji-listener';

export interface PgListener {
  close(): Promise<void>;
  /** Connections lost so far (each is logged). */
  readonly drops: number;
}

export function startPgListener(opts: {
  url: string;
  schema: string | null;
  notifier: ChangeNotifier;
  /** Reads the feed's latest seq (after a reconnect: what was missed). */
  latestSeq: () => Promise<number>;
  logger?: ListenerLogger;
}): PgListener {
  const channel = pgChannelName(opts.schema);
  let client: pg.Client | null = null;
  let closed = false;
  let retryMs = 250;
  let timer: NodeJS.Timeout | null = null;
  let drops = 0;
  let downSince: number | null = null;

  const connect = async () => {
    if (closed) return;
    const c = new pg.Client({ connectionString: opts.url, application_name: LISTENER_APPLICATION_NAME });
    client = c;
    c.on('notification', (msg) => {
      const seq = Number(msg.payload);
      if (msg.channel === channel && Number.isFinite(seq)) opts.notifier.notify(seq);
    });
    c.on('error', (err) => reconnect(c, err));
    c.on('end', () => reconnect(c, null));
    try {
      await c.connect();
      await c.query(`listen "${channel}"`);
      if (client !== c) return;
      retryMs = 250;
      // Whatever committed while nobody listened: poke the SSE clients now, not at the next write.
      const before = opts.notifier.latest;
      const latest = await opts.latestSeq();
      opts.notifier.notify(latest);
      if (downSince !== null) {
        opts.logger?.info({ channel, downMs: Date.now() - downSince, missed: Math.max(0, latest - before), drops }, 'change listener reconnected');
        downSince = null;
      }
    } catch (err) {
      reconnect(c, err);
    }
  };

  const reconnect = (c: pg.Client, err: unknown) => {
    if (closed || client !== c) return;
    client = null;
    drops += 1;
    downSince ??= Date.now();
    opts.logger?.warn({ channel, err: err instanceof Error ? err.message : err, retryMs, drops }, 'change listener connection lost; reconnecting');
    c.removeAllListeners('end');
    c.removeAllListeners('error');
    c.on('error', () => undefined);
    c.end().catch(() => undefined);
    timer = setTimeout(() => void connect(), retryMs);
    timer.unref();
    retryMs = Math.min(retryMs * 2, 10_000);
  };

  void connect();
  return {
    get drops() {
      return drops;
    },
    async close() {
      closed = true;
      if (timer) clearTimeout(timer);
      const c = client;
      client = null;
      if (c) await c.end().catch(() => undefined);
    },
  };
}
