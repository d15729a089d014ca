import { SATISFACTION_ANSWER_WINDOW_MS, awaitsSatisfactionAnswer, parseSatisfactionAnswer } from '../../../common/team/satisfaction.js';

describe('parseSatisfactionAnswer', () => {
  it.each([
    ['1', 'satisfied'], ['1번', 'satisfied'], [' 만족 ', 'satisfied'], ['만족합니다!', 'satisfied'], ['만족스러웠어요', 'satisfied'], ['5점', 'satisfied'], ['4 점', 'satisfied'],
    ['2', 'neutral'], ['보통이에요', 'neutral'], ['3점', 'neutral'],
    ['3', 'dissatisfied'], ['3번.', 'dissatisfied'], ['불만족', 'dissatisfied'], ['별로예요', 'dissatisfied'], ['1점', 'dissatisfied'], ['2점', 'dissatisfied'],
  ])('%s → %s', (text, answer) => {
    expect(parseSatisfactionAnswer(text)).toBe(answer);
  });

  it.each(['', '4', '6점', '1번 서류는 어디서 떼나요?', '만족하는데 하나 더 물어봐도 될까요', '주거급여', '감사합니다', '12'])('%j is not an answer', (text) => {
    expect(parseSatisfactionAnswer(text)).toBeNull();
  });
});

describe('awaitsSatisfactionAnswer', () => {
  const askedAt = '2026-11-27T05:00:00.000Z';
  const at = (ms: number) => new Date(Date.parse(askedAt) + ms).toISOString();
  it('waits while the chat is closed, asked, unanswered and within the window', () => {
    const c = { status: 'closed' as const, satisfaction: { askedAt, answer: null, answeredAt: null } };
    expect(awaitsSatisfactionAnswer(c, at(60_000))).toBe(true);
    expect(awaitsSatisfactionAnswer(c, at(SATISFACTION_ANSWER_WINDOW_MS + 1))).toBe(false);
    expect(awaitsSatisfactionAnswer({ ...c, status: 'open' }, at(60_000))).toBe(false);
    expect(awaitsSatisfactionAnswer({ ...c, satisfaction: { askedAt, answer: 'neutral', answeredAt: at(1) } }, at(60_000))).toBe(false);
    expect(awaitsSatisfactionAnswer({ status: 'closed', satisfaction: null }, at(60_000))).toBe(false);
    // A row stored before the field existed.
    expect(awaitsSatisfactionAnswer({ status: 'closed' } as unknown as typeof c, at(60_000))).toBe(false);
  });
});
