import { z } from 'zod';
import { CONSENT_STATEMENT, Subscriber, type SubscriptionTopic } from '../../common/subscriptions/index.js';
import { isNo, isYes, keywordOf, topicChoice } from '../../common/subscriptions/keywords.js';
import type { InboundCitizenEvent, InboundFiled } from '../channels/kakao/port.js';
import { appendMessage, automaticReply, getConversation, putConversation, systemMessage } from '../db/conversations.js';
import { preview } from '../domain/conversations.js';
import { parseStored, toJson } from '../db/json.js';
import type { Store, WriteTx } from '../db/store.js';

/** Of a stored notice (broadcasts.data), the title a reply to it is filed under. */
const NoticeTitle = z.object({ title: z.string() });
import { applyConsent, getSubscriber, listTopics, topicNames, topicPhrase } from './store.js';

/** An unanswered topic choice or yes/no is forgotten after this long (the next "1" is a normal message). */
const DIALOG_TTL_MS = 30 * 60_000;
/** A citizen's first message within this long after a notice is marked as a reply to it. */
const NOTICE_REPLY_WINDOW_MS = 7 * 86_400_000;
/** The re-confirmation question waits this long for an answer (the job lapses it after). */
export const RECONFIRM_DIALOG_TTL_MS = 30 * 86_400_000;

type DialogState = 'choose' | 'confirm' | 'reconfirm';

interface Answer {
  /** What the citizen reads. */
  reply: string;
  /** The system line the counsellor reads in the conversation. */
  note: string;
}

export function topicMenu(topics: readonly SubscriptionTopic[]): string {
  return topics.map((t, i) => `${i + 1}. ${t.name} — ${t.description}`).join('\n');
}

export function consentPrompt(topics: readonly SubscriptionTopic[]): string {
  return `${CONSENT_STATEMENT}\n\n받고 싶은 소식의 번호를 보내 주세요 (여러 개는 1,3 처럼, 전체는 0):\n${topicMenu(topics)}`;
}

async function setDialog(tx: WriteTx, citizenKey: string, state: DialogState, topics: string[], ttlMs: number): Promise<void> {
  const row = { state, topics: toJson(topics), expires_at: new Date(Date.parse(tx.now) + ttlMs).toISOString(), updated_at: tx.now };
  const exists = await tx.trx.selectFrom('subscription_dialogs').select('citizen_key').where('citizen_key', '=', citizenKey).executeTakeFirst();
  if (exists) await tx.trx.updateTable('subscription_dialogs').set(row).where('citizen_key', '=', citizenKey).execute();
  else await tx.trx.insertInto('subscription_dialogs').values({ citizen_key: citizenKey, ...row }).execute();
}

const clearDialog = (tx: WriteTx, citizenKey: string) => tx.trx.deleteFrom('subscription_dialogs').where('citizen_key', '=', citizenKey).execute();

