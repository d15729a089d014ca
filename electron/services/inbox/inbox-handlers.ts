import { randomUUID } from 'node:crypto';
import { CRISIS_KIND_LABELS } from '../../../common/crisis/index.js';
import { CALL_NOTICE, CallLog, PHONE_QUESTION, type Conversation, type ConversationPatch, type Message } from '../../../common/domain/index.js';
import { CallLogDraft, DeskError, MESSAGE_PAGE, MESSAGE_PAGE_MAX, type DeskHandlers, type MessageView } from '../../../common/desk-api/index.js';
import { normaliseKoreanPhone } from '../../../common/phone/index.js';
import { maskResidentNumbers } from '../../../common/privacy/index.js';
import type { EventHub } from '../events/event-hub.js';
import { writeClosedChatRecord } from '../calls/closed-chat.js';
import { seenFields } from '../outbox/outbox-payloads.js';
import * as pending from '../outbox/pending-store.js';
import { readCannedReplies, readConversation, readCounsellors } from '../replica/read.js';
import type { SessionService } from '../session/session-service.js';
import type { Store, StoreTx } from '../store/index.js';
import {
  callLogsFor, conversationView, earlierConversations, listConversations, messagePage, openChatCounts, overlayOf, pageConversations,
  withMyUnread, writeReadMark,
} from './inbox-queries.js';

export { CALL_NOTICE, PHONE_QUESTION };

export interface InboxDeps {
  store: Store;
  session: SessionService;
  events: EventHub;
  now: () => Date;
  /** Deliver what was just queued. */
  kick(): void;
  /** Recount unread for the tray badge. */
  refreshBadge(): void;
}

/**
 * The `inbox` namespace: reads over the replica, and every write committed locally (outbox +
 * local pending view, one transaction) before it goes to the server.
 */
