import { randomUUID } from 'node:crypto';
import { CRISIS_PRIORITY, detectCrisis } from '../../common/crisis/index.js';
import { SATISFACTION_THANKS, awaitsSatisfactionAnswer, parseSatisfactionAnswer } from '../../common/team/satisfaction.js';
import { noteSatisfactionAnswer } from '../team/satisfaction.js';
import { Conversation, type CrisisSignal, type Message } from '../../common/domain/index.js';
import { createOutboundClaims, type OutboundKind, type OutboundOutcome, type OutboundPayload } from '../delivery/outbound-claims.js';
import type {
  InboundCitizenEvent, InboundFiled, KakaoInboxPort, PendingDelivery,
} from '../channels/kakao/port.js';
import {
  appendMessage, automaticReply, getConversation, insertConversationRow, newConversation, putConversation, systemMessage,
} from './conversations.js';
import { preview } from '../domain/conversations.js';
import { parseStored } from './json.js';
import { replyKind } from './reply-deliveries.js';
import { lockingRead, type Store, type WriteTx } from './store.js';
import { isOpenConversationConflict, isTransientConflict, isUniqueViolation } from './unique-violation.js';

const AUDIT_CHANNEL = 'kakao';

/** The signal still waiting for its automatic answer, if any. */
const crisisToAnswer = (c: Conversation | null): InboundFiled['crisisToAnswer'] =>
  c?.crisis && !(c.crisisAnsweredAt && c.crisisAnsweredAt >= c.crisis.at) ? { kind: c.crisis.kind, messageId: c.crisis.messageId } : null;

/**
 * The conversation's signal after this message: raised when it had none, replaced when the new
 * one is more urgent (a 생계 question that turns into 죽고 싶어요 shows the 109 card), else kept.
 */
function nextCrisis(current: CrisisSignal | null, message: Message, at: string): CrisisSignal | null {
  const found = message.direction === 'inbound' && message.body ? detectCrisis(message.body) : null;
  if (!found) return current;
  if (current && CRISIS_PRIORITY.indexOf(current.kind) <= CRISIS_PRIORITY.indexOf(found.kind)) return current;
  return { kind: found.kind, phrase: found.phrase, messageId: message.id, at };
}

/** How often fileInbound starts over after losing a race for the citizen's conversation. */
const FILE_ATTEMPTS = 5;

/**
 * An automatic answer to the citizen (운영시간 안내, the 24-hour crisis lines), queued for
 * delivery in the same transaction, with the conversation's stamps. The list preview keeps the
 * citizen's question: an automatic reply says nothing about who asked what.
 */
async function appendAutomaticAnswer(tx: WriteTx, c: Conversation, body: string, stamps: Partial<Conversation>): Promise<string> {
  const message = await appendMessage(tx, automaticReply(c.id, body, tx.now), { deliverTo: c.citizenKey });
  await putConversation(tx, { ...c, ...stamps, lastMessageAt: tx.now, updatedAt: tx.now, version: c.version + 1 }, false);
  return message.id;
}

async function openConversationOf(tx: WriteTx, userKey: string): Promise<Conversation | null> {
  const row = await tx.trx
    .selectFrom('conversations')
    .select('data')
    .where('citizen_key', '=', userKey)
    .where('status', '!=', 'closed')
    .orderBy('created_at', 'desc')
    .limit(1)
    .$if(lockingRead(tx.trx), (qb) => qb.forUpdate())
    .executeTakeFirst();
  return row ? parseStored(Conversation, row.data, 'conversations') : null;
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
    .$if(lockingRead(tx.trx), (qb) => qb.forUpdate())
    .executeTakeFirst();
  return row ? parseStored(Conversation, row.data, 'conversations') : null;
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
 * One attempt at filing an event, beside other filings and replies (row locks, not the writers'
 * exclusive lock). A citizen's first conversation is inserted first, so that concurrent first
 * messages meet at the unique index of migration 003 (the loser gets a unique violation and
 * starts over); the conversation is then read with its row lock, so what follows reads what the
 * previous writer of this conversation committed.
 */
async function fileOnce(store: Store, event: InboundCitizenEvent): Promise<InboundFiled> {
  return store.write(null, async (tx) => {
    const seenBefore = await tx.trx.selectFrom('inbound_events').select('conversation_id').where('serial_number', '=', event.serialNumber).executeTakeFirst();
    if (seenBefore) throw new AlreadyFiled(seenBefore.conversation_id);
    const ending = event.event === 'chat_end';
    const found = await openConversationOf(tx, event.userKey);
    if (!found && event.event === 'message' && event.messageType === 'TX') {
      const answered = await fileSatisfactionAnswer(tx, event);
      if (answered) return answered;
    }
    let isNew = false;
    // A citizen leaving a chat that is already 종료 is noted there; it opens nothing new.
    if (!found && !(ending && (await latestConversationOf(tx, event.userKey)))) {
      // The row must exist before its first message (foreign key); its feed entry follows below.
      await insertConversationRow(tx, newConversation(event.userKey, tx.now));
      isNew = true;
    }
    const locked = (await openConversationOf(tx, event.userKey)) ?? (ending && !isNew ? await latestConversationOf(tx, event.userKey) : null);
    // A redelivery of this very event may have been filed meanwhile (another instance), while we waited for the row.
    const seen = await tx.trx.selectFrom('inbound_events').select('conversation_id').where('serial_number', '=', event.serialNumber).executeTakeFirst();
    if (seen) throw new AlreadyFiled(seen.conversation_id);
    const current = locked;
    if (!current) throw new LostRace('the conversation was closed meanwhile');
    if (isNew) await tx.change('conversation', current.id, current);
    const conversation = current;
    const alreadyNoticed = conversation.afterHoursNoticeAt != null;
    const text = event.message.trim();
    // chat_end's text, if any, goes into the system message below (one record, in order).
    const hasMessage = event.event === 'message' || (!ending && text.length > 0);
    let message: Message | null = null;
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
      // Waiting is measured from when the server received it: the provider's clock (or a
      // forged time) must not make a citizen look long- or never-waiting.
      next.waitingSince ??= tx.now;
      // 보류 "until the citizen's next message": this is it.
      if (next.status === 'held' && next.heldUntil === null) next.status = 'open';
      // Every citizen message is read for a crisis (common/crisis), before anyone opens it.
      next.crisis = nextCrisis(conversation.crisis ?? null, message, tx.now);
    }
    await putConversation(tx, next, false);
    await tx.trx
      .insertInto('inbound_events')
      .values({ serial_number: event.serialNumber, conversation_id: next.id, message_id: ended?.id ?? message?.id ?? null, received_at: tx.now })
      .execute();
    await tx.audit('inbound', 'conversation', next.id, `${AUDIT_CHANNEL} ${event.event} ${event.serialNumber}`);
    if (next.crisis && next.crisis !== conversation.crisis) {
      await tx.audit('crisis-signal', 'conversation', next.id, `${next.crisis.kind} "${next.crisis.phrase}" (${next.crisis.messageId})`.slice(0, 500));
    }
    return {
      duplicate: false, conversationId: next.id, messageId: ended?.id ?? message?.id ?? null, afterHoursNoticeAlreadySent: alreadyNoticed,
      crisisToAnswer: crisisToAnswer(next), channelAnswered: false,
    };
  }, { lockFeedFirst: false });
}

