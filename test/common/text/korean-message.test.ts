import { koreanOnly } from '../../../common/text/index.js';

describe('koreanOnly', () => {
  it('drops the English gloss of a Korean message', () => {
    expect(koreanOnly('아이디 또는 비밀번호가 올바르지 않습니다 (wrong user name or password).')).toBe('아이디 또는 비밀번호가 올바르지 않습니다.');
    expect(koreanOnly('다른 상담원이 이 기록을 먼저 고쳤습니다 (버전 2). 새로 고친 뒤 다시 저장하세요. (record changed to version 2)')).toBe(
      '다른 상담원이 이 기록을 먼저 고쳤습니다 (버전 2). 새로 고친 뒤 다시 저장하세요.',
    );
    expect(koreanOnly('잘못된 입력입니다 (inbox:list)')).toBe('잘못된 입력입니다');
    expect(koreanOnly('서버에 연결할 수 없습니다 (ECONNREFUSED)')).toBe('서버에 연결할 수 없습니다');
  });

  it('keeps Korean or word-less parentheses, and leaves English-only text alone', () => {
    expect(koreanOnly('보류 (30분)')).toBe('보류 (30분)');
    expect(koreanOnly('가구원 (3)')).toBe('가구원 (3)');
    expect(koreanOnly('Wrong user name or password (401)')).toBe('Wrong user name or password (401)');
  });
});
