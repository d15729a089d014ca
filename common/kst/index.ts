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

/** `YYYY-MM-DDTHH:mm` (a datetime-local input's value) read as KST -> ISO instant; null when incomplete. */
export function kstWallToIso(wall: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(wall)) return null;
  const t = Date.parse(`${wall.length === 16 ? `${wall}:00` : wall}+09:00`);
  return Number.isNaN(t) ? null : new Date(t).toISOString();
}

/** ISO instant -> `YYYY-MM-DDTHH:mm` on the KST wall clock (for datetime-local inputs). */
export function isoToKstWall(instant: string | Date): string {
  return kstDateTime(instant).replace(' ', 'T');
}

/** `YYYY-MM-DD` read as the start of that KST day -> ISO instant. */
export function kstDayStartIso(day: string): string | null {
  return kstWallToIso(`${day}T00:00`);
}
