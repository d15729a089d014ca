import { randomUUID } from 'node:crypto';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  AccessLogBatch, AccessLogBatchResponse, AccessLogPage, AccessLogQuery, AccessLogReview, AccessLogReviewInput,
  AccessLogReviewList, AccessLogVerifyResponse,
} from '../../common/rest/access-log.js';
import type { ServerDeps } from '../deps.js';
import { actor } from '../http/auth.js';
import { verifyChain } from './chain.js';
import { monthRange } from './review.js';
import { countEntriesBetween, insertReview, listReviews, searchAccessLog } from './store.js';

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
    return searchAccessLog(store.db, {
      actorId,
      subjectHashes: subject ? accessLog.keyer.candidates(subject) : undefined,
      recordId,
      action,
      from: from ? new Date(from).toISOString() : undefined,
      to: to ? new Date(to).toISOString() : undefined,
      beforeSeq: cursor ? Number(cursor) : undefined,
      limit,
    });
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
    const { start, end } = monthRange(period);
    await accessLog.writer.idle();
    const chain = await verifyChain(store.db);
    const entries = await countEntriesBetween(store.db, start, end);
    const review = {
      id: randomUUID(), period, note, reviewerId: me.id, reviewerName: me.displayName,
      entries, chainOk: chain.ok, createdAt: new Date().toISOString(),
    };
    await insertReview(store.db, review);
    return reply.code(201).send(review);
  });

  app.get('/access-log/reviews', {
    schema: { tags: ['access-log'], summary: '접속기록 점검 목록 (admin: who reviewed which month)', response: { 200: AccessLogReviewList } },
    config: { admin: true },
  }, async () => ({ items: await listReviews(store.db) }));
};
