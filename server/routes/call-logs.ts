import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CallLog, CallLogInput, Uuid } from '../../common/domain/index.js';
import { CallLogHistoryResponse, CallLogListQuery, Page } from '../../common/rest/contract.js';
import { callLogHistory, createCallLog, getCallLog, listCallLogs, updateCallLog } from '../db/call-logs.js';
import { assigneeOf, citizenOf } from '../db/conversations.js';
import type { ServerDeps } from '../deps.js';
import type { AccessSubjectInput } from '../../common/rest/access-log.js';
import { requireCallLogChange } from '../auth/need-to-know.js';
import type { Store } from '../db/store.js';
import { actor } from '../http/auth.js';
import { etag, hasStoredResponse, idempotencyKeyOf, idempotentWrite, ifMatchAccepts, ifMatchOf } from '../http/idempotency.js';
import { problems } from '../http/problem.js';

const IdParams = z.object({ id: Uuid });

/** Whose data a call log holds: the caller's number, else the citizen of its conversation. */
async function subjectOf(store: Store, log: CallLog): Promise<AccessSubjectInput | null> {
  if (log.callerPhone) return { phone: log.callerPhone };
  return log.conversationId ? citizenOf(store.db, log.conversationId) : null;
}

export const callLogRoutes: FastifyPluginAsyncZod<ServerDeps> = async (app, { store, accessLog }) => {
  app.get('/call-logs', {
    schema: {
      tags: ['call-logs'],
      summary: '상담 기록 목록 (call logs, newest first, filtered)',
      querystring: CallLogListQuery,
      response: { 200: Page(CallLog) },
    },
  }, async (request) => {
    const { from, to, counsellor, field, channel, action, phone, q, cursor, limit } = request.query;
    const page = await listCallLogs(store.db, {
      from: from ? new Date(from).toISOString() : undefined,
      to: to ? new Date(to).toISOString() : undefined,
      counsellor, field, channel, action,
      phone: phone ? phone.replace(/\D/g, '') : undefined,
      q: q?.trim() || undefined,
    }, { cursor, limit });
    const searched = !!(q?.trim() || phone);
    await accessLog.record(request, {
      action: searched ? 'search' : 'list', entity: 'call_log', rows: page.items.length, subject: phone ? { phone } : null,
    });
    return page;
  });

  app.get('/call-logs/:id', {
    schema: { tags: ['call-logs'], summary: '상담 기록 한 건 (one call log; ETag = version)', params: IdParams, response: { 200: CallLog } },
  }, async (request, reply) => {
    const log = await getCallLog(store.db, request.params.id);
    if (!log) throw problems.notFound('상담 기록 (call log)', request.params.id);
    await accessLog.record(request, { action: 'view', entity: 'call_log', recordId: log.id, subject: await subjectOf(store, log) });
    reply.header('etag', etag(log.version));
    return log;
  });

  app.put('/call-logs/:id', {
    schema: {
      tags: ['call-logs'],
      summary: '상담 기록 저장 (create with the client UUID, or update with If-Match)',
      params: IdParams,
      body: CallLogInput,
      response: { 200: CallLog, 201: CallLog },
    },
  }, async (request, reply) => {
    const me = actor(request);
    const id = request.params.id;
    const expected = ifMatchOf(request);
    const explicitKey = idempotencyKeyOf(request);
    const key = explicitKey ?? (expected === null ? id : null);
    if (!explicitKey && expected === null && (await getCallLog(store.db, id)) && !(await hasStoredResponse(store, request, id))) {
      // An edit of an existing record that forgot If-Match, not a retry of the create.
      throw problems.preconditionRequired();
    }
    const outcome = await idempotentWrite(store, request, reply, { key, counsellorId: me.id }, async (tx) => {
      const previous = await getCallLog(tx.trx, id);
      if (!previous) {
        if (expected !== null && expected !== '*') throw problems.notFound('상담 기록 (call log)', id);
        return { status: 201, body: await createCallLog(tx, id, request.body, me.id) };
      }
      if (expected === null) throw problems.preconditionRequired();
      requireCallLogChange(me, previous, await assigneeOf(tx.trx, previous.conversationId));
      if (!ifMatchAccepts(expected, previous.version)) throw problems.preconditionFailed(previous.version);
      return { status: 200, body: await updateCallLog(tx, previous, request.body, me.id) };
    });
    await accessLog.record(request, {
      action: outcome.status === 201 ? 'create' : 'update', entity: 'call_log', recordId: outcome.body.id, subject: await subjectOf(store, outcome.body),
    });
    reply.header('etag', etag(outcome.body.version));
    return reply.code(outcome.status as 200 | 201).send(outcome.body);
  });

  app.get('/call-logs/:id/history', {
    schema: {
      tags: ['call-logs'],
      summary: '상담 기록 수정 이력 (who changed which fields from → to)',
      params: IdParams,
      response: { 200: CallLogHistoryResponse },
    },
  }, async (request) => {
    const log = await getCallLog(store.db, request.params.id);
    if (!log) throw problems.notFound('상담 기록 (call log)', request.params.id);
    await accessLog.record(request, { action: 'view', entity: 'call_log_history', recordId: log.id, subject: await subjectOf(store, log) });
    return { revisions: await callLogHistory(store.db, log.id) };
  });
};
