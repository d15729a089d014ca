import { SATISFACTION_LABELS, type Conversation, Message, type SatisfactionAnswer } from '../../common/domain/index.js';
import { SATISFACTION_QUESTION } from '../../common/team/satisfaction.js';
import { appendMessage, automaticReply, systemMessage } from '../db/conversations.js';
import { parseStored } from '../db/json.js';
import type { WriteTx } from '../db/store.js';
import { getTeamSetting } from './settings.js';

/**
 * At 종료: the satisfaction question goes to the citizen, once per conversation (a reopened and
 * closed again chat is not asked twice), when the admin switch is on and a counsellor actually
 * answered in this chat (a chat closed without a word from us is not asked how we did).
 * Returns the conversation as it should be stored.
 */
export async function askSatisfactionAtClose(tx: WriteTx, next: Conversation): Promise<Conversation> {
  if (next.status !== 'closed' || (next.satisfaction ?? null) !== null) return next;
  if (!(await getTeamSetting(tx.trx, 'satisfaction')).enabled) return next;
  const outbound = await tx.trx.selectFrom('messages').select('data').where('conversation_id', '=', next.id).where('direction', '=', 'outbound').execute();
  if (!outbound.some((r) => parseStored(Message, r.data, 'messages').authorId !== null)) return next;
  await appendMessage(tx, automaticReply(next.id, SATISFACTION_QUESTION, tx.now), { deliverTo: next.citizenKey });
  await tx.audit('satisfaction-asked', 'conversation', next.id, '만족도 질문 발송');
  return { ...next, satisfaction: { askedAt: tx.now, answer: null, answeredAt: null } };
}

/** The counsellor's line in the closed conversation when the citizen answered. */
export async function noteSatisfactionAnswer(tx: WriteTx, conversationId: string, answer: SatisfactionAnswer): Promise<void> {
  await appendMessage(tx, systemMessage(conversationId, `만족도 응답: ${SATISFACTION_LABELS[answer]}`, null, tx.now));
  await tx.audit('satisfaction-answer', 'conversation', conversationId, answer);
}
