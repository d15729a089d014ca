import dayjs from 'dayjs';
import 'dayjs/locale/ko';
import relativeTime from 'dayjs/plugin/relativeTime';
import timezone from 'dayjs/plugin/timezone';
import utc from 'dayjs/plugin/utc';
import { kstDate, kstDayStartIso } from '../../common/kst/index.js';

/**
 * The renderer's one KST helper: every screen formats and parses Seoul time through this module.
 * The fixed-offset functions come from common/kst, which the desk services use for exports and
 * statistics too, so a date on screen, in a print and in a spreadsheet reads the same.
 */
export { isoToKstWall, kstDate, kstDateTime, kstDayStartIso, kstWallToIso } from '../../common/kst/index.js';

dayjs.extend(utc);
dayjs.extend(timezone);
dayjs.extend(relativeTime);

/** The call centre works on Seoul time whatever the workstation's clock zone says. */
export const KST = 'Asia/Seoul';

export function kst(iso: string | number | Date): dayjs.Dayjs {
  return dayjs(iso).tz(KST);
}

/** Clock time for a message, e.g. 오후 2:05. */
export function formatTime(iso: string, lang: string): string {
  return kst(iso).locale(lang).format(lang === 'ko' ? 'A h:mm' : 'h:mm A');
}

/** Time for the list: the clock today, the date before. */
export function formatListTime(iso: string, lang: string, now: number = Date.now()): string {
  const t = kst(iso);
  if (t.format('YYYY-MM-DD') === kst(now).format('YYYY-MM-DD')) return formatTime(iso, lang);
  return t.locale(lang).format(lang === 'ko' ? 'M월 D일' : 'MMM D');
}

/** A day separator label, e.g. 2026년 11월 28일 토요일. */
export function formatDay(iso: string, lang: string): string {
  return kst(iso).locale(lang).format(lang === 'ko' ? 'YYYY년 M월 D일 dddd' : 'dddd, MMMM D, YYYY');
}

/**
 * The KST calendar day of an instant, YYYY-MM-DD. Korea keeps no daylight saving time, so a fixed
 * offset is exact, and far cheaper than a time-zone lookup per message of a long history.
 */
export function dayKey(iso: string): string {
  return kstDate(iso);
}

/** The instants [from, to) covering the KST days `fromDay` to `toDay` (both YYYY-MM-DD, `toDay` inclusive); null parts when a day is incomplete. */
export function kstDayRange(fromDay: string, toDay: string): { from: string | null; to: string | null } {
  let to: string | null = null;
  if (/^\d{4}-\d{2}-\d{2}$/.test(toDay)) {
    const d = new Date(`${toDay}T00:00:00Z`);
    d.setUTCDate(d.getUTCDate() + 1);
    to = kstDayStartIso(d.toISOString().slice(0, 10));
  }
  return { from: fromDay ? kstDayStartIso(fromDay) : null, to };
}

export function formatDateTime(iso: string, lang: string): string {
  return kst(iso).locale(lang).format(lang === 'ko' ? 'YYYY. M. D. A h:mm' : 'MMM D, YYYY h:mm A');
}

/** How long something has waited, in words (3분, 2시간 …). */
export function formatDuration(ms: number, lang: string): string {
  const min = Math.max(0, Math.floor(ms / 60_000));
  if (lang === 'ko') {
    if (min < 1) return '1분 미만';
    if (min < 60) return `${min}분`;
    const h = Math.floor(min / 60);
    if (h < 24) return `${h}시간 ${min % 60}분`;
    return `${Math.floor(h / 24)}일`;
  }
  if (min < 1) return '<1 min';
  if (min < 60) return `${min} min`;
  const h = Math.floor(min / 60);
  if (h < 24) return `${h} h ${min % 60} min`;
  return `${Math.floor(h / 24)} d`;
}
