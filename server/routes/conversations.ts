import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Conversation, ConversationPatch, Message, NewMessage, Uuid } from '../../common/domain/index.js';
import { ConversationListQuery, Page } from '../../common/rest/contract.js';
import { findCounsellor } from '../db/counsellors.js';
import {
  appendMessage, citizenOf, findMessage, getConversation, listConversations, listMessages, openConversationOfCitizen,
  putConversation, requeueDelivery, systemMessage,
} from '../db/conversations.js';
import {
  afterMessage, applyPatch, capacityBinds, capacityRefusal, isSameMessage, newMessageRefusal, reopens, retryDelivery, transfersToSomeoneElse,
  TransitionError,
} from '../domain/conversations.js';
import { isOpenConversationConflict } from '../db/unique-violation.js';
import type { ServerDeps } from '../deps.js';
import { requireConversationRouting } from '../auth/need-to-know.js';
import { actor } from '../http/auth.js';
import { etag, idempotencyKeyOf, idempotentWrite, requireIfMatch } from '../http/idempotency.js';
import { problems } from '../http/problem.js';
import { assigneeLoad } from '../team/assignment.js';
import { askSatisfactionAtClose } from '../team/satisfaction.js';

/** The workflow's refusals are the client's to fix: 422 with the rule's sentence. */
const unprocessableOnRefusal = <T>(rule: () => T): T => {
  try {
    return rule();
  } catch (err) {
    if (err instanceof TransitionError) throw problems.unprocessable(err.message);
    throw err;
  }
};

const IdParams = z.object({ id: Uuid });

const reopenConflict = (otherId: string | null) =>
  problems.conflict(
    `이 시민에게는 이미 진행 중인 상담${otherId ? ` (${otherId})` : ''}이 있습니다. 그 상담에서 이어 가세요 (the citizen already has an open conversation; continue there).`,
  );
const MessageListQuery = z.object({
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});

