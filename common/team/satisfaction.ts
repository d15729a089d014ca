import type { Conversation, SatisfactionAnswer } from '../domain/conversation.js';

/**
 * The one satisfaction question a citizen may get when a chat is 종료 (issue 15), and how their
 * reply is read. Only a reply that is plainly an answer counts ("1", "만족", "보통이에요", "5점");
 * anything else ("1번 서류는요?", a new question) goes to the inbox as a new consultation.
 */
export const SATISFACTION_QUESTION =
  '오늘 상담은 어떠셨나요? 번호로 답해 주세요.\n1. 만족\n2. 보통\n3. 불만\n(답하지 않으셔도 됩니다. 더 궁금한 점이 있으면 그대로 보내 주세요.)';
export const SATISFACTION_THANKS = '답해 주셔서 감사합니다. 더 도움이 필요하시면 언제든 메시지를 보내 주세요.';

/** An answer counts for this long after the question; later, "1" is just a message. */
export const SATISFACTION_ANSWER_WINDOW_MS = 24 * 3_600_000;

const squash = (text: string) =>
  text
    .normalize('NFC')
    .replace(/[\s.,!?~'"`·…。、()[\]{}<>:-]+/g, '')
    .replace(/(?:이에요|예요|입니다|해요|합니다|했어요|했습니다|스러워요|스러웠어요|요)$/u, '');

const WORDS: Record<string, SatisfactionAnswer> = {
  '1': 'satisfied', '1번': 'satisfied', 만족: 'satisfied', 매우만족: 'satisfied', 좋았어: 'satisfied', 좋아: 'satisfied', 좋았: 'satisfied',
  '2': 'neutral', '2번': 'neutral', 보통: 'neutral', 그저그래: 'neutral', 그냥그래: 'neutral',
  '3': 'dissatisfied', '3번': 'dissatisfied', 불만: 'dissatisfied', 불만족: 'dissatisfied', 별로: 'dissatisfied', 나빴어: 'dissatisfied',
};

/** The answer the text gives, or null when it is not an answer. Also reads a 1–5 score ("4점"). */
export function parseSatisfactionAnswer(text: string): SatisfactionAnswer | null {
  const s = squash(text);
  if (s.length === 0 || s.length > 12) return null;
  const score = /^([1-5])점$/u.exec(s);
  if (score) {
    const n = Number(score[1]);
    return n >= 4 ? 'satisfied' : n === 3 ? 'neutral' : 'dissatisfied';
  }
  return WORDS[s] ?? null;
}

/** Whether the conversation's question waits for an answer at `now` (closed, asked, unanswered, in time). */
export function awaitsSatisfactionAnswer(c: Pick<Conversation, 'status' | 'satisfaction'>, now: string): boolean {
  // Rows written before the question existed have no field at all.
  const q = c.satisfaction ?? null;
  return c.status === 'closed' && q !== null && q.answer === null && Date.parse(now) - Date.parse(q.askedAt) <= SATISFACTION_ANSWER_WINDOW_MS;
}
