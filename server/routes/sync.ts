import type { ServerResponse } from 'node:http';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { PullQuery, PullResponse, SYNC_POKE_CARRY_MAX_BYTES, SYNC_POKE_CARRY_MAX_CHANGE_BYTES, SYNC_POKE_CARRY_MAX_CHANGES } from '../../common/rest/contract.js';
import type { ServerDeps } from '../deps.js';
import { actor, bearerToken } from '../http/auth.js';
import { problems } from '../http/problem.js';
import { RAW_SECURITY_HEADERS } from '../http/security-headers.js';
import { presenceOnDeskConnected } from '../team/presence.js';
import { FeedPages } from '../sync/feed-pages.js';

/** How long one access-log entry covers the changes carried to one stream (after its first batch). */
const CARRY_LOG_WINDOW_MS = 30_000;

export const syncRoutes: FastifyPluginAsyncZod<ServerDeps> = async (app, { store, config, accessLog, team, tokenLookup }) => {
  const pages = new FeedPages(store);
  app.get('/sync/pull', {
    schema: {
      tags: ['sync'],
      summary: '변경 피드 (change feed after a cursor)',
      querystring: PullQuery,
      response: { 200: PullResponse },
    },
  }, async (request, reply) => {
    const cursor = Number(request.query.cursor);
    if (!Number.isSafeInteger(cursor)) {
      throw problems.badRequest(`cursor 가 너무 큽니다. 이전 응답의 cursor 를 그대로 보내세요 (cursor beyond the feed: at most ${Number.MAX_SAFE_INTEGER}).`);
    }
    const page = await pages.page(cursor, request.query.limit);
    // The feed is hot: one entry per pull that handed out records, with their count, not one per row.
    if (page.count > 0) await accessLog.record(request, { action: 'list', entity: 'changes', recordId: `${cursor}..${page.lastSeq}`, rows: page.count });
    // Already serialised against the response schema (sync/feed-pages.ts): a string with a JSON
    // content type is sent as it is, so the type provider's PullResponse is only nominal here.
    return reply.type('application/json; charset=utf-8').send(page.json as unknown as PullResponse);
  });

  /**
   * Builds, for one stream, the event that carries the changes after `after` up to at least
   * `upTo`, or null when they do not fit (then a plain poke). What is carried is exactly what
   * this desk's GET /sync/pull?cursor=`after` would return, under the pull's rules: the token
   * must still pass the auth hook (signed out, deactivated, idle or an admin-set password get
   * plain pokes, their pull answers the 401/403), and the handing out is an access-log entry.
   */
  const carrier = (request: FastifyRequest, counsellorId: string) => {
    const token = bearerToken(request);
    // The auth hook's own lookup and cache (auth.ts): a logout takes effect here as fast as on a pull.
    const stillSignedIn = async (): Promise<boolean> => {
      if (!token) return false;
      const found = await tokenLookup(token);
      return found.kind === 'ok' && found.counsellor.id === counsellorId && !found.mustChangePassword;
    };
    const carry = async (after: number, upTo: number): Promise<{ seq: number; data: string } | null> => {
      // One page shared by all desks that were told the same seq (sync/feed-pages.ts).
      const page = await pages.page(after, SYNC_POKE_CARRY_MAX_CHANGES);
      // Across instances the page may not have the notified commit yet: the pull will.
      if (page.lastSeq === null || page.hasMore || page.lastSeq < upTo || page.largestChangeBytes > SYNC_POKE_CARRY_MAX_CHANGE_BYTES) return null;
      const data = `{"seq":${page.lastSeq},"after":${after},"changes":${page.changesJson}}`;
      if (Buffer.byteLength(data, 'utf8') > SYNC_POKE_CARRY_MAX_BYTES) return null;
      if (!(await stillSignedIn())) return null;
      await logCarried(after, page.lastSeq, page.count);
      return { seq: page.lastSeq, data };
    };
    /**
     * The handing out is access-logged per stream and window, not per event: 200 desks told of 50
     * events a second would be 10,000 entries a second, and their writing held up the webhooks
     * (measured, README). A window's first batch is written before its records leave, as for a
     * pull; the rest of the window is one entry with its seq range and row count, written when
     * the window ends or the stream closes.
     */
    let window: { from: number; to: number; rows: number; timer: NodeJS.Timeout } | null = null;
    const closeWindow = async (): Promise<void> => {
      const w = window;
      window = null;
      if (!w) return;
      clearTimeout(w.timer);
      if (w.rows > 0) await accessLog.record(request, { action: 'list', entity: 'changes', recordId: `${w.from}..${w.to}`, rows: w.rows });
    };
    const logCarried = async (after: number, lastSeq: number, rows: number): Promise<void> => {
      if (window) {
        window.to = lastSeq;
        window.rows += rows;
        return;
      }
      await accessLog.record(request, { action: 'list', entity: 'changes', recordId: `${after}..${lastSeq}`, rows });
      const timer = setTimeout(() => {
        closeWindow().catch((err: unknown) => request.log.error({ err }, 'SSE: could not write the access-log entry of carried changes'));
      }, CARRY_LOG_WINDOW_MS);
      timer.unref();
      window = { from: lastSeq, to: lastSeq, rows: 0, timer };
    };
    return { carry, close: closeWindow };
  };

  // Open SSE streams, ended on shutdown so that close() does not wait for desktops to hang up.
  const streams = new Set<ServerResponse>();
  app.addHook('preClose', async () => {
    for (const res of streams) res.end();
  });

  app.get('/events', {
    schema: {
      tags: ['sync'],
      summary: '실시간 알림 (Server-Sent Events: `change` events with id = seq, data SyncPoke; small batches carry their changes)',
      headers: z.object({ 'last-event-id': z.string().max(32).optional() }).loose(),
    },
  }, async (request, reply) => {
    const me = actor(request);
    const header = request.headers['last-event-id'];
    const lastEventId = typeof header === 'string' && /^\d+$/.test(header.trim()) ? Number(header.trim()) : null;
    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, {
      ...RAW_SECURITY_HEADERS,
      'content-type': 'text/event-stream; charset=utf-8',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    res.write('retry: 2000\n\n');
    const carrying = carrier(request, me.id);
    /** The seq this desk was last told (its Last-Event-ID at first): carried changes start after it. */
    let sent = lastEventId ?? 0;
    // Without a Last-Event-ID the desk's cursor is unknown: the first event is a plain poke, which
    // its pull answers; changes are carried only after a seq the desk was told.
    let known = lastEventId !== null;
    let target = 0;
    let sending = false;
    // One event built at a time, so that events go out in seq order and each carries from the last.
    const flush = async () => {
      if (sending) return;
      sending = true;
      try {
        while (target > sent && !res.writableEnded) {
          const upTo = target;
          let event: { seq: number; data: string } | null = null;
          if (known) {
            try {
              event = await carrying.carry(sent, upTo);
            } catch (err) {
              request.log.warn({ err }, 'SSE: could not carry the changes, sending a plain poke');
            }
          }
          event ??= { seq: upTo, data: JSON.stringify({ seq: upTo }) };
          sent = event.seq;
          known = true;
          if (!res.writableEnded) res.write(`id: ${event.seq}\nevent: change\ndata: ${event.data}\n\n`);
        }
      } finally {
        sending = false;
      }
    };
    const poke = (seq: number) => {
      if (seq <= target || res.writableEnded) return;
      target = seq;
      void flush();
    };
    // Subscribe before reading the latest seq so that nothing committed in between is missed.
    const unsubscribe = store.notifier.subscribe(poke);
    const heartbeat = setInterval(() => {
      if (!res.writableEnded) res.write(': heartbeat\n\n');
    }, config.sseHeartbeatMs);
    streams.add(res);
    // A desk holding this stream keeps its counsellor from going 오프라인 (team/presence.ts).
    const releaseDesk = team.streams.add(me.id);
    const cleanup = () => {
      carrying.close().catch((err: unknown) => request.log.error({ err }, 'SSE: could not write the access-log entry of carried changes'));
      releaseDesk();
      clearInterval(heartbeat);
      unsubscribe();
      streams.delete(res);
    };
    res.on('close', cleanup);
    try {
      await presenceOnDeskConnected(store, me.id);
    } catch (err) {
      request.log.warn({ err }, 'SSE: could not record the desk as connected');
    }
    try {
      poke(await store.latestSeq());
    } catch (err) {
      request.log.warn({ err }, 'SSE: could not read the latest seq');
    }
  });
};