/**
 * The citizen's reply to the satisfaction question of their last, closed chat: kept in that chat
 * (their message, the answer, a thank-you) without opening a new consultation. Null when the
 * text is not an answer or nothing was asked: then the message opens a chat as usual.
 */
async function fileSatisfactionAnswer(tx: WriteTx, event: InboundCitizenEvent): Promise<InboundFiled | null> {
  const latest = await latestConversationOf(tx, event.userKey);
  if (!latest || !awaitsSatisfactionAnswer(latest, tx.now)) return null;
  const answer = parseSatisfactionAnswer(event.message);
  if (!answer) return null;
  const message = await appendMessage(tx, {
    id: randomUUID(), conversationId: latest.id, direction: 'inbound', kind: 'text', body: event.message.slice(0, 4000), imageUrl: null,
    programmeId: null, authorId: null, delivery: null, deliveryError: null, createdAt: tx.now,
  }, { serialNumber: event.serialNumber });
  await noteSatisfactionAnswer(tx, latest.id, answer);
  await tx.trx
    .insertInto('inbound_events')
    .values({ serial_number: event.serialNumber, conversation_id: latest.id, message_id: message.id, received_at: tx.now })
    .execute();
  await appendAutomaticAnswer(tx, latest, SATISFACTION_THANKS, { satisfaction: { ...latest.satisfaction!, answer, answeredAt: tx.now } });
  return { duplicate: false, conversationId: latest.id, messageId: message.id, afterHoursNoticeAlreadySent: true, crisisToAnswer: null, channelAnswered: true };
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
            return {
              duplicate: true, conversationId: err.conversationId, messageId: null, afterHoursNoticeAlreadySent: c?.afterHoursNoticeAt != null,
              crisisToAnswer: crisisToAnswer(c),
              // Filed into a chat that is 종료: the satisfaction answer (or a chat_end), answered already.
              channelAnswered: c?.status === 'closed',
            };
          }
          // Another event of this citizen (perhaps on another server instance) opened or closed
          // the conversation first: read again and file into the one that won.
          const lost = err instanceof LostRace || isOpenConversationConflict(err) || isTransientConflict(err) || isUniqueViolation(err, 'inbound_events');
          if (!lost || attempt >= FILE_ATTEMPTS) throw err;
        }
      }
    },

    // The automatic answers run beside other writers, as a reply does: the conversation's row lock
    // (getConversation) orders them. Alone among writers, each first message after hours made the
    // filings behind it wait for every slow shared holder to finish.
    async recordAfterHoursNotice(conversationId: string, body: string): Promise<string | null> {
      return store.write(null, async (tx) => {
        const c = await getConversation(tx.trx, conversationId);
        if (!c || c.afterHoursNoticeAt) return null;
        const id = await appendAutomaticAnswer(tx, c, body, { afterHoursNoticeAt: tx.now });
        await tx.audit('after-hours-notice', 'conversation', conversationId, '운영시간 안내 자동 응답');
        return id;
      }, { lockFeedFirst: false });
    },

    async recordCrisisAnswer(conversationId: string, crisisMessageId: string, body: string): Promise<string | null> {
      return store.write(null, async (tx) => {
        const c = await getConversation(tx.trx, conversationId);
        // Dismissed, replaced by another signal, or answered by another instance meanwhile.
        if (!c || c.crisis?.messageId !== crisisMessageId || !crisisToAnswer(c)) return null;
        // The crisis answer also says the centre is closed: no 운영시간 안내 after it.
        const id = await appendAutomaticAnswer(tx, c, body, { crisisAnsweredAt: tx.now, afterHoursNoticeAt: c.afterHoursNoticeAt ?? tx.now });
        await tx.audit('crisis-answer', 'conversation', conversationId, `위기 자동 응답 (24시간 상담전화, ${c.crisis.kind})`);
        return id;
      }, { lockFeedFirst: false });
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
