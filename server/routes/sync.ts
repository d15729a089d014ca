import type { ServerResponse } from 'node:http';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { PullQuery, PullResponse } from '../../common/rest/contract.js';
import type { ServerDeps } from '../deps.js';
import { actor } from '../http/auth.js';
import { problems } from '../http/problem.js';
import { RAW_SECURITY_HEADERS } from '../http/security-headers.js';
import { presenceOnDeskConnected } from '../team/presence.js';
import { FeedPages } from '../sync/feed-pages.js';

export const syncRoutes: FastifyPluginAsyncZod<ServerDeps> = async (app, { store, config, accessLog, team }) => {
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

  // Open SSE streams, ended on shutdown so that close() does not wait for desktops to hang up.
  const streams = new Set<ServerResponse>();
  app.addHook('preClose', async () => {
    for (const res of streams) res.end();
  });

  app.get('/events', {
    schema: {
      tags: ['sync'],
      summary: '실시간 알림 (Server-Sent Events: `change` events with id = seq, data SyncPoke)',
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
    let sent = lastEventId ?? 0;
    const poke = (seq: number) => {
      if (seq <= sent || res.writableEnded) return;
      sent = seq;
      res.write(`id: ${seq}\nevent: change\ndata: ${JSON.stringify({ seq })}\n\n`);
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
