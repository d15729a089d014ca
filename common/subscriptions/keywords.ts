/**
 * The KakaoTalk words the channel answers by itself (issue 14): a citizen subscribes with
 * "구독" / "소식 받기" and stops with "수신거부" / "구독 취소" / "그만 받기". Matching ignores spaces,
 * punctuation and a polite ending, so "소식 받기요!" and "구독취소" count, but a sentence that merely
 * contains the word ("구독 취소하면 어떻게 되나요?") does not: that is a question for a counsellor.
 */
const squash = (text: string) =>
  text
    .normalize('NFC')
    .replace(/[\s.,!?~'"`·…。、()[\]{}<>-]+/g, '')
    .replace(/(?:요|해요|할게요|해주세요|해 주세요|합니다|할래요|원해요|하기)$/u, '')
    .toLowerCase();

const SUBSCRIBE = new Set(['구독', '소식받기', '구독신청', '소식구독']);
const UNSUBSCRIBE = new Set(['수신거부', '구독취소', '그만받기', '구독해지', '수신중지']);
const YES = new Set(['네', '예', '동의', '동의합니다', '동의함', 'yes', 'y', '응', '계속', '계속받기', '좋아']);
const NO = new Set(['아니오', '아니요', '아니', '취소', 'no', 'n', '안받을래', '싫어']);

export type Keyword = 'subscribe' | 'unsubscribe';

export function keywordOf(text: string): Keyword | null {
  const s = squash(text);
  if (UNSUBSCRIBE.has(s)) return 'unsubscribe';
  if (SUBSCRIBE.has(s)) return 'subscribe';
  return null;
}

export function isYes(text: string): boolean {
  const raw = text.trim().toLowerCase().replace(/[.!~\s]+$/u, '');
  return YES.has(raw) || YES.has(squash(text));
}

export function isNo(text: string): boolean {
  const raw = text.trim().toLowerCase().replace(/[.!~\s]+$/u, '');
  return NO.has(raw) || NO.has(squash(text));
}

/**
 * Topic numbers as the citizen types them ("1", "1,3", "1 3", "2번", "전체"/"0" for all), 1-based;
 * null when the text is not a choice.
 */
export function topicChoice(text: string, count: number): number[] | null {
  const t = text.trim().replace(/번/g, '');
  if (/^(?:0|전체|모두|다)$/.test(t)) return Array.from({ length: count }, (_, i) => i);
  if (!/^\d+(?:[\s,/]+\d+)*$/.test(t)) return null;
  const picked = [...new Set(t.split(/[\s,/]+/).map(Number))];
  if (picked.some((n) => n < 1 || n > count)) return null;
  return picked.sort((a, b) => a - b).map((n) => n - 1);
}