export function createInboxHandlers(deps: InboxDeps): Omit<DeskHandlers['inbox'], 'saveCannedReply' | 'deleteCannedReply'> {
  const { store, session, events } = deps;
  const iso = () => deps.now().toISOString();
  const changed = (conversationIds: string[], entities: string[]) => events.emit('inbox:onChange', { conversationIds, entities });

  async function mustGet(tx: StoreTx, id: string): Promise<Conversation> {
    const c = await conversationView(tx, id);
    if (!c) throw new DeskError('not_found', '상담을 찾을 수 없습니다. 목록을 새로 고치세요.');
    return c;
  }

  async function queueMessage(tx: StoreTx, conversationId: string, direction: 'outbound' | 'note', body: string, programmeId: string | null): Promise<MessageView> {
    const me = session.requireCounsellor();
    const id = randomUUID();
    const text = maskResidentNumbers(body.trim());
    const message: Message = {
      id, conversationId, direction, kind: programmeId ? 'programme_card' : 'text', body: text, imageUrl: null, programmeId,
      authorId: me.id, delivery: direction === 'outbound' ? 'pending' : null, deliveryError: null, createdAt: iso(),
    };
    await pending.enqueue(tx, {
      op: 'message.create', recordId: id, lane: conversationId, idempotencyKey: id, baseVersion: null, counsellorId: me.id,
      payload: { conversationId, message: { id, direction, kind: message.kind, body: text, programmeId } },
    }, deps.now(), { entity: 'message', id, conversationId, data: message });
    return { ...message, localState: 'sending', localError: null };
  }

  /** A conversation PATCH: shown at once (its fields laid over the replica), sent with If-Match on the version this desk saw. */
  async function queuePatch(tx: StoreTx, id: string, patch: ConversationPatch, fields: Partial<Conversation>): Promise<Conversation> {
    const me = session.requireCounsellor();
    // What the counsellor sees now (replica + this desk's unconfirmed changes) is what they decided on.
    const view = await mustGet(tx, id);
    const replica = await readConversation(tx, id);
    const overlay = { ...(await overlayOf(tx, id)), ...fields };
    await pending.enqueue(tx, {
      op: 'conversation.patch', recordId: id, lane: id, idempotencyKey: randomUUID(), baseVersion: replica?.version ?? null,
      counsellorId: me.id, payload: { patch, seen: seenFields(view, patch) },
    }, deps.now(), { entity: 'conversation', id, conversationId: id, data: overlay });
    return (await conversationView(tx, id))!;
  }

  async function patchAndNotify(id: string, patch: ConversationPatch, fields: Partial<Conversation>): Promise<Conversation> {
    const c = await store.transaction((tx) => queuePatch(tx, id, patch, fields));
    changed([id], ['conversation']);
    deps.kick();
    return c;
  }

  return {
    list: async ({ view, q, sort }) => listConversations(store, view, q, session.counsellor()?.id ?? null, sort),
    page: async ({ view, q, sort, offset, limit }) => ({
      ...(await pageConversations(store, { view, q, sort, offset, limit }, session.counsellor()?.id ?? null)),
      offset,
    }),
    get: async ({ conversationId, messageLimit }) => {
      const [conversation] = await withMyUnread(store, session.counsellor()?.id ?? null, [await mustGet(store, conversationId)]);
      const earlier = await earlierConversations(store, conversation!);
      // The first page holds every message this counsellor has not read, so "새 메시지" has its place.
      const newest = await messagePage(store, conversationId, null, Math.min(MESSAGE_PAGE_MAX, Math.max(messageLimit ?? MESSAGE_PAGE, conversation!.unreadCount + 10)));
      return {
        conversation: conversation!,
        messages: newest.messages,
        olderCursor: newest.olderCursor,
        earlierConversations: earlier,
        callLogs: await callLogsFor(store, [conversationId, ...earlier.map((c) => c.id)], conversation!.citizenPhone),
      };
    },
    send: async ({ conversationId, direction, body, programmeId }) => {
      session.requireCounsellor();
      const view = await store.transaction(async (tx) => {
        await mustGet(tx, conversationId);
        const v = await queueMessage(tx, conversationId, direction, body, programmeId);
        // What was typed is now in the outbox: the composer starts empty.
        await tx.run("DELETE FROM drafts WHERE kind = 'reply' AND key = ?", [conversationId]);
        return v;
      });
      changed([conversationId], ['message']);
      deps.kick();
      return view;
    },
    retry: async ({ messageId }) => {
      const res = await store.transaction(async (tx) => {
        const item = await pending.failedMessageItem(tx, messageId);
        if (!item) return null;
        await pending.requeue(tx, item, deps.now());
        return { conversation_id: item.lane };
      });
      if (!res) throw new DeskError('not_found', '다시 보낼 메시지가 없습니다 (이미 전송되었을 수 있습니다).');
      changed([res.conversation_id], ['message']);
      deps.kick();
      return { ok: true as const };
    },
    markRead: async ({ conversationId }) => {
      const me = session.requireCounsellor();
      const did = await store.transaction(async (tx) => {
        const replica = await readConversation(tx, conversationId);
        if (!replica) throw new DeskError('not_found', '상담을 찾을 수 없습니다.');
        const [seen] = await withMyUnread(tx, me.id, [replica]);
        if (!seen || seen.unreadCount === 0) return false;
        await writeReadMark(tx, me.id, conversationId, iso());
        // Only the assignee's reading clears the team's "needs answer" state; anyone else's stays theirs.
        if ((await conversationView(tx, conversationId))?.assigneeId !== me.id) return true;
        const read = { ...replica, unreadCount: 0 };
        // Same version: the server's copy (with unread 0) will replace it through the feed.
        await tx.run('UPDATE conversations SET data = ?, unread_count = 0 WHERE id = ?', [JSON.stringify(read), conversationId]);
        await pending.enqueue(tx, {
          op: 'conversation.markRead', recordId: conversationId, lane: `read:${conversationId}`, idempotencyKey: randomUUID(),
          baseVersion: replica.version, counsellorId: me.id, payload: { patch: { markRead: true } },
        }, deps.now());
        return true;
      });
      if (did) {
        changed([conversationId], ['conversation']);
        deps.refreshBadge();
        deps.kick();
      }
      return { ok: true as const };
    },
    claim: async ({ conversationId }) => {
      const me = session.requireCounsellor();
      return patchAndNotify(conversationId, { assigneeId: me.id }, { assigneeId: me.id });
    },
    assign: async ({ conversationId, assigneeId, comment }) =>
      patchAndNotify(conversationId, comment ? { assigneeId, comment } : { assigneeId }, { assigneeId }),
    hold: async ({ conversationId, until, reason }) =>
      patchAndNotify(
        conversationId,
        reason ? { status: 'held', heldUntil: until, comment: reason } : { status: 'held', heldUntil: until },
        { status: 'held', heldUntil: until },
      ),
    unhold: async ({ conversationId }) => {
      const c = await mustGet(store, conversationId);
      if (c.status !== 'held') throw new DeskError('rejected', '보류 중인 상담이 아닙니다. 목록을 새로 고치세요.');
      return patchAndNotify(conversationId, { status: 'open' }, { status: 'open', heldUntil: null });
    },
    reopen: async ({ conversationId }) =>
      patchAndNotify(conversationId, { status: 'open' }, { status: 'open', closedAt: null, heldUntil: null }),
    dismissCrisis: async ({ conversationId, reason }) =>
      patchAndNotify(conversationId, { dismissCrisis: reason }, { crisis: null }),
    recordCrisis: async ({ conversationId }) => {
      const me = session.requireCounsellor();
      const callLogId = randomUUID();
      await store.transaction(async (tx) => {
        const c = await mustGet(tx, conversationId);
        const now = iso();
        const signal = c.crisis;
        const log = CallLog.parse({
          id: callLogId, counsellorId: me.id, createdAt: now, updatedAt: now, version: 0,
          conversationId, channel: 'kakao', startedAt: now, durationSec: 0,
          callerName: c.citizenName, callerPhone: c.citizenPhone ? normaliseKoreanPhone(c.citizenPhone) : null,
          crisis: true, action: 'emergency',
          need: signal ? `[위기가구] ${CRISIS_KIND_LABELS[signal.kind]}: "${signal.phrase}"` : '[위기가구]',
        });
        const { id: _id, counsellorId: _c, createdAt: _ca, updatedAt: _u, version: _v, ...input } = log;
        await pending.enqueue(tx, {
          op: 'callLog.put', recordId: callLogId, lane: callLogId, idempotencyKey: callLogId, baseVersion: null, counsellorId: me.id, payload: input,
        }, deps.now(), { entity: 'callLog', id: callLogId, conversationId, data: log });
      });
      changed([conversationId], ['callLog']);
      events.emit('calls:onChange', { ids: [callLogId] });
      deps.kick();
      return { callLogId };
    },
    close: async ({ conversationId, field, summary }) => {
      const me = session.requireCounsellor();
      const { conversation, callLogId } = await store.transaction(async (tx) => {
        const now = iso();
        const closed = await queuePatch(tx, conversationId, { status: 'closed', field, summary }, {
          status: 'closed', field, summary, closedAt: now, waitingSince: null,
        });
        // The consultation record (상담 기록) of this chat, linked to it: made once, updated on a later close.
        const record = await writeClosedChatRecord(tx, {
          conversation: closed, counsellor: me, field, summary, now,
        });
        return { conversation: closed, callLogId: record.id };
      });
      changed([conversationId], ['conversation', 'callLog']);
      events.emit('calls:onChange', { ids: [callLogId] });
      deps.kick();
      return { conversation, callLogId };
    },
    switchToCall: async ({ conversationId, phone }) => {
      session.requireCounsellor();
      const callLogId = randomUUID();
      const notice = await store.transaction(async (tx) => {
        const c = await mustGet(tx, conversationId);
        const number = normaliseKoreanPhone(phone ?? c.citizenPhone ?? '') ?? null;
        const draft = CallLogDraft.parse({
          id: callLogId, baseVersion: null, conversationId, channel: 'phone', startedAt: iso(), callerName: c.citizenName, callerPhone: number,
        });
        await tx.run("INSERT INTO drafts (kind, key, body, updated_at) VALUES ('callLog', ?, ?, ?)", [callLogId, JSON.stringify(draft), iso()]);
        // Promise a call only with a number to call; otherwise ask the citizen for one.
        await queueMessage(tx, conversationId, 'outbound', number ? CALL_NOTICE : PHONE_QUESTION, null);
        return number ? ('call' as const) : ('askPhone' as const);
      });
      changed([conversationId], ['message']);
      events.emit('calls:onChange', { ids: [callLogId] });
      deps.kick();
      return { callLogId, notice };
    },
    getDraft: async ({ conversationId }) => {
      const row = await store.get<{ body: string }>("SELECT body FROM drafts WHERE kind = 'reply' AND key = ?", [conversationId]);
      if (!row) return { body: '' };
      try {
        const parsed = JSON.parse(row.body) as { body?: unknown };
        return { body: typeof parsed.body === 'string' ? parsed.body : '' };
      } catch {
        return { body: '' };
      }
    },
    saveDraft: async ({ conversationId, body }) => {
      if (body === '') await store.run("DELETE FROM drafts WHERE kind = 'reply' AND key = ?", [conversationId]);
      else {
        await store.run(
          `INSERT INTO drafts (kind, key, body, updated_at) VALUES ('reply', ?, ?, ?)
           ON CONFLICT (kind, key) DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at`,
          [conversationId, JSON.stringify({ body }), iso()],
        );
      }
      return { ok: true as const };
    },
    messages: async ({ conversationId, before, limit }) => messagePage(store, conversationId, before, limit ?? MESSAGE_PAGE),
    openChatCounts: async () => openChatCounts(store),
    cannedReplies: async () => readCannedReplies(store),
    counsellors: async () => readCounsellors(store),
  };
}
