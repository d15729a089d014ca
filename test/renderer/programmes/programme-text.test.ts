import { highlightPieces, programmeClipboardText } from '../../../renderer/programmes/programme-text.js';
import { programme } from './helpers.js';

describe('highlightPieces', () => {
  it('cuts a name into plain and matched pieces that join back to the name', () => {
    expect(highlightPieces('노인일자리 및 사회활동', [[2, 5]])).toEqual([
      { text: '노인', match: false },
      { text: '일자리', match: true },
      { text: ' 및 사회활동', match: false },
    ]);
  });

  it('tolerates overlapping, unsorted and out-of-range spans', () => {
    const pieces = highlightPieces('기초연금', [[2, 9], [0, 1], [1, 3]]);
    expect(pieces).toEqual([{ text: '기초연금', match: true }]);
    expect(highlightPieces('abc', [[-5, 0]])).toEqual([{ text: 'abc', match: false }]);
    expect(highlightPieces('', [[0, 2]])).toEqual([]);
  });
});

describe('programmeClipboardText', () => {
  it('leaves out empty parts and always ends with the source credit', () => {
    const text = programmeClipboardText(programme({ id: 'WLF00000001', name: '기초연금', summary: '요약', contact: '129' }));
    expect(text.split('\n')).toEqual(['[기초연금]', '요약', '문의: 129', '출처: 한국사회보장정보원 복지서비스정보, 공공데이터포털']);
  });
});
