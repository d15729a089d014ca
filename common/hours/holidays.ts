/**
 * Korean public holidays (관공서의 공휴일) that close the call centre, 2025–2027.
 *
 * Sources: 「관공서의 공휴일에 관한 규정」 and 「공휴일에 관한 법률」 (대체공휴일 rules: 설날·추석 when a
 * day falls on a Sunday; 국경일, 어린이날, 부처님오신날, 성탄절 when on a Saturday or Sunday), the
 * 월력요항 published by 우주항공청/한국천문연구원 for the lunar dates (cross-checked against the
 * Unicode `dangi` calendar), 공직선거법 §34 for election days, and the 2026-01-29 amendment of
 * 「공휴일에 관한 법률」 (국무회의 공포 2026-02) that makes 제헌절 (7/17) a public holiday again from
 * 2026. Temporary holidays (임시공휴일) are listed only once the government designated them.
 * Not included: 노동절 (5/1) — a paid holiday for private employees, not a 관공서 공휴일 while this
 * table was written. Extend the table when the government designates a new day.
 */
export interface Holiday {
  /** Calendar date in Korea, YYYY-MM-DD. */
  date: string;
  name: string;
}

export const KOREAN_PUBLIC_HOLIDAYS: readonly Holiday[] = [
  // 2025
  { date: '2025-01-01', name: '신정' },
  { date: '2025-01-27', name: '임시공휴일' },
  { date: '2025-01-28', name: '설날 연휴' },
  { date: '2025-01-29', name: '설날' },
  { date: '2025-01-30', name: '설날 연휴' },
  { date: '2025-03-01', name: '삼일절' },
  { date: '2025-03-03', name: '대체공휴일(삼일절)' },
  { date: '2025-05-05', name: '어린이날·부처님오신날' },
  { date: '2025-05-06', name: '대체공휴일(부처님오신날)' },
  { date: '2025-06-03', name: '제21대 대통령 선거' },
  { date: '2025-06-06', name: '현충일' },
  { date: '2025-08-15', name: '광복절' },
  { date: '2025-10-03', name: '개천절' },
  { date: '2025-10-05', name: '추석 연휴' },
  { date: '2025-10-06', name: '추석' },
  { date: '2025-10-07', name: '추석 연휴' },
  { date: '2025-10-08', name: '대체공휴일(추석)' },
  { date: '2025-10-09', name: '한글날' },
  { date: '2025-12-25', name: '성탄절' },
  // 2026
  { date: '2026-01-01', name: '신정' },
  { date: '2026-02-16', name: '설날 연휴' },
  { date: '2026-02-17', name: '설날' },
  { date: '2026-02-18', name: '설날 연휴' },
  { date: '2026-03-01', name: '삼일절' },
  { date: '2026-03-02', name: '대체공휴일(삼일절)' },
  { date: '2026-05-05', name: '어린이날' },
  { date: '2026-05-24', name: '부처님오신날' },
  { date: '2026-05-25', name: '대체공휴일(부처님오신날)' },
  { date: '2026-06-03', name: '제9회 전국동시지방선거' },
  { date: '2026-06-06', name: '현충일' },
  { date: '2026-07-17', name: '제헌절' },
  { date: '2026-08-15', name: '광복절' },
  { date: '2026-08-17', name: '대체공휴일(광복절)' },
  { date: '2026-09-24', name: '추석 연휴' },
  { date: '2026-09-25', name: '추석' },
  { date: '2026-09-26', name: '추석 연휴' },
  { date: '2026-10-03', name: '개천절' },
  { date: '2026-10-05', name: '대체공휴일(개천절)' },
  { date: '2026-10-09', name: '한글날' },
  { date: '2026-12-25', name: '성탄절' },
  // 2027 (lunar dates: 설날 2/7, 부처님오신날 5/13, 추석 9/15)
  { date: '2027-01-01', name: '신정' },
  { date: '2027-02-06', name: '설날 연휴' },
  { date: '2027-02-07', name: '설날' },
  { date: '2027-02-08', name: '설날 연휴' },
  { date: '2027-02-09', name: '대체공휴일(설날)' },
  { date: '2027-03-01', name: '삼일절' },
  { date: '2027-05-05', name: '어린이날' },
  { date: '2027-05-13', name: '부처님오신날' },
  { date: '2027-06-06', name: '현충일' },
  { date: '2027-07-17', name: '제헌절' },
  // Derived from the rule (국경일 on a Saturday), pending the official 2027 월력요항.
  { date: '2027-07-19', name: '대체공휴일(제헌절)' },
  { date: '2027-08-15', name: '광복절' },
  { date: '2027-08-16', name: '대체공휴일(광복절)' },
  { date: '2027-09-14', name: '추석 연휴' },
  { date: '2027-09-15', name: '추석' },
  { date: '2027-09-16', name: '추석 연휴' },
  { date: '2027-10-03', name: '개천절' },
  { date: '2027-10-04', name: '대체공휴일(개천절)' },
  { date: '2027-10-09', name: '한글날' },
  { date: '2027-10-11', name: '대체공휴일(한글날)' },
  { date: '2027-12-25', name: '성탄절' },
  { date: '2027-12-27', name: '대체공휴일(성탄절)' },
];

/** Years the table is complete for; outside them only weekends are known to be closed. */
export const HOLIDAY_TABLE_YEARS: readonly number[] = [2025, 2026, 2027];

const BY_DATE: ReadonlyMap<string, string> = new Map(KOREAN_PUBLIC_HOLIDAYS.map((h) => [h.date, h.name]));

/** Holiday name of a Korean calendar date (YYYY-MM-DD), or null. */
export function holidayNameOfDay(isoDay: string): string | null {
  return BY_DATE.get(isoDay) ?? null;
}