/** The state machine of the consent dialog; null when the text is not for the channel. */
async function answer(tx: WriteTx, citizenKey: string, text: string): Promise<Answer | null> {
  const topics = await listTopics(tx.trx);
  const keyword = keywordOf(text);
  // Withdrawal works at once, from any state, whatever the dialog was waiting for.
  if (keyword === 'unsubscribe') {
    await clearDialog(tx, citizenKey);
    const current = await getSubscriber(tx.trx, citizenKey);
    if (current.status !== 'active') {
      return { reply: '구독 중인 소식이 없습니다. 소식을 받으시려면 "구독"이라고 보내 주세요.', note: '수신거부 요청: 구독 중인 소식 없음' };
    }
    const { before } = await applyConsent(tx, citizenKey, { topics: [], method: 'chat', channel: 'kakao', statement: text, actor: null });
    const names = topicNames(topics, before);
    const phrase = topicPhrase(topics, before);
    return {
      reply: `${phrase} 구독을 해지했습니다. 다시 받으시려면 언제든 "구독"이라고 보내 주세요.`,
      note: `카카오톡 수신거부: ${names} 구독 해지`,
    };
  }
  if (keyword === 'subscribe') {
    if (topics.length === 0) return { reply: '지금은 구독할 수 있는 소식이 없습니다.', note: '구독 요청: 주제 없음' };
    await setDialog(tx, citizenKey, 'choose', [], DIALOG_TTL_MS);
    return { reply: consentPrompt(topics), note: '구독 요청: 동의 안내와 주제 목록을 보냈습니다' };
  }
  const dialog = await tx.trx.selectFrom('subscription_dialogs').selectAll().where('citizen_key', '=', citizenKey).executeTakeFirst();
  if (!dialog || dialog.expires_at <= tx.now) return null;
  const state = dialog.state as DialogState;
  const chosen = parseStored(Subscriber.shape.topics, dialog.topics, 'subscription_dialogs', citizenKey);
  if (state === 'choose') {
    if (isNo(text)) {
      await clearDialog(tx, citizenKey);
      return { reply: '구독 신청을 취소했습니다. 바뀐 것은 없습니다.', note: '구독 신청 취소' };
    }
    const picked = topicChoice(text, topics.length);
    if (!picked) return null;
    const ids = picked.map((i) => topics[i]!.id);
    await setDialog(tx, citizenKey, 'confirm', ids, DIALOG_TTL_MS);
    return {
      reply: `선택하신 소식: ${topicNames(topics, ids)}\n위 안내에 동의하고 구독하시려면 "동의" 또는 "네"를, 그만두시려면 "아니오"를 보내 주세요.`,
      note: `구독 주제 선택: ${topicNames(topics, ids)} (동의 대기)`,
    };
  }
  if (state === 'confirm') {
    if (isYes(text)) {
      await clearDialog(tx, citizenKey);
      // A yes adds these topics to what the citizen already receives.
      const current = await getSubscriber(tx.trx, citizenKey);
      const all = current.status === 'active' ? [...new Set([...current.topics, ...chosen])] : chosen;
      await applyConsent(tx, citizenKey, { topics: all, method: 'chat', channel: 'kakao', statement: CONSENT_STATEMENT, actor: null });
      const names = topicNames(topics, chosen);
    const phrase = topicPhrase(topics, chosen);
      return {
        reply: `${phrase} 구독을 신청했습니다. 그만 받으시려면 언제든 "수신거부"라고 보내 주세요.`,
        note: `카카오톡 구독 동의: ${names}`,
      };
    }
    if (isNo(text)) {
      await clearDialog(tx, citizenKey);
      return { reply: '구독 신청을 취소했습니다. 바뀐 것은 없습니다.', note: '구독 신청 취소 (동의하지 않음)' };
    }
    return null;
  }
  // reconfirm: the 2-yearly question of the re-confirmation job.
  if (isYes(text)) {
    await clearDialog(tx, citizenKey);
    const current = await getSubscriber(tx.trx, citizenKey);
    if (current.status !== 'active') return null;
    await applyConsent(tx, citizenKey, { topics: current.topics, method: 'chat', channel: 'kakao', statement: CONSENT_STATEMENT, actor: null, action: 'reconfirm' });
    const names = topicNames(topics, current.topics);
    const phrase = topicPhrase(topics, current.topics);
    return { reply: `${phrase}을 앞으로도 보내 드리겠습니다. 감사합니다.`, note: `구독 재동의: ${names}` };
  }
  if (isNo(text)) {
    await clearDialog(tx, citizenKey);
    const { before } = await applyConsent(tx, citizenKey, { topics: [], method: 'chat', channel: 'kakao', statement: text, actor: null });
    const names = topicNames(topics, before);
    const phrase = topicPhrase(topics, before);
    return { reply: `${phrase} 구독을 해지했습니다.`, note: `구독 재확인에 거절: ${names} 구독 해지` };
  }
  return null;
}

/** Appends the channel's answer to the citizen's conversation: a system line and the reply (sent by the outbound loop). */
export async function postChannelAnswer(tx: WriteTx, conversationId: string, a: Answer, inbound: { sentAt: string } | null): Promise<void> {
  const c = await getConversation(tx.trx, conversationId);
  if (!c) return;
  await appendMessage(tx, systemMessage(conversationId, `구독 안내 자동 응답 — ${a.note}`, null, tx.now));
  await appendMessage(tx, automaticReply(conversationId, a.reply, tx.now), { deliverTo: c.citizenKey });
  // The channel answered it: the citizen's keyword does not make the consultation wait for a
  // counsellor. Status and assignee stay as they were (an open consultation is not disturbed).
  const setByThis = inbound !== null && c.waitingSince === inbound.sentAt;
  await putConversation(tx, {
    ...c,
    unreadCount: inbound ? Math.max(0, c.unreadCount - 1) : c.unreadCount,
    waitingSince: setByThis ? null : c.waitingSince,
    lastMessageAt: tx.now,
    lastMessagePreview: preview(a.reply),
    updatedAt: tx.now,
    version: c.version + 1,
  }, false);
}

