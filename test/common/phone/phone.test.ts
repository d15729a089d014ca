import { formatKoreanPhone, formatKoreanPhoneAsTyped, maskKoreanPhone, normaliseKoreanPhone, phoneMatchKey } from '../../../common/phone/index.js';

describe('Korean phone numbers', () => {
  it.each([
    ['010-1234-5678', '01012345678'],
    ['01012345678', '01012345678'],
    ['+82 10 1234 5678', '01012345678'],
    ['+82-2-123-4567', '021234567'],
    ['02-1234-5678', '0212345678'],
    ['031-123-4567', '0311234567'],
    [' 070-1234-5678 ', '07012345678'],
  ])('normalises %s to %s', (raw, digits) => {
    expect(normaliseKoreanPhone(raw)).toBe(digits);
  });

  it.each(['', '0212345', '1588-1234', '+1 415 555 1234', 'abc'])('rejects %j', (raw) => {
    expect(normaliseKoreanPhone(raw)).toBeNull();
  });

  it('formats as typed and for display', () => {
    expect(formatKoreanPhoneAsTyped('0101234')).toBe('010-1234');
    expect(formatKoreanPhoneAsTyped('021234567')).toBe('02-123-4567');
    expect(formatKoreanPhone('01012345678')).toBe('010-1234-5678');
  });

  it('masks the middle digits', () => {
    expect(maskKoreanPhone('01012345678')).toBe('010-****-5678');
    expect(maskKoreanPhone('021234567')).toBe('02-***-4567');
  });

  it('matches numbers written differently', () => {
    expect(phoneMatchKey('+82 10-1234-5678')).toBe(phoneMatchKey('010 1234 5678'));
  });
});
