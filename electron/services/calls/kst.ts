/**
 * Korea Standard Time is UTC+9 all year (no daylight saving), so a fixed offset is exact and
 * avoids a time-zone database in the services.
 */
const KST_OFFSET_MS = 9 * 3600_000;

const pad = (n: number) => String(n).padStart(2, '0');

/** A Date whose UTC fields read as the KST wall clock. */
function kstClock(instant: string | Date): Date {
  const t = typeof instant === 'string' ? Date.parse(instant) : instant.getTime();
  return new Date(t + KST_OFFSET_MS);
}

/** YYYY-MM-DD in KST. */
export function kstDate(instant: string | Date): string {
  const k = kstClock(instant);
  return `${k.getUTCFullYear()}-${pad(k.getUTCMonth() + 1)}-${pad(k.getUTCDate())}`;
}

/** YYYY-MM-DD HH:mm in KST (export and print format). */
export function kstDateTime(instant: string | Date): string {
  const k = kstClock(instant);
  return `${kstDate(instant)} ${pad(k.getUTCHours())}:${pad(k.getUTCMinutes())}`;
}

/** The KST date that starts the period holding `instant`: the day, the Monday of its week, or the 1st of its month. */
export function kstPeriodStart(instant: string, groupBy: 'day' | 'week' | 'month'): string {
  const k = kstClock(instant);
  if (groupBy === 'month') return `${k.getUTCFullYear()}-${pad(k.getUTCMonth() + 1)}-01`;
  if (groupBy === 'week') {
    const sinceMonday = (k.getUTCDay() + 6) % 7;
    k.setUTCDate(k.getUTCDate() - sinceMonday);
  }
  return `${k.getUTCFullYear()}-${pad(k.getUTCMonth() + 1)}-${pad(k.getUTCDate())}`;
}
