import { describe, expect, it } from 'vitest';
import { crisisClassifier, trainCrisisClassifier } from '../../../common/crisis/classifier.js';
import { mostProbable } from '../../../common/text/index.js';

describe('crisis classifier', () => {
  it('labels messages with no crisis "none", beside the kinds it was shown', () => {
    const classifier = trainCrisisClassifier([
      { text: '남편이 때려요', kind: 'violence' },
      { text: '쌀이 떨어졌어요', kind: 'basic_needs' },
      { text: '서류 어디서 떼요', kind: null },
    ]);
    expect([...classifier.labels].sort()).toEqual(['basic_needs', 'none', 'violence']);
    expect(mostProbable(classifier.probabilities('서류는 어디서'), 'none').label).toBe('none');
  });

  it('is trained once, on the corpus', () => {
    expect(crisisClassifier()).toBe(crisisClassifier());
    expect(mostProbable(crisisClassifier().probabilities('남편이 매일 때려요 무서워요'), 'none').label).toBe('violence');
  });
});
