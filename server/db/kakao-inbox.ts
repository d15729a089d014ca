import { randomUUID } from 'node:crypto';
import type { Conversation, Message } from '../../common/domain/index.js';
import { createOutboundClaims, type OutboundKind, type OutboundOutcome, type OutboundPayload } from '../delivery/outbound-claims.js';
import type {
  InboundCitizenEvent, InboundFiled, KakaoInboxPort, PendingDelivery,
} from '../channels/kakao/port.js';
import {
  appendMessage, getConversation, insertConversationRow, newConversation, preview, putConversation, systemMessage,
} from './conversations.js';
import { fromJson } from './json.js';
import { replyKind } from './reply-deliveries.js';
import type { Store, WriteTx } from './store.js';
import { isOpenConversationConflict, isTransientConflict } from './unique-violation.js';

const AUDIT_CHANNEL = 'kakao';

/** How often fileInbound starts over after losing a race for the citizen's conversation. */
const FILE_ATTEMPTS = 5;

async function openConversationOf(tx: WriteTx, userKey: string): Promise<Conversation | null> {
  const row = await tx.trx
    .selectFrom('conversations')
    .select('data')
    .where('citizen_key', '=', userKey)
    .where('status', '!=', 'closed')
    .orderBy('created_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row ? fromJson<Conversation>(row.data) : null;
}

/** The citizen's latest conversation, 종료 or not. */
async function latestConversationOf(tx: WriteTx, userKey: string): Promise<Conversation | null> {
  const row = await tx.trx
    .selectFrom('conversations')
    .select('data')
    .where('citizen_key', '=', userKey)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row ? fromJson<Conversation>(row.data) : null;
}

/** What the counsellor sees when the citizen leaves the chat (Kakao chat_end). */
export const CITIZEN_ENDED_CHAT = '시민이 상담을 종료했습니다.';

/** Rolls the filing transaction back: the event was filed before (found under the feed lock). */
class AlreadyFiled extends Error {
  constructor(readonly conversationId: string) {
    super('already filed');
  }
}

/** Rolls the filing transaction back to start over: another writer changed the conversation first. */
class LostRace extends Error {}

/**
 * One attempt at filing an event. A citizen's first conversation is inserted BEFORE the feed
 * lock, so that concurrent first messages meet at the unique index of migration 003 (the loser
 * gets a unique violation and starts over); everything after the lock reads committed state.
 */
async function fileOnce(store: Store, event: InboundCitizenEvent): Promise<InboundFiled> {
  return store.write(null, async (tx) => {
    const seenBefore = await tx.trx.selectFrom('inbound_events').select('conversation_id').where('serial_number', '=', event.serialNumber).executeTakeFirst();
    if (seenBefore) throw new AlreadyFiled(seenBefore.conversation_id);
    const ending = event.event === 'chat_end';
    const found = await openConversationOf(tx, event.userKey);
    let isNew = false;
    // A citizen leaving a chat that is already 종료 is noted there; it opens nothing new.
    if (!found && !(ending && (await latestConversationOf(tx, event.userKey)))) {
      // The row must exist before its first message (foreign key); its feed entry follows below.
      await insertConversationRow(tx, newConversation(event.userKey, tx.now));
      isNew = true;
    }
    await tx.lockFeed();
    // A redelivery of this very event may have been filed meanwhile (another instance).
    const seen = await tx.trx.selectFrom('inbound_events').select('conversation_id').where('serial_number', '=', event.serialNumber).executeTakeFirst();
    if (seen) throw new AlreadyFiled(seen.conversation_id);
    const current = (await openConversationOf(tx, event.userKey)) ?? (ending && !isNew ? await latestConversationOf(tx, event.userKey) : null);
    if (!current) throw new LostRace('the conversation was closed meanwhile');
    if (isNew) await tx.change('conversation', current.id, current);
    const conversation = current;
    const alreadyNoticed = conversation.afterHoursNoticeAt != null;
    const text = event.message.trim();
    // chat_end's text, if any, goes into the system message below (one record, in order).
    const hasMessage = event.event === 'message' || (!ending && text.length > 0);
    let message: Message | null = null;
    const sentAt = Number.isNaN(Date.parse(event.sentAt)) ? tx.now : new Date(event.sentAt).toISOString();
    if (hasMessage) {
      message = await appendMessage(tx, {
        id: randomUUID(),
        conversationId: conversation.id,
        direction: 'inbound',
        kind: event.event !== 'message' ? 'event' : event.messageType === 'IM' ? 'image' : 'text',
        body: event.message.slice(0, 4000),
        imageUrl: event.imageUrl,
        programmeId: null,
        authorId: null,
        delivery: null,
        deliveryError: null,
        createdAt: tx.now,
      }, { serialNumber: event.serialNumber });
    }
    // The citizen left: the counsellor sees it in the conversation. Closing stays theirs to do
    // (it needs the field and a summary), so the status is left alone.
    const ended = ending
      ? await appendMessage(tx, systemMessage(conversation.id, text ? `${CITIZEN_ENDED_CHAT}\n${text}` : CITIZEN_ENDED_CHAT, null, tx.now))
      : null;
    const next: Conversation = { ...conversation, updatedAt: tx.now, version: conversation.version + 1 };
    if (ended) {
      next.lastMessageAt = tx.now;
      next.lastMessagePreview = preview(ended.body);
      if (next.status !== 'closed') {
        next.unreadCount += 1;
        // 보류 "until the citizen's next message": the citizen has left; it is the counsellor's turn.
        if (next.status === 'held' && next.heldUntil === null) next.status = 'open';
      }
    }
    if (message) {
      next.unreadCount += 1;
      next.lastMessageAt = tx.now;
      next.lastMessagePreview = preview(message.kind === 'image' && !message.body ? '(사진)' : message.body);
      next.waitingSince ??= sentAt;
      // 보류 "until the citizen's next message": this is it.
      if (next.status === 'held' && next.heldUntil === null) next.status = 'open';
    }
    await putConversation(tx, next, false);
    await tx.trx
      .insertInto('inbound_events')
      .values({ serial_number: event.serialNumber, conversation_id: next.id, message_id: ended?.id ?? message?.id ?? null, received_at: tx.now })
      .execute();
    await tx.audit('inbound', 'conversation', next.id, `${AUDIT_CHANNEL} ${event.event} ${event.serialNumber}`);
    return { duplicate: false, conversationId: next.id, messageId: ended?.id ?? message?.id ?? null, afterHoursNoticeAlreadySent: alreadyNoticed };
  }, { lockFeedFirst: false });
}

export interface KakaoInboxOptions {
  /**
   * Further kinds of outbound work the channel delivers besides replies and notices (broadcasts):
   * they share the claim, its lease and the per-citizen order (server/delivery/outbound-claims.ts).
   */
  kinds?: readonly OutboundKind[];
  /** Claim lease (default: outbound-claims' default). */
  leaseMs?: number;
}

/** The data layer's side of the Kakao channel port: every call is one transaction with feed entries. */
export function createKakaoInbox(store: Store, options: KakaoInboxOptions = {}): KakaoInboxPort {
  const claims = createOutboundClaims(store, options.leaseMs === undefined ? {} : { leaseMs: options.leaseMs });
  const kinds = new Map<string, OutboundKind>([[replyKind.kind, replyKind], ...(options.kinds ?? []).map((k) => [k.kind, k] as const)]);
  return {
    async fileInbound(event: InboundCitizenEvent): Promise<InboundFiled> {
      for (let attempt = 1; ; attempt++) {
        try {
          return await fileOnce(store, event);
        } catch (err) {
          if (err instanceof AlreadyFiled) {
            const c = await getConversation(store.db, err.conversationId);
            return { duplicate: true, conversationId: err.conversationId, messageId: null, afterHoursNoticeAlreadySent: c?.afterHoursNoticeAt != null };
          }
          // Another event of this citizen (perhaps on another server instance) opened or closed
          // the conversation first: read again and file into the one that won.
          const lost = err instanceof LostRace || isOpenConversationConflict(err) || isTransientConflict(err);
          if (!lost || attempt >= FILE_ATTEMPTS) throw err;
        }
      }
    },

    async recordAfterHoursNotice(conversationId: string, body: string): Promise<string | null> {
      return store.write(null, async (tx) => {
        const c = await getConversation(tx.trx, conversationId);
        if (!c || c.afterHoursNoticeAt) return null;
        const message = await appendMessage(tx, {
          id: randomUUID(),
          conversationId,
          direction: 'outbound',
          kind: 'text',
          body: body.slice(0, 4000),
          imageUrl: null,
          programmeId: null,
          authorId: null,
          delivery: 'pending',
          deliveryError: null,
          createdAt: tx.now,
        }, { deliverTo: c.citizenKey });
        await putConversation(tx, {
          ...c,
          afterHoursNoticeAt: tx.now,
          lastMessageAt: tx.now,
          lastMessagePreview: preview(body),
          updatedAt: tx.now,
          version: c.version + 1,
        }, false);
        await tx.audit('after-hours-notice', 'conversation', conversationId, '운영시간 안내 자동 응답');
        return message.id;
      });
    },

    async claimDeliveries(limit: number, now: Date): Promise<PendingDelivery[]> {
      const claimed = await claims.claim({ limit, now, kinds: [...kinds.keys()] });
      const payloads = new Map<string, OutboundPayload>();
      for (const [name, kind] of kinds) {
        const items = claimed.filter((w) => w.kind === name);
        if (items.length > 0) for (const [id, p] of await kind.load(store.db, items)) payloads.set(id, p);
      }
      const due: PendingDelivery[] = [];
      for (const work of claimed) {
        const p = payloads.get(work.id);
        if (!p) {
          // Its record is gone (destroyed by retention, say): settle it visibly instead of retrying forever.
          await claims.settle(work, { status: 'failed', error: '보낼 기록을 찾을 수 없습니다 (record not found)' }, kinds.get(work.kind)?.settle);
          continue;
        }
        due.push({ messageId: work.id, attempts: work.attempts, work, ...p });
      }
      return due;
    },

    async setDelivery(delivery, outcome): Promise<boolean> {
      const o: OutboundOutcome = outcome.status === 'pending' ? { status: 'retry', error: outcome.error, nextAttemptAt: outcome.nextAttemptAt } : outcome;
      return claims.settle(delivery.work, o, kinds.get(delivery.work.kind)?.settle);
    },
  };
}
