import pg from 'pg';
import type { ChangeNotifier } from './notifier.js';

/**
 * PostgreSQL LISTEN/NOTIFY: every write transaction NOTIFYs its last seq (delivered at commit),
 * and each server instance listens, so SSE clients of one instance hear about writes made by
 * another. Reconnects with backoff; a missed notification costs latency only (the next pull
 * fixes it).
 */
export function pgChannelName(schema: string | null): string {
  return `bokji_changes_${schema ?? 'public'}`;
}

export function startPgListener(opts: {
  url: string;
  schema: string | null;
  notifier: ChangeNotifier;
  onError?: (err: unknown) => void;
}): { close(): Promise<void> } {
  const channel = pgChannelName(opts.schema);
  let client: pg.Client | null = null;
  let closed = false;
  let retryMs = 500;
  let timer: NodeJS.Timeout | null = null;

  const connect = async () => {
    if (closed) return;
    const c = new pg.Client({ connectionString: opts.url });
    client = c;
    c.on('notification', (msg) => {
      const seq = Number(msg.payload);
      if (msg.channel === channel && Number.isFinite(seq)) opts.notifier.notify(seq);
    });
    c.on('error', (err) => {
      opts.onError?.(err);
      reconnect(c);
    });
    c.on('end', () => reconnect(c));
    try {
      await c.connect();
      await c.query(`listen "${channel}"`);
      retryMs = 500;
    } catch (err) {
      opts.onError?.(err);
      reconnect(c);
    }
  };

  const reconnect = (c: pg.Client) => {
    if (closed || client !== c) return;
    client = null;
    c.removeAllListeners('end');
    c.end().catch(() => undefined);
    timer = setTimeout(() => void connect(), retryMs);
    timer.unref();
    retryMs = Math.min(retryMs * 2, 30_000);
  };

  void connect();
  return {
    async close() {
      closed = true;
      if (timer) clearTimeout(timer);
      const c = client;
      client = null;
      if (c) await c.end().catch(() => undefined);
    },
  };
}