/**
 * Runs after the webhook filed a citizen event: answers the subscription words and the consent
 * dialog, and marks a reply to a notice. Once per serial number (a redelivery is not answered
 * twice). Returns true when a reply waits for the outbound loop.
 */
export async function handleSubscriptionWords(store: Store, event: InboundCitizenEvent, filed: InboundFiled): Promise<boolean> {
  if (event.event !== 'message' || event.messageType !== 'TX') return false;
  if (!(await mayConcernChannel(store, event, filed))) return false;
  return store.write(null, async (tx) => {
    const seen = await tx.trx.selectFrom('subscription_inbound').select('serial_number').where('serial_number', '=', event.serialNumber).executeTakeFirst();
    if (seen) return false;
    const a = await answer(tx, event.userKey, event.message);
    if (a) {
      await tx.trx.insertInto('subscription_inbound').values({ serial_number: event.serialNumber, handled_at: tx.now }).execute();
      const sentAt = Number.isNaN(Date.parse(event.sentAt)) ? tx.now : new Date(event.sentAt).toISOString();
      await postChannelAnswer(tx, filed.conversationId, a, filed.duplicate ? null : { sentAt });
      return true;
    }
    if (filed.duplicate) return false;
    await markNoticeReply(tx, event.userKey, filed.conversationId);
    return false;
  });
}

/**
 * Whether the message may be for the channel at all: a subscription word, an answer to an open
 * dialog, or the first reply to a recent notice. Most messages are none of these, and checking
 * with plain reads spares them handleSubscriptionWords' transaction, which runs alone among the
 * writers. The citizen's events are filed one at a time (the webhook's per-citizen queue), so
 * what these reads see is what the transaction would see.
 */
async function mayConcernChannel(store: Store, event: InboundCitizenEvent, filed: InboundFiled): Promise<boolean> {
  if (keywordOf(event.message) !== null) return true;
  const now = new Date().toISOString();
  const dialog = await store.db.selectFrom('subscription_dialogs').select('expires_at').where('citizen_key', '=', event.userKey).executeTakeFirst();
  if (dialog && dialog.expires_at > now) return true;
  if (filed.duplicate) return false;
  const since = new Date(Date.parse(now) - NOTICE_REPLY_WINDOW_MS).toISOString();
  const notice = await store.db
    .selectFrom('broadcast_recipients')
    .select('id')
    .where('citizen_key', '=', event.userKey)
    .where('status', '=', 'delivered')
    .where('sent_at', '>=', since)
    .where('replied_at', 'is', null)
    .limit(1)
    .executeTakeFirst();
  return notice !== undefined;
}

/** The first message after a notice is a reply to it: the counsellor sees which notice. */
async function markNoticeReply(tx: WriteTx, citizenKey: string, conversationId: string): Promise<void> {
  const since = new Date(Date.parse(tx.now) - NOTICE_REPLY_WINDOW_MS).toISOString();
  const recent = await tx.trx
    .selectFrom('broadcast_recipients')
    .innerJoin('broadcasts', 'broadcasts.id', 'broadcast_recipients.broadcast_id')
    .select(['broadcast_recipients.id as id', 'broadcasts.data as data'])
    .where('broadcast_recipients.citizen_key', '=', citizenKey)
    .where('broadcast_recipients.status', '=', 'delivered')
    .where('broadcast_recipients.sent_at', '>=', since)
    .orderBy('broadcast_recipients.sent_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!recent) return;
  const already = await tx.trx.selectFrom('broadcast_recipients').select('replied_at').where('id', '=', recent.id).executeTakeFirst();
  if (already?.replied_at) return;
  await tx.trx.updateTable('broadcast_recipients').set({ replied_at: tx.now }).where('id', '=', recent.id).execute();
  const title = parseStored(NoticeTitle, recent.data, 'broadcasts').title;
  await appendMessage(tx, systemMessage(conversationId, `구독 소식 '${title}'에 대한 답장`, null, tx.now));
}
