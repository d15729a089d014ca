import { describe, expect, it } from 'vitest';
import { mostProbable, NaiveBayes, syllableGrams } from '../../../common/text/index.js';

describe('naive Bayes over syllable n-grams', () => {
  it('reads syllable n-grams without spaces, punctuation or chat noise', () => {
    expect(syllableGrams('죽 고, 싶어ㅠㅠ')).toEqual(['죽고', '고싶', '싶어', '죽고싶', '고싶어']);
    expect(syllableGrams('!')).toEqual([]);
  });

  it('learns from its examples: a label is as probable as the messages it was shown make it', () => {
    const nb = new NaiveBayes<'violence' | 'food' | 'none'>(0.1, [
      { text: '남편이 때려요', label: 'violence' },
      { text: '남편이 또 때렸어요', label: 'violence' },
      { text: '쌀이 떨어졌어요', label: 'food' },
      { text: '서류 어디서 떼요', label: 'none' },
      { text: '신청 서류 문의', label: 'none' },
    ]);
    expect(mostProbable(nb.probabilities('어제 남편이 때렸어요'), 'none').label).toBe('violence');
    expect(mostProbable(nb.probabilities('서류 신청은 어디서'), 'none').label).toBe('none');
    const p = nb.probabilities('쌀이 없어요');
    expect([...p.values()].reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9);
    expect(p.get('food')).toBeGreaterThan(p.get('violence')!);
  });

  it('with a uniform prior, a label with more examples is not likelier for that alone', () => {
    const nb = new NaiveBayes<'a' | 'b'>(0.1, [
      { text: '가나다', label: 'a' }, { text: '가나다', label: 'a' }, { text: '가나다', label: 'a' },
      { text: '가나다', label: 'b' },
    ]);
    const skewed = nb.probabilities('라마바');
    const uniform = nb.probabilities('라마바', { uniformPrior: true });
    expect(skewed.get('a')).toBeGreaterThan(0.7);
    expect(uniform.get('a')).toBeCloseTo(0.5, 6);
  });

  it('an answer of no labels falls back', () => {
    expect(mostProbable(new NaiveBayes<'x'>(0.1).probabilities('무엇'), 'x')).toEqual({ label: 'x', p: 0 });
  });

  it('strongestEvidence: one telling n-gram outweighs many everyday ones, unseen or rare n-grams count for nothing', () => {
    const nb = new NaiveBayes<'hunger' | 'none'>(0.1, [
      { text: '오늘 쌀이 떨어졌어요', label: 'hunger' },
      { text: '쌀이 없어서 굶었어요', label: 'hunger' },
      { text: '오늘 날씨 좋네요', label: 'none' },
      { text: '오늘 서류 냈어요', label: 'none' },
      { text: '오늘 점심 먹었어요', label: 'none' },
    ]);
    const telling = nb.strongestEvidence('쌀이 다 떨어졌네', 'hunger', 'none');
    const everyday = nb.strongestEvidence('오늘 뭐 했어요', 'hunger', 'none');
    expect(telling).toBeGreaterThan(2);
    expect(everyday).toBeLessThan(1);
    // '굶었' occurs once with hunger: below minCount 2 it is no evidence.
    expect(nb.strongestEvidence('굶었', 'hunger', 'none')).toBe(-Infinity);
    expect(nb.strongestEvidence('굶었', 'hunger', 'none', 1)).toBeGreaterThan(2);
    expect(nb.strongestEvidence('쌀이', 'hunger', 'missing' as 'none')).toBe(-Infinity);
  });
});
