import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Uuid } from '../../common/domain/index.js';
import {
  AudienceQuery, Broadcast, BroadcastCreate, BroadcastReport, BroadcastListQuery, BroadcastPatch, BroadcastRecipient, RecipientListQuery,
} from '../../common/subscriptions/index.js';
import type { WriteTx } from '../db/store.js';
import type { ServerDeps } from '../deps.js';
import { actor } from '../http/auth.js';
import { etag, idempotencyKeyOf, idempotentWrite, ifMatchAccepts, ifMatchOf } from '../http/idempotency.js';
import { problems } from '../http/problem.js';
import { cancelUnsent, dequeueWork } from './claims.js';
import { audienceOf, requireKnownTopics } from '../subscriptions/store.js';
import {
  broadcastReport, freezeAudience, getBroadcast, getRecord, listBroadcasts, listRecipients, newRecord, patched, saveRecord,
  type BroadcastRecord,
} from './store.js';

export interface BroadcastRouteOptions extends ServerDeps {
  /** Wakes the notice sender (approved, resumed). */
  pokeBroadcasts(): void;
}

const IdParams = z.object({ id: Uuid });
const STAFF = { roles: ['supervisor', 'admin'] as const };
const LABEL = '구독 소식 (notice)';

const conflictState = (r: BroadcastRecord, doing: string) =>
  problems.conflict(`이 소식은 '${r.status}' 상태라서 ${doing}할 수 없습니다 (notice is ${r.status}).`);

