import { holidayNameOfDay } from './holidays.js';

/**
 * The call centre's hours: weekdays 09:00–18:00 in Korea, closed on public holidays.
 * Korea has used UTC+9 without daylight saving since 1988, so a fixed offset is exact and keeps the
 * answer independent of the host's time zone (the server may run in UTC, a desktop anywhere).
 */
const KST_OFFSET_MS = 9 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;
export const OPENING_MINUTE = 9 * 60;
export const CLOSING_MINUTE = 18 * 60;

export interface KstParts {
  year: number;
  /** 1–12 */
  month: number;
  day: number;
  /** 0 = Sunday … 6 = Saturday */
  weekday: number;
  /** Minutes since midnight in Korea. */
  minuteOfDay: number;
  /** YYYY-MM-DD of the Korean calendar day. */
  isoDay: string;
}

const pad = (n: number) => String(n).padStart(2, '0');

function assertValid(date: Date): void {
  if (Number.isNaN(date.getTime())) throw new RangeError('Invalid Date: 운영시간을 계산할 수 없는 날짜입니다');
}

/** The Korean wall-clock reading of an instant. */
export function kstParts(date: Date): KstParts {
  assertValid(date);
  const shifted = new Date(date.getTime() + KST_OFFSET_MS);
  const year = shifted.getUTCFullYear();
  const month = shifted.getUTCMonth() + 1;
  const day = shifted.getUTCDate();
  return {
    year,
    month,
    day,
    weekday: shifted.getUTCDay(),
    minuteOfDay: shifted.getUTCHours() * 60 + shifted.getUTCMinutes(),
    isoDay: `${String(year).padStart(4, '0')}-${pad(month)}-${pad(day)}`,
  };
}

/** The instant of a Korean wall-clock time. */
export function kstInstant(year: number, month: number, day: number, minuteOfDay = 0): Date {
  return new Date(Date.UTC(year, month - 1, day) + minuteOfDay * 60_000 - KST_OFFSET_MS);
}

/** Name of the public holiday on the Korean calendar day of `date`, or null. */
export function holidayName(date: Date): string | null {
  return holidayNameOfDay(kstParts(date).isoDay);
}

/** Whether the Korean calendar day of `date` is a working day (Mon–Fri and not a holiday). */
export function isBusinessDay(date: Date): boolean {
  const parts = kstParts(date);
  return parts.weekday !== 0 && parts.weekday !== 6 && holidayNameOfDay(parts.isoDay) === null;
}

/** Whether counsellors are on duty at `date`: a business day, 09:00 ≤ time < 18:00 KST. */
export function isOpenAt(date: Date): boolean {
  const { minuteOfDay } = kstParts(date);
  return isBusinessDay(date) && minuteOfDay >= OPENING_MINUTE && minuteOfDay < CLOSING_MINUTE;
}

/** Longest run of closed days to look through (설/추석 with weekends and substitutes is < 10). */
const MAX_CLOSED_DAYS = 31;

/**
 * The instant the centre is next open at or after `date`: `date` itself while open, otherwise
 * 09:00 KST of the next business day.
 */
export function nextOpening(date: Date): Date {
  if (isOpenAt(date)) return new Date(date.getTime());
  const today = kstParts(date);
  let day = kstInstant(today.year, today.month, today.day, OPENING_MINUTE);
  if (today.minuteOfDay >= OPENING_MINUTE) day = new Date(day.getTime() + DAY_MS);
  for (let i = 0; i <= MAX_CLOSED_DAYS; i++) {
    if (isBusinessDay(day)) return day;
    day = new Date(day.getTime() + DAY_MS);
  }
  throw new RangeError(`No business day within ${MAX_CLOSED_DAYS} days of ${date.toISOString()}`);
}

/** The instant the centre closes next after `date` while open, or null when it is closed. */
export function closingTime(date: Date): Date | null {
  if (!isOpenAt(date)) return null;
  const p = kstParts(date);
  return kstInstant(p.year, p.month, p.day, CLOSING_MINUTE);
}

const WEEKDAYS_KO = ['일', '월', '화', '수', '목', '금', '토'] as const;

/** "11월 30일(월) 오전 9시" — a Korean wall-clock time as people say it. */
export function formatKstDateTimeKo(date: Date): string {
  const p = kstParts(date);
  const hour = Math.floor(p.minuteOfDay / 60);
  const minute = p.minuteOfDay % 60;
  const meridiem = hour < 12 ? '오전' : '오후';
  const hour12 = hour % 12 === 0 ? 12 : hour % 12;
  const clock = minute === 0 ? `${hour12}시` : `${hour12}시 ${minute}분`;
  return `${p.month}월 ${p.day}일(${WEEKDAYS_KO[p.weekday]}) ${meridiem} ${clock}`;
}

export const BUSINESS_HOURS_TEXT = '상담 운영시간은 평일 09:00~18:00입니다(주말·공휴일 휴무).';

/**
 * The automatic 운영시간 안내 sent once per conversation outside hours: the hours, why it is
 * closed now (a holiday by name), and when a counsellor will answer.
 */
export function afterHoursNoticeText(date: Date): string {
  if (isOpenAt(date)) return `안녕하세요, 복지 상담 창구입니다. ${BUSINESS_HOURS_TEXT} 상담사가 곧 답변드리겠습니다.`;
  const holiday = holidayName(date);
  const reopens = formatKstDateTimeKo(nextOpening(date));
  const weekday = kstParts(date).weekday;
  const today = holiday
    ? `오늘은 ${holiday} 휴무일입니다. `
    : weekday === 0 || weekday === 6
      ? '오늘은 주말 휴무일입니다. '
      : '지금은 상담 시간이 아닙니다. ';
  return (
    `안녕하세요, 복지 상담 창구입니다. ${BUSINESS_HOURS_TEXT} ${today}` +
    `남겨 주신 메시지는 ${reopens}부터 상담사가 순서대로 답변드리겠습니다. ` +
    '긴급한 위기 상황은 보건복지상담센터 129(24시간)로 전화해 주세요.'
  );
}

/**
 * Seconds of opening hours between two instants (0 when `to` is not after `from`): what a
 * service level counts, so that a message left at night waits from 09:00 the next business day.
 */
export function businessSecondsBetween(from: Date, to: Date): number {
  assertValid(from);
  assertValid(to);
  if (to.getTime() <= from.getTime()) return 0;
  let total = 0;
  const start = kstParts(from);
  let dayStart = kstInstant(start.year, start.month, start.day, 0);
  while (dayStart.getTime() < to.getTime()) {
    if (isBusinessDay(dayStart)) {
      const open = dayStart.getTime() + OPENING_MINUTE * 60_000;
      const close = dayStart.getTime() + CLOSING_MINUTE * 60_000;
      const a = Math.max(open, from.getTime());
      const b = Math.min(close, to.getTime());
      if (b > a) total += b - a;
    }
    dayStart = new Date(dayStart.getTime() + DAY_MS);
  }
  return Math.round(total / 1000);
}
