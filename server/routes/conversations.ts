import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Conversation, ConversationPatch, Message, NewMessage, Uuid } from '../../common/domain/index.js';
import { ConversationListQuery, Page } from '../../common/rest/contract.js';
import { findCounsellor } from '../db/counsellors.js';
import {
  appendMessage, applyPatch, getConversation, preview, putConversation, systemMessage, TransitionError,
} from '../db/conversations.js';
import { fromJson } from '../db/json.js';
import { isOpenConversationConflict } from '../db/unique-violation.js';
import { keysetPage, likePattern } from '../db/paging.js';
import type { ServerDeps } from '../deps.js';
import { requireConversationRouting } from '../auth/need-to-know.js';
import { actor } from '../http/auth.js';
import { requeueReply } from '../db/reply-deliveries.js';
import { etag, idempotencyKeyOf, idempotentWrite, requireIfMatch } from '../http/idempotency.js';
import { problems } from '../http/problem.js';
import { sql, type Transaction } from 'kysely';
import type { Counsellor } from '../../common/domain/index.js';
import type { Database } from '../db/schema.js';
import { openChatCounts } from '../team/assignment.js';
import { getTeamSetting } from '../team/settings.js';
import { askSatisfactionAtClose } from '../team/satisfaction.js';

/**
 * A transfer to someone at capacity (while automatic assignment is on) is refused for a
 * counsellor; a supervisor or admin may override it.
 */
async function requireCapacity(trx: Transaction<Database>, me: Counsellor, assignee: Counsellor): Promise<void> {
  if (me.role !== 'counsellor') return;
  const settings = await getTeamSetting(trx, 'assignment');
  if (!settings.enabled) return;
  const open = (await openChatCounts(trx)).get(assignee.id) ?? 0;
  if (open >= settings.maxOpenPerCounsellor) {
    throw problems.conflict(
      `${assignee.displayName} 님은 이미 상담 ${open}건을 맡고 있어 더 배정할 수 없습니다 (최대 ${settings.maxOpenPerCounsellor}건). 팀장에게 요청하세요 (assignee at capacity).`,
    );
  }
}

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
  const citizenOf = async (conversationId: string) => {
    const row = await store.db.selectFrom('conversations').select('citizen_key').where('id', '=', conversationId).executeTakeFirst();
    return row ? { citizenKey: row.citizen_key } : null;
  };

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
    let query = store.db.selectFrom('conversations').select(['id', 'updated_at', 'data']);
    if (status) query = query.where('status', '=', status);
    if (assignee === 'none') query = query.where('assignee_id', 'is', null);
    else if (assignee === 'me') query = query.where('assignee_id', '=', me.id);
    else if (assignee) query = query.where('assignee_id', '=', assignee);
    if (q?.trim()) query = query.where(sql<boolean>`search_text like ${likePattern(q.trim())} escape '\\'`);
    const page = await keysetPage(query, { column: 'updated_at', order: 'desc', cursor, limit });
    await accessLog.record(request, { action: q?.trim() ? 'search' : 'list', entity: 'conversation', rows: page.rows.length });
    return { items: page.rows.map((r) => fromJson<Conversation>(r.data)), nextCursor: page.nextCursor };
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
        if (patch.assigneeId !== c.assigneeId && patch.assigneeId !== me.id) await requireCapacity(tx.trx, me, assignee);
      }
      let applied: ReturnType<typeof applyPatch>;
      try {
        applied = applyPatch(c, patch, tx.now, { actor: me.displayName, actorId: me.id, assignee: assigneeName });
      } catch (err) {
        if (err instanceof TransitionError) throw problems.unprocessable(err.message);
        throw err;
      }
      if (c.status === 'closed' && applied.next.status !== 'closed') {
        // One conversation not yet 종료 per citizen (migration 003): a reopen must not make a second.
        const other = await tx.trx
          .selectFrom('conversations')
          .select('id')
          .where('citizen_key', '=', c.citizenKey)
          .where('status', '!=', 'closed')
          .where('id', '!=', c.id)
          .executeTakeFirst();
        if (other) throw reopenConflict(other.id);
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
    const { cursor, limit } = request.query;
    const query = store.db.selectFrom('messages').select(['id', 'created_at', 'data']).where('conversation_id', '=', c.id);
    const page = await keysetPage(query, { column: 'created_at', order: 'asc', cursor, limit });
    await accessLog.record(request, { action: 'view', entity: 'message', recordId: c.id, subject: { citizenKey: c.citizenKey }, rows: page.rows.length });
    return { items: page.rows.map((r) => fromJson<Message>(r.data)), nextCursor: page.nextCursor };
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
      const exists = await tx.trx.selectFrom('messages').select('data').where('id', '=', input.id).executeTakeFirst();
      if (exists) {
        // The same message again (its stored response was lost): the client UUID makes it idempotent.
        const m = fromJson<Message>(exists.data);
        if (m.conversationId === c.id && m.direction === input.direction && m.kind === input.kind && m.authorId === me.id) {
          return { status: 201, body: m };
        }
        throw problems.conflict(`메시지 id '${input.id}' 가 다른 메시지에 이미 쓰였습니다. 새 메시지에는 새 UUID를 쓰세요 (message id already used).`);
      }
      if (input.kind === 'programme_card' && !input.programmeId) {
        throw problems.unprocessable('programme_card 메시지에는 programmeId 가 필요합니다 (programme card needs programmeId).');
      }
      if (input.direction === 'outbound' && c.status === 'closed') {
        throw problems.unprocessable('종료된 상담에는 답장할 수 없습니다. 먼저 다시 여세요 (conversation is closed; reopen it first).');
      }
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
      const next: Conversation = { ...c, updatedAt: tx.now, version: c.version + 1 };
      if (input.direction === 'outbound') {
        next.lastMessageAt = tx.now;
        next.lastMessagePreview = preview(message.body);
        next.waitingSince = null;
        next.unreadCount = 0;
        // The first reply claims an unassigned conversation.
        next.assigneeId ??= me.id;
        if (next.status === 'waiting') next.status = 'open';
      }
      await putConversation(tx, next, false);
      await tx.audit('create', 'message', message.id, `${input.direction} in ${c.id}`);
      return { status: 201, body: message };
    });
    if (request.body.direction === 'outbound') pokeOutbound();
    const subject = citizenKey !== null ? { citizenKey } : await citizenOf(request.params.id);
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
      const row = await tx.trx
        .selectFrom('messages')
        .select(['data', 'delivery'])
        .where('id', '=', request.params.messageId)
        .where('conversation_id', '=', request.params.id)
        .executeTakeFirst();
      if (!row) throw problems.notFound('메시지 (message)', request.params.messageId);
      const m = fromJson<Message>(row.data);
      if (m.delivery !== 'failed') throw problems.unprocessable('전송 실패한 답장만 다시 보낼 수 있습니다 (only failed deliveries can be retried).');
      const next: Message = { ...m, delivery: 'pending', deliveryError: null };
      await tx.trx
        .updateTable('messages')
        .set({ delivery: 'pending', next_attempt_at: null, data: JSON.stringify(next) })
        .where('id', '=', m.id)
        .execute();
      await requeueReply(tx, m.id, m.conversationId);
      await tx.change('message', m.id, next);
      await tx.audit('retry-delivery', 'message', m.id, 'delivery retried');
      return next;
    });
    pokeOutbound();
    await accessLog.record(request, { action: 'update', entity: 'message', recordId: message.id, subject: await citizenOf(message.conversationId) });
    return message;
  });
};