export const broadcastRoutes: FastifyPluginAsyncZod<BroadcastRouteOptions> = async (app, { store, accessLog, pokeBroadcasts }) => {
  /** One state transition of a notice, in one transaction; returns it with its counts. */
  const transition = async (id: string, actorId: string, fn: (r: BroadcastRecord, tx: WriteTx) => Promise<BroadcastRecord>) => {
    const r = await store.write(actorId, async (tx) => {
      const current = await getRecord(tx.trx, id);
      if (!current) throw problems.notFound(LABEL, id);
      const next = await fn(current, tx);
      await saveRecord(tx, next, false);
      return next;
    });
    const b = await getBroadcast(store.db, r.id);
    return b!;
  };

  app.get('/broadcasts/audience', {
    schema: {
      tags: ['broadcasts'], summary: '지금 보내면 받는 구독자 수 (live audience of a draft)', querystring: AudienceQuery,
      response: { 200: z.object({ count: z.number().int() }) },
    },
    config: STAFF,
  }, async (request) => ({ count: (await audienceOf(store.db, request.query)).length }));

  app.post('/broadcasts', {
    schema: { tags: ['broadcasts'], summary: '소식 작성 (draft; supervisor/admin; Idempotency-Key)', body: BroadcastCreate, response: { 201: Broadcast } },
    config: STAFF,
  }, async (request, reply) => {
    const me = actor(request);
    const input = request.body;
    const outcome = await idempotentWrite(store, request, reply, { key: idempotencyKeyOf(request) ?? input.id, counsellorId: me.id }, async (tx) => {
      if (await getRecord(tx.trx, input.id)) throw problems.conflict(`소식 id '${input.id}' 가 이미 있습니다 (id already used).`);
      await requireKnownTopics(tx.trx, input.topics);
      const r = newRecord(input, me, tx.now);
      await saveRecord(tx, r, true);
      await tx.audit('create', 'broadcast', r.id, r.title);
      return { status: 201, body: { ...r, counts: { targeted: 0, pending: 0, delivered: 0, failed: 0, optedOut: 0, cancelled: 0 } } satisfies Broadcast };
    });
    reply.header('etag', etag(outcome.body.version));
    return reply.code(201).send(outcome.body);
  });

  app.patch('/broadcasts/:id', {
    schema: { tags: ['broadcasts'], summary: '작성 중인 소식 수정 (draft only; If-Match optional)', params: IdParams, body: BroadcastPatch, response: { 200: Broadcast } },
    config: STAFF,
  }, async (request, reply) => {
    const me = actor(request);
    const b = await transition(request.params.id, me.id, async (r, tx) => {
      if (r.status !== 'draft') throw conflictState(r, '수정');
      const expected = ifMatchOf(request);
      if (expected !== null && !ifMatchAccepts(expected, r.version)) throw problems.preconditionFailed(r.version);
      if (request.body.topics) await requireKnownTopics(tx.trx, request.body.topics);
      const next = patched(r, request.body, tx.now);
      await tx.audit('update', 'broadcast', r.id, next.title);
      return next;
    });
    reply.header('etag', etag(b.version));
    return b;
  });

  app.post('/broadcasts/:id/submit', {
    schema: { tags: ['broadcasts'], summary: '승인 요청 (draft -> submitted)', params: IdParams, response: { 200: Broadcast } },
    config: STAFF,
  }, async (request) => {
    const me = actor(request);
    return transition(request.params.id, me.id, async (r, tx) => {
      if (r.status === 'submitted') return r;
      if (r.status !== 'draft') throw conflictState(r, '승인 요청');
      await tx.audit('submit', 'broadcast', r.id, r.title);
      return { ...r, status: 'submitted', submittedAt: tx.now, updatedAt: tx.now, version: r.version + 1 };
    });
  });

  app.post('/broadcasts/:id/approve', {
    schema: {
      tags: ['broadcasts'],
      summary: '승인 (another supervisor/admin than the author; freezes the audience; -> scheduled or sending)',
      params: IdParams, response: { 200: Broadcast },
    },
    config: STAFF,
  }, async (request) => {
    const me = actor(request);
    const b = await transition(request.params.id, me.id, async (r, tx) => {
      if (r.authorId === me.id) throw problems.forbidden('작성자는 자기 소식을 승인할 수 없습니다. 다른 팀장이나 관리자가 승인해야 합니다 (four-eyes rule: the author cannot approve).');
      if (r.status !== 'submitted') throw conflictState(r, '승인');
      const audience = await freezeAudience(tx, r);
      const later = r.scheduledAt !== null && r.scheduledAt > tx.now;
      await tx.audit('approve', 'broadcast', r.id, `${r.title} (${audience} recipients)`);
      return {
        ...r, status: later ? 'scheduled' : 'sending', approvedById: me.id, approvedByName: me.displayName, approvedAt: tx.now,
        updatedAt: tx.now, version: r.version + 1,
      };
    });
    pokeBroadcasts();
    return b;
  });

  app.post('/broadcasts/:id/cancel', {
    schema: { tags: ['broadcasts'], summary: '취소 (stops what is not sent yet)', params: IdParams, response: { 200: Broadcast } },
    config: STAFF,
  }, async (request) => {
    const me = actor(request);
    return transition(request.params.id, me.id, async (r, tx) => {
      if (r.status === 'cancelled') return r;
      if (r.status === 'sent') throw conflictState(r, '취소');
      await dequeueWork(tx, r.id, 'cancelled');
      await cancelUnsent(tx, r.id);
      await tx.audit('cancel', 'broadcast', r.id, r.title);
      return { ...r, status: 'cancelled', pausedReason: null, cancelledAt: tx.now, updatedAt: tx.now, version: r.version + 1 };
    });
  });

  app.post('/broadcasts/:id/pause', {
    schema: { tags: ['broadcasts'], summary: '발송 일시 정지 (sending -> paused)', params: IdParams, response: { 200: Broadcast } },
    config: STAFF,
  }, async (request) => {
    const me = actor(request);
    return transition(request.params.id, me.id, async (r, tx) => {
      if (r.status === 'paused') return r;
      if (r.status !== 'sending' && r.status !== 'scheduled') throw conflictState(r, '일시 정지');
      await dequeueWork(tx, r.id, 'paused');
      await tx.audit('pause', 'broadcast', r.id, r.title);
      return { ...r, status: 'paused', pausedReason: 'manual', updatedAt: tx.now, version: r.version + 1 };
    });
  });

  app.post('/broadcasts/:id/resume', {
    schema: { tags: ['broadcasts'], summary: '발송 재개 (paused -> sending)', params: IdParams, response: { 200: Broadcast } },
    config: STAFF,
  }, async (request) => {
    const me = actor(request);
    const b = await transition(request.params.id, me.id, async (r, tx) => {
      if (r.status === 'sending') return r;
      if (r.status !== 'paused') throw conflictState(r, '재개');
      await tx.audit('resume', 'broadcast', r.id, r.title);
      return { ...r, status: 'sending', pausedReason: null, updatedAt: tx.now, version: r.version + 1 };
    });
    pokeBroadcasts();
    return b;
  });

  app.get('/broadcasts', {
    schema: { tags: ['broadcasts'], summary: '소식 목록 (newest first, with counts)', querystring: BroadcastListQuery, response: { 200: z.object({ items: z.array(Broadcast) }) } },
    config: STAFF,
  }, async (request) => ({ items: await listBroadcasts(store.db, request.query.status, request.query.limit) }));

  app.get('/broadcasts/:id', {
    schema: { tags: ['broadcasts'], summary: '소식 (with counts {targeted, pending, delivered, failed, optedOut, cancelled})', params: IdParams, response: { 200: Broadcast } },
    config: STAFF,
  }, async (request, reply) => {
    const b = await getBroadcast(store.db, request.params.id);
    if (!b) throw problems.notFound(LABEL, request.params.id);
    reply.header('etag', etag(b.version));
    return b;
  });

  app.get('/broadcasts/:id/recipients', {
    schema: {
      tags: ['broadcasts'], summary: '받는 사람별 상태 (masked, paged)', params: IdParams, querystring: RecipientListQuery,
      response: { 200: z.object({ items: z.array(BroadcastRecipient), nextCursor: z.string().nullable() }) },
    },
    config: STAFF,
  }, async (request) => {
    if (!(await getRecord(store.db, request.params.id))) throw problems.notFound(LABEL, request.params.id);
    const { status, cursor, limit } = request.query;
    const page = await listRecipients(store.db, request.params.id, status, cursor ? Number(cursor) : 0, limit);
    await accessLog.record(request, { action: 'list', entity: 'broadcast_recipient', recordId: request.params.id, rows: page.items.length });
    return page;
  });

  app.get('/broadcasts/:id/report', {
    schema: { tags: ['broadcasts'], summary: '발송 결과 (counts, deliveries per minute, failures by reason, opt-outs after it)', params: IdParams, response: { 200: BroadcastReport } },
    config: STAFF,
  }, async (request) => {
    const b = await getBroadcast(store.db, request.params.id);
    if (!b) throw problems.notFound(LABEL, request.params.id);
    return broadcastReport(store.db, b);
  });
};
