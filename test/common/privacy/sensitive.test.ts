import fc from 'fast-check';
import { findSensitive, hasSensitive, maskPhone, maskResidentNumbers, maskSensitive } from '../../../common/privacy/index.js';

const pad2 = (n: number) => String(n).padStart(2, '0');
/** A 주민등록번호 with a real birth date whose century matches the sex code. */
const residentNumber = fc
  .record({
    date: fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2025-12-31T00:00:00Z'), noInvalidDate: true }),
    sex: fc.integer({ min: 1, max: 2 }),
    rest: fc.stringMatching(/^\d{6}$/),
    sep: fc.constantFrom('-', '', ' ', ' - '),
  })
  .map(({ date, sex, rest, sep }) => {
    const y = date.getUTCFullYear();
    const code = y >= 2000 ? sex + 2 : sex;
    return `${pad2(y % 100)}${pad2(date.getUTCMonth() + 1)}${pad2(date.getUTCDate())}${sep}${code}${rest}`;
  });
/** Korean prose without digits, so the number's edges are unambiguous. */
const prose = fc.array(fc.constantFrom('월세', ' ', '지원', '받을 수', '있나요?', '제 번호', '는 ', '😀', '\n', '<b>', '&amp;', '가', '.'), { maxLength: 12 }).map((p) => p.join(''));

describe('주민등록번호 detection and masking', () => {
  it('finds the usual ways people write it', () => {
    for (const written of ['900101-1234567', '9001011234567', '900101 1234567', '900101 - 2234567', '050505-3123456', '000229-4123456' /* 2000 was a leap year */]) {
      const [span] = findSensitive(`제 주민번호는 ${written} 입니다`);
      expect(span?.kind, written).toBe('resident_number');
      expect(span?.text).toBe(written);
    }
  });

  it('finds it in unusual spellings: full-width digits, any dash, dots, underscores, spaces, a space after the code', () => {
    const cases: [string, string][] = [
      ['９００１０１－１２３４５６７', '900101-1******'],
      ['900101—1234567', '900101-1******'],
      ['900101–1234567', '900101-1******'],
      ['900101−1234567', '900101-1******'],
      ['900101.1234567', '900101-1******'],
      ['900101_1234567', '900101-1******'],
      ['900101 1234567', '900101-1******'],
      ['900101-1 234567', '900101-1******'],
      ['900101 - 1 234567', '900101-1******'],
      ['９００１０１１２３４５６７', '9001011******'],
      ['850315‐5123456', '850315-5******'],
    ];
    for (const [written, masked] of cases) {
      expect(maskResidentNumbers(`번호 ${written} 입니다`), written).toBe(`번호 ${masked} 입니다`);
    }
  });

  it('tells 외국인등록번호 (sex code 5-8) apart', () => {
    expect(findSensitive('외국인등록번호 850315-5123456').map((s) => s.kind)).toEqual(['foreigner_number']);
    expect(maskResidentNumbers('외국인등록번호 850315-5123456')).toBe('외국인등록번호 850315-5******');
  });

  it('does not read impossible birth dates as a registration number', () => {
    for (const fake of ['901301-1234567', '900230-1234567', '010229-3123456' /* 2001 not a leap year */, '990229-1234567']) {
      expect(findSensitive(fake).some((s) => s.kind === 'resident_number'), fake).toBe(false);
      expect(maskResidentNumbers(fake)).toBe(fake);
    }
  });

  it('does not take a piece of a longer digit run', () => {
    expect(findSensitive('주문번호 19001011234567').some((s) => s.kind === 'resident_number')).toBe(false);
  });

  it('property: any real 주민등록번호 in any text is masked and nothing else changes', () => {
    fc.assert(
      fc.property(prose, residentNumber, prose, (before, rrn, after) => {
        const masked = maskResidentNumbers(`${before}${rrn}${after}`);
        const birth = rrn.replace(/\D/g, '').slice(0, 6);
        const code = rrn.replace(/\D/g, '')[6];
        // Without a separator the mask keeps the length (a field at its limit still fits).
        expect(masked).toBe(`${before}${birth}${rrn.length === 13 ? '' : '-'}${code}******${after}`);
        expect(masked).not.toContain(rrn.replace(/\D/g, '').slice(7));
        expect(findSensitive(masked).filter((s) => s.kind === 'resident_number')).toEqual([]);
      }),
      { numRuns: 500 },
    );
  });

  it('property: masking is idempotent and leaves digit-free text alone', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        const once = maskResidentNumbers(text);
        expect(maskResidentNumbers(once)).toBe(once);
        if (!/\d/.test(text)) expect(once).toBe(text);
      }),
      { numRuns: 500 },
    );
  });
});

