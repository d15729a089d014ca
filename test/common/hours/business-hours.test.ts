import fc from 'fast-check';
import {
  HOLIDAY_TABLE_YEARS, KOREAN_PUBLIC_HOLIDAYS, afterHoursNoticeText, closingTime, formatKstDateTimeKo, holidayName,
  isBusinessDay, isOpenAt, kstInstant, kstParts, nextOpening,
} from '../../../common/hours/index.js';

const kst = (iso: string) => new Date(`${iso}+09:00`);
const instants = fc.date({ min: new Date('2025-01-01T00:00:00+09:00'), max: new Date('2027-12-20T00:00:00+09:00'), noInvalidDate: true });

describe('business hours (평일 09:00–18:00 KST)', () => {
  it('opens at 09:00 and closes at 18:00 Korean time on a weekday', () => {
    expect(isOpenAt(kst('2026-11-30T08:59:59'))).toBe(false);
    expect(isOpenAt(kst('2026-11-30T09:00:00'))).toBe(true);
    expect(isOpenAt(kst('2026-11-30T17:59:59'))).toBe(true);
    expect(isOpenAt(kst('2026-11-30T18:00:00'))).toBe(false);
  });

  it('uses Korean time whatever the instant is written in (UTC host)', () => {
    // 2026-11-30 00:30 UTC is 09:30 Monday in Seoul; 2026-11-29 23:30 UTC is 08:30.
    expect(isOpenAt(new Date('2026-11-30T00:30:00Z'))).toBe(true);
    expect(isOpenAt(new Date('2026-11-29T23:30:00Z'))).toBe(false);
    expect(kstParts(new Date('2026-12-31T15:00:00Z')).isoDay).toBe('2027-01-01');
  });

  it('is closed on weekends', () => {
    expect(isOpenAt(kst('2026-11-28T10:00:00'))).toBe(false);
    expect(isOpenAt(kst('2026-11-29T10:00:00'))).toBe(false);
  });

  it.each([
    ['2026-01-01', '신정'], ['2026-02-16', '설날 연휴'], ['2026-02-17', '설날'], ['2026-02-18', '설날 연휴'],
    ['2026-03-02', '대체공휴일(삼일절)'], ['2026-05-05', '어린이날'], ['2026-05-25', '대체공휴일(부처님오신날)'],
    ['2026-06-03', '제9회 전국동시지방선거'], ['2026-08-17', '대체공휴일(광복절)'], ['2026-09-24', '추석 연휴'],
    ['2026-09-25', '추석'], ['2026-10-05', '대체공휴일(개천절)'], ['2026-10-09', '한글날'], ['2026-12-25', '성탄절'],
    ['2025-10-08', '대체공휴일(추석)'], ['2027-02-09', '대체공휴일(설날)'], ['2027-12-27', '대체공휴일(성탄절)'],
  ])('closes on %s (%s)', (day, name) => {
    const noon = kst(`${day}T12:00:00`);
    expect(holidayName(noon)).toBe(name);
    expect(isBusinessDay(noon)).toBe(false);
    expect(isOpenAt(noon)).toBe(false);
  });

  it('has the 2026 holidays the 월력요항 lists and no others on weekdays', () => {
    const weekdays2026 = KOREAN_PUBLIC_HOLIDAYS.filter((h) => h.date.startsWith('2026'))
      .filter((h) => { const w = kstParts(kst(`${h.date}T12:00:00`)).weekday; return w !== 0 && w !== 6; })
      .map((h) => h.date);
    expect(weekdays2026).toEqual([
      '2026-01-01', '2026-02-16', '2026-02-17', '2026-02-18', '2026-03-02', '2026-05-05', '2026-05-25', '2026-06-03',
      '2026-07-17', '2026-08-17', '2026-09-24', '2026-09-25', '2026-10-05', '2026-10-09', '2026-12-25',
    ]);
  });

  it('lists every date once, sorted, within the covered years', () => {
    const dates = KOREAN_PUBLIC_HOLIDAYS.map((h) => h.date);
    expect(new Set(dates).size).toBe(dates.length);
    expect([...dates].sort()).toEqual(dates);
    for (const d of dates) expect(HOLIDAY_TABLE_YEARS).toContain(Number(d.slice(0, 4)));
  });

  it('reopens after a holiday run at 09:00 of the next business day', () => {
    expect(nextOpening(kst('2026-09-23T18:30:00')).toISOString()).toBe(kst('2026-09-28T09:00:00').toISOString());
    expect(nextOpening(kst('2026-02-13T20:00:00')).toISOString()).toBe(kst('2026-02-19T09:00:00').toISOString());
    expect(nextOpening(kst('2026-11-30T07:00:00')).toISOString()).toBe(kst('2026-11-30T09:00:00').toISOString());
  });

  it('property: nextOpening is never earlier, is open, and nothing between is open', () => {
    fc.assert(
      fc.property(instants, (date) => {
        const next = nextOpening(date);
        expect(next.getTime()).toBeGreaterThanOrEqual(date.getTime());
        expect(isOpenAt(next)).toBe(true);
        if (next.getTime() > date.getTime()) {
          // It opens on the hour, and the minute before was closed.
          expect(kstParts(next).minuteOfDay).toBe(9 * 60);
          expect(isOpenAt(new Date(next.getTime() - 60_000))).toBe(false);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('property: open means a weekday without a holiday between 09:00 and 18:00 KST', () => {
    fc.assert(
      fc.property(instants, (date) => {
        const p = kstParts(date);
        const expected = p.weekday >= 1 && p.weekday <= 5 && holidayName(date) === null && p.minuteOfDay >= 540 && p.minuteOfDay < 1080;
        expect(isOpenAt(date)).toBe(expected);
      }),
      { numRuns: 1000 },
    );
  });

  it('property: kstInstant inverts kstParts to the minute', () => {
    fc.assert(
      fc.property(instants, (date) => {
        const p = kstParts(date);
        const back = kstInstant(p.year, p.month, p.day, p.minuteOfDay);
        expect(Math.floor(date.getTime() / 60_000)).toBe(back.getTime() / 60_000);
      }),
    );
  });

  it('gives the closing time only while open', () => {
    expect(closingTime(kst('2026-11-30T10:00:00'))?.toISOString()).toBe(kst('2026-11-30T18:00:00').toISOString());
    expect(closingTime(kst('2026-11-30T19:00:00'))).toBeNull();
  });

  it('writes the 운영시간 안내 with the reason and the reopening time', () => {
    const chuseok = afterHoursNoticeText(kst('2026-09-25T11:00:00'));
    expect(chuseok).toContain('평일 09:00~18:00');
    expect(chuseok).toContain('추석');
    expect(chuseok).toContain('9월 28일(월) 오전 9시');
    expect(afterHoursNoticeText(kst('2026-11-27T19:00:00'))).toContain('11월 30일(월) 오전 9시');
    expect(formatKstDateTimeKo(kst('2026-12-01T13:05:00'))).toBe('12월 1일(화) 오후 1시 5분');
  });

  it('rejects an invalid date with a clear error', () => {
    expect(() => isOpenAt(new Date(Number.NaN))).toThrow(/Invalid Date/);
  });
});
