import fc from 'fast-check';
import {
  bigrams, choseongKey, cleanMultiline, compactKey, compactKeyWithOffsets, editDistance, isChoseongQuery, jamo,
  jamoDistance, jamoSubstringDistance, words,
} from '../../../common/text/index.js';

describe('compactKey', () => {
  it('ignores spacing, case, middle-dot variants and full-width forms', () => {
    expect(compactKey('기초 연금')).toBe(compactKey('기초연금'));
    expect(compactKey('임신 · 출산')).toBe('임신출산');
    expect(compactKey('임신ㆍ출산')).toBe('임신출산');
    expect(compactKey('ＫＴＸ 지원')).toBe('ktx지원');
  });

  it('keeps 자모 typed alone in their keyboard form (NFKC would make them conjoining 자모)', () => {
    expect(compactKey('ㄱㅊ수급')).toBe('ㄱㅊ수급');
    expect([...compactKey('ㅎㅂㅁ ㅠㅠ')].map((c) => c.codePointAt(0)! >= 0x3131 && c.codePointAt(0)! <= 0x318e)).toEqual([true, true, true, true, true]);
    expect(words('ㅈㄱ 기초연금')).toEqual(['ㅈㄱ', '기초연금']);
  });

  it('recomposes decomposed Hangul (NFD from some Mac exports)', () => {
    expect(compactKey('기초연금'.normalize('NFD'))).toBe('기초연금');
  });

  it('keeps the offset of each key character in the original string', () => {
    const { key, offsets } = compactKeyWithOffsets('노인 일자리');
    expect(key).toBe('노인일자리');
    expect(offsets).toEqual([0, 1, 3, 4, 5]);
  });

  it('never keeps a space, whatever the input', () => {
    fc.assert(fc.property(fc.string(), (s) => !/\s/.test(compactKey(s))));
  });
});

describe('words and bigrams', () => {
  it('splits on spaces and punctuation', () => {
    expect(words('의료급여(요양비), 지원')).toEqual(['의료급여', '요양비', '지원']);
  });
  it('makes overlapping character pairs, and a single character is its own gram', () => {
    expect(bigrams('기초연금')).toEqual(['기초', '초연', '연금']);
    expect(bigrams('쌀')).toEqual(['쌀']);
  });
});

describe('초성 and 자모', () => {
  it('recognises a query of initial consonants only', () => {
    expect(isChoseongQuery('ㄱㅊㅇㄱ')).toBe(true);
    expect(isChoseongQuery('ㄱㅊ ㅇㄱ')).toBe(true);
    expect(isChoseongQuery('기초ㅇㄱ')).toBe(false);
    expect(isChoseongQuery('ㄱ')).toBe(false);
  });
  it('maps each syllable to its 초성 and leaves other characters, keeping lengths aligned', () => {
    expect(choseongKey('기초연금')).toBe('ㄱㅊㅇㄱ');
    expect(choseongKey('k패스')).toBe('kㅍㅅ');
    fc.assert(fc.property(fc.string(), (s) => [...choseongKey(compactKey(s))].length === [...compactKey(s)].length));
  });
  it('decomposes syllables into 자모', () => {
    expect(jamo('금')).toBe('ㄱㅡㅁ');
  });
});

describe('edit distances', () => {
  it('counts a wrong 받침 as one 자모 edit, not a whole syllable', () => {
    expect(editDistance('기초연긍', '기초연금')).toBe(1);
    expect(jamoDistance('기초연긍', '기초연금')).toBe(1);
    expect(jamoDistance('바우쳐', '바우처')).toBe(1);
    expect(jamoDistance('일짜리', '일자리')).toBe(1);
  });
  it('finds an approximate match inside a longer name', () => {
    expect(jamoSubstringDistance('일짜리', '노인일자리 및 사회활동').distance).toBe(1);
    expect(jamoSubstringDistance('일자리', '노인일자리').distance).toBe(0);
    expect(jamoSubstringDistance('주거급여', '노인일자리').distance).toBeGreaterThan(3);
  });
  it('is symmetric and zero only for equal strings', () => {
    fc.assert(fc.property(fc.string({ maxLength: 12 }), fc.string({ maxLength: 12 }), (a, b) => {
      const d = editDistance(a, b);
      return d === editDistance(b, a) && (d === 0) === (a === b);
    }));
  });
});

describe('cleanMultiline', () => {
  it('normalises line breaks and "- " bullets, drops blank lines', () => {
    expect(cleanMultiline('- 청년층 주거비  부담 완화\r\n\r\n- 월 20만원 지원')).toBe('• 청년층 주거비 부담 완화\n• 월 20만원 지원');
  });
});