export const conversationRoutes: FastifyPluginAsyncZod<ServerDeps> = async (app, { store, accessLog, pokeOutbound }) => {
  app.get('/conversations', {
    schema: {
      tags: ['conversations'],
      summary: '상담 목록 (conversations, newest activity first)',
      querystring: ConversationListQuery,
      response: { 200: Page(Conversation) },
    },
  }, async (request) => {
    const me = actor(request);
    const { status, assignee, q, cursor, limit } = request.query;
    const search = q?.trim() || undefined;
    const page = await listConversations(store.db, { status, assignee: assignee === 'me' ? me.id : assignee, q: search }, { cursor, limit });
    await accessLog.record(request, { action: search ? 'search' : 'list', entity: 'conversation', rows: page.items.length });
    return page;
  });

  app.get('/conversations/:id', {
    schema: { tags: ['conversations'], summary: '상담 한 건 (one conversation; ETag = version)', params: IdParams, response: { 200: Conversation } },
  }, async (request, reply) => {
    const c = await getConversation(store.db, request.params.id);
    if (!c) throw problems.notFound('상담 (conversation)', request.params.id);
    await accessLog.record(request, { action: 'view', entity: 'conversation', recordId: c.id, subject: { citizenKey: c.citizenKey } });
    reply.header('etag', etag(c.version));
    return c;
  });

  app.patch('/conversations/:id', {
    schema: {
      tags: ['conversations'],
      summary: '상담 상태·담당 변경 (status, assignee, hold, read; If-Match required)',
      params: IdParams,
      body: ConversationPatch,
      response: { 200: Conversation },
    },
  }, async (request, reply) => {
    const me = actor(request);
    const patch = request.body;
    const outcome = await idempotentWrite(store, request, reply, { key: idempotencyKeyOf(request), counsellorId: me.id }, async (tx) => {
      const c = await getConversation(tx.trx, request.params.id);
      if (!c) throw problems.notFound('상담 (conversation)', request.params.id);
      requireIfMatch(request, c.version);
      requireConversationRouting(me, c, patch);
      let assigneeName: string | null = null;
      if (patch.assigneeId) {
        const assignee = await findCounsellor(tx.trx, patch.assigneeId);
        if (!assignee || !assignee.active) throw problems.unprocessable(`배정할 상담원 '${patch.assigneeId}' 이(가) 없거나 비활성입니다 (unknown assignee).`);
        assigneeName = assignee.displayName;
        // The load is read only when the rule can bind (as before: no reads for a supervisor's transfer).
        if (transfersToSomeoneElse(c, patch.assigneeId, me.id) && capacityBinds(me)) {
          const load = await assigneeLoad(tx.trx, assignee.id);
          const refusal = capacityRefusal(me, assignee, load.settings, load.open);
          if (refusal) throw problems.conflict(refusal);
        }
      }
      const applied = unprocessableOnRefusal(() => applyPatch(c, patch, tx.now, { actor: me.displayName, actorId: me.id, assignee: assigneeName }));
      if (reopens(c, applied.next)) {
        // One conversation not yet 종료 per citizen (migration 003): a reopen must not make a second.
        const other = await openConversationOfCitizen(tx.trx, c.citizenKey, c.id);
        if (other) throw reopenConflict(other);
      }
      const notes = [...applied.events, ...(patch.comment?.trim() ? [`메모: ${patch.comment.trim()}`] : [])];
      if (notes.length > 0) {
        await appendMessage(tx, systemMessage(c.id, notes.join('\n'), me.id, tx.now));
      }
      // 종료 by a counsellor: the citizen may get the one satisfaction question (after the line above).
      if (c.status !== 'closed') applied.next = await askSatisfactionAtClose(tx, applied.next);
      try {
        await putConversation(tx, applied.next, false);
      } catch (err) {
        // The citizen's new conversation was opened between the check above and this write.
        if (isOpenConversationConflict(err)) throw reopenConflict(null);
        throw err;
      }
      if (patch.dismissCrisis !== undefined && c.crisis) {
        // Who dismissed which signal and why: the log a supervisor reviews for missed crises.
        await tx.audit('crisis-dismiss', 'conversation', c.id, `${c.crisis.kind} "${c.crisis.phrase}" (${c.crisis.messageId}): ${patch.dismissCrisis.trim()}`.slice(0, 500));
      }
      const fields = Object.keys(patch).filter((k) => k !== 'comment' && k !== 'markRead' && k !== 'dismissCrisis');
      if (fields.length > 0 || patch.comment) {
        await tx.audit('update', 'conversation', c.id, [...fields, ...(patch.comment ? ['comment'] : [])].join(', '));
      }
      return { status: 200, body: applied.next };
    });
    if (!patch.markRead || Object.keys(patch).length > 1) {
      await accessLog.record(request, { action: 'update', entity: 'conversation', recordId: outcome.body.id, subject: { citizenKey: outcome.body.citizenKey } });
    }
    reply.header('etag', etag(outcome.body.version));
    return reply.code(outcome.status as 200).send(outcome.body);
  });

  app.get('/conversations/:id/messages', {
    schema: {
      tags: ['conversations'],
      summary: '대화 메시지 (messages, oldest first)',
      params: IdParams,
      querystring: MessageListQuery,
      response: { 200: Page(Message) },
    },
  }, async (request) => {
    const c = await getConversation(store.db, request.params.id);
    if (!c) throw problems.notFound('상담 (conversation)', request.params.id);
    const page = await listMessages(store.db, c.id, request.query);
    await accessLog.record(request, { action: 'view', entity: 'message', recordId: c.id, subject: { citizenKey: c.citizenKey }, rows: page.items.length });
    return page;
  });

  app.post('/conversations/:id/messages', {
    schema: {
      tags: ['conversations'],
      summary: '답장 또는 내부 메모 (reply delivered via Kakao, or internal note; Idempotency-Key = body.id)',
      params: IdParams,
      body: NewMessage,
      response: { 201: Message },
    },
  }, async (request, reply) => {
    const me = actor(request);
    const input = request.body;
    const key = idempotencyKeyOf(request) ?? input.id;
    // The access-log subject; known from the write unless the response is a stored replay.
    let citizenKey: string | null = null;
    // Beside other replies and webhook filings: the conversation's row lock orders them.
    const outcome = await idempotentWrite(store, request, reply, { key, counsellorId: me.id, lockFeedFirst: false }, async (tx) => {
      const c = await getConversation(tx.trx, request.params.id);
      if (!c) throw problems.notFound('상담 (conversation)', request.params.id);
      citizenKey = c.citizenKey;
      const existing = await findMessage(tx.trx, input.id);
      if (existing) {
        if (isSameMessage(existing, c, input, me.id)) return { status: 201, body: existing };
        throw problems.conflict(`메시지 id '${input.id}' 가 다른 메시지에 이미 쓰였습니다. 새 메시지에는 새 UUID를 쓰세요 (message id already used).`);
      }
      const refusal = newMessageRefusal(c, input);
      if (refusal) throw problems.unprocessable(refusal);
      const message = await appendMessage(tx, {
        id: input.id,
        conversationId: c.id,
        direction: input.direction,
        kind: input.kind,
        body: input.body,
        imageUrl: null,
        programmeId: input.programmeId,
        authorId: me.id,
        // Notes are internal: never delivered to the citizen.
        delivery: input.direction === 'outbound' ? 'pending' : null,
        deliveryError: null,
        createdAt: tx.now,
      }, { deliverTo: c.citizenKey });
      await putConversation(tx, afterMessage(c, message, me.id, tx.now), false);
      await tx.audit('create', 'message', message.id, `${input.direction} in ${c.id}`);
      return { status: 201, body: message };
    });
    if (request.body.direction === 'outbound') pokeOutbound();
    const subject = citizenKey !== null ? { citizenKey } : await citizenOf(store.db, request.params.id);
    await accessLog.record(request, { action: 'create', entity: 'message', recordId: outcome.body.id, subject });
    return reply.code(outcome.status as 201).send(outcome.body);
  });

  app.post('/conversations/:id/messages/:messageId/retry', {
    schema: {
      tags: ['conversations'],
      summary: '실패한 답장 다시 보내기 (retry a failed delivery)',
      params: z.object({ id: Uuid, messageId: Uuid }),
      response: { 200: Message },
    },
  }, async (request) => {
    const me = actor(request);
    const message = await store.write(me.id, async (tx) => {
      const m = await findMessage(tx.trx, request.params.messageId, request.params.id);
      if (!m) throw problems.notFound('메시지 (message)', request.params.messageId);
      const next = unprocessableOnRefusal(() => retryDelivery(m));
      await requeueDelivery(tx, next);
      await tx.audit('retry-delivery', 'message', m.id, 'delivery retried');
      return next;
    });
    pokeOutbound();
    await accessLog.record(request, { action: 'update', entity: 'message', recordId: message.id, subject: await citizenOf(store.db, message.conversationId) });
    return message;
  });
};
