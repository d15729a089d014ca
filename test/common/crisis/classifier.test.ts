import { describe, expect, it } from 'vitest';
import { CrisisClassifier, crisisFeatures } from '../../../common/crisis/classifier.js';

describe('crisis classifier', () => {
  it('reads syllable n-grams without spaces, punctuation or chat noise', () => {
    expect(crisisFeatures('죽 고, 싶어ㅠㅠ')).toEqual(['죽고', '고싶', '싶어', '죽고싶', '고싶어']);
    expect(crisisFeatures('!')).toEqual([]);
  });

  it('learns from its corpus: a kind is as probable as the messages it was shown make it', () => {
    const classifier = new CrisisClassifier([
      { text: '남편이 때려요', kind: 'violence' },
      { text: '남편이 또 때렸어요', kind: 'violence' },
      { text: '쌀이 떨어졌어요', kind: 'basic_needs' },
      { text: '서류 어디서 떼요', kind: null },
      { text: '신청 서류 문의', kind: null },
    ]);
    expect(classifier.best('어제 남편이 때렸어요').label).toBe('violence');
    expect(classifier.best('서류 신청은 어디서').label).toBe('none');
    const p = classifier.probabilities('쌀이 없어요');
    expect([...p.values()].reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9);
    expect(p.get('basic_needs')).toBeGreaterThan(p.get('violence')!);
  });
});