describe('other sensitive numbers', () => {
  it('finds phones, cards and accounts with kinds and spans', () => {
    const text = '연락처 010-1234-5678, 카드 4111 1111 1111 1111, 계좌 110-123-456789';
    const spans = findSensitive(text);
    expect(spans.map((s) => s.kind)).toEqual(['phone', 'card', 'account']);
    for (const s of spans) expect(text.slice(s.start, s.end)).toBe(s.text);
    expect(maskSensitive(text)).toBe('연락처 010-****-5678, 카드 **** **** **** 1111, 계좌 ***-***-**6789');
  });

  it('leaves dates, amounts and service numbers alone', () => {
    for (const text of ['2026-11-28에 신청했어요', '월 1,000,000원', '1588-1234로 전화', '3인 가구', '2026년 9월']) {
      expect(hasSensitive(text), text).toBe(false);
    }
  });

  it('property: a mobile number written any usual way is found as a phone and masked', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[2-9]\d{3}$/), fc.stringMatching(/^\d{4}$/), fc.constantFrom('-', ' ', ''), prose, (mid, last, sep, around) => {
        const phone = `010${sep}${mid}${sep}${last}`;
        const spans = findSensitive(`${around} ${phone} ${around}`);
        expect(spans.map((s) => s.kind)).toContain('phone');
        expect(maskPhone(phone)).toBe(`010-****-${last}`);
      }),
      { numRuns: 300 },
    );
  });
});

describe('any text', () => {
  it('property: spans are ordered, disjoint and point at their text; masking leaves no registration number', () => {
    const digitsAndText = fc.array(fc.oneof(fc.stringMatching(/^[\d -]{1,16}$/), prose, residentNumber), { maxLength: 8 }).map((p) => p.join(' '));
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 300 }), digitsAndText), (text) => {
        const spans = findSensitive(text);
        for (let i = 0; i < spans.length; i++) {
          const s = spans[i]!;
          expect(text.slice(s.start, s.end)).toBe(s.text);
          if (i > 0) expect(s.start).toBeGreaterThanOrEqual(spans[i - 1]!.end);
        }
        const masked = maskSensitive(text);
        expect(findSensitive(masked).filter((s) => s.kind === 'resident_number' || s.kind === 'foreigner_number')).toEqual([]);
      }),
      { numRuns: 500 },
    );
  });
});

describe('maskPhone', () => {
  it.each([
    ['010-1234-5678', '010-****-5678'],
    ['01012345678', '010-****-5678'],
    ['+82 10-1234-5678', '010-****-5678'],
    ['02-123-4567', '02-***-4567'],
    ['0212345678', '02-****-5678'],
    ['031-123-4567', '031-***-4567'],
    ['0505-123-4567', '0505-***-4567'],
    ['12345', '*2345'],
    ['', '****'],
  ])('%s -> %s', (raw, masked) => {
    expect(maskPhone(raw)).toBe(masked);
  });

  it('property: never shows more than the last 4 digits of the subscriber number', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^01[016-9]\d{7,8}$/), (digits) => {
        const masked = maskPhone(digits);
        expect(masked.endsWith(digits.slice(-4))).toBe(true);
        expect(masked.replace(/\D/g, '')).toBe(`${digits.slice(0, 3)}${digits.slice(-4)}`);
      }),
    );
  });
});
