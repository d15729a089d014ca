import { randomUUID } from 'node:crypto';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  AccessLogBatch, AccessLogBatchResponse, AccessLogPage, AccessLogQuery, AccessLogReview, AccessLogReviewInput,
  AccessLogReviewList, AccessLogVerifyResponse,
} from '../../common/rest/access-log.js';
import { num } from '../db/json.js';
import type { ServerDeps } from '../deps.js';
import { actor } from '../http/auth.js';
import { toEntry, verifyChain } from './chain.js';

/** A desk event dated this far ahead of the server clock is re-dated to its receipt. */
const FUTURE_SLACK_MS = 10 * 60_000;

export const accessLogRoutes: FastifyPluginAsyncZod<ServerDeps> = async (app, { store, accessLog }) => {
  app.post('/access-log', {
    schema: {
      tags: ['access-log'],
      summary: '접속기록 보내기 (desk events: reads served from the local replica; batch, idempotent by event id)',
      body: AccessLogBatch,
      response: { 200: AccessLogBatchResponse },
    },
  }, async (request) => {
    const me = actor(request);
    const received = Date.now();
    const entries = request.body.events.map((e) => {
      const at = Date.parse(e.at) > received + FUTURE_SLACK_MS ? new Date(received).toISOString() : new Date(e.at).toISOString();
      return {
        ...accessLog.entryFor(request, {
          action: e.action, entity: e.entity, recordId: e.recordId, subject: e.subject, reason: e.reason, rows: e.rows,
          actor: { id: me.id, name: me.displayName },
        }, at),
        id: e.id,
        deskId: e.deskId,
      };
    });
    const recorded = await accessLog.writer.append(entries);
    return { recorded, duplicates: entries.length - recorded };
  });

  app.get('/access-log', {
    schema: {
      tags: ['access-log'],
      summary: '접속기록 조회 (admin; newest first; filters and cursor)',
      querystring: AccessLogQuery,
      response: { 200: AccessLogPage },
    },
    config: { admin: true },
  }, async (request) => {
    const { actor: actorId, subject, recordId, action, from, to, cursor, limit } = request.query;
    let q = store.db.selectFrom('access_log').selectAll();
    if (actorId) q = q.where('actor_id', '=', actorId);
    if (subject) q = q.where('subject_hash', 'in', accessLog.keyer.candidates(subject));
    if (recordId) q = q.where('record_id', '=', recordId);
    if (action) q = q.where('action', '=', action);
    if (from) q = q.where('at', '>=', new Date(from).toISOString());
    if (to) q = q.where('at', '<', new Date(to).toISOString());
    if (cursor) q = q.where('seq', '<', Number(cursor));
    const rows = await q.orderBy('seq', 'desc').limit(limit + 1).execute();
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    return { items: page.map(toEntry), nextCursor: rows.length > limit && last ? String(num(last.seq)) : null };
  });

  app.get('/access-log/verify', {
    schema: {
      tags: ['access-log'],
      summary: '접속기록 위·변조 검증 (admin: recomputes the hash chain)',
      response: { 200: AccessLogVerifyResponse },
    },
    config: { admin: true },
  }, async () => {
    await accessLog.writer.idle();
    return verifyChain(store.db);
  });

  app.post('/access-log/reviews', {
    schema: {
      tags: ['access-log'],
      summary: '접속기록 월간 점검 기록 (admin: period YYYY-MM and note)',
      body: AccessLogReviewInput,
      response: { 201: AccessLogReview },
    },
    config: { admin: true },
  }, async (request, reply) => {
    const me = actor(request);
    const { period, note } = request.body;
    const [y, m] = period.split('-').map(Number) as [number, number];
    const start = new Date(Date.UTC(y, m - 1, 1)).toISOString();
    const end = new Date(Date.UTC(y, m, 1)).toISOString();
    await accessLog.writer.idle();
    const chain = await verifyChain(store.db);
    const count = await store.db
      .selectFrom('access_log')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('at', '>=', start)
      .where('at', '<', end)
      .executeTakeFirstOrThrow();
    const review = {
      id: randomUUID(), period, note, reviewerId: me.id, reviewerName: me.displayName,
      entries: num(count.n as number | string), chainOk: chain.ok, createdAt: new Date().toISOString(),
    };
    await store.db
      .insertInto('access_log_reviews')
      .values({
        id: review.id, period, note, reviewer_id: me.id, reviewer_name: me.displayName, entries: review.entries,
        chain_ok: chain.ok ? 1 : 0, created_at: review.createdAt,
      })
      .execute();
    return reply.code(201).send(review);
  });

  app.get('/access-log/reviews', {
    schema: { tags: ['access-log'], summary: '접속기록 점검 목록 (admin: who reviewed which month)', response: { 200: AccessLogReviewList } },
    config: { admin: true },
  }, async () => {
    const rows = await store.db.selectFrom('access_log_reviews').selectAll().orderBy('created_at', 'desc').execute();
    return {
      items: rows.map((r) => ({
        id: r.id, period: r.period, note: r.note, reviewerId: r.reviewer_id, reviewerName: r.reviewer_name,
        entries: num(r.entries), chainOk: num(r.chain_ok) === 1, createdAt: r.created_at,
      })),
    };
  });
};
