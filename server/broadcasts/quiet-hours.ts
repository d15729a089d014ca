/**
 * Quiet hours for notices: Kakao forbids channel/brand (advertising) messages at night, 20:50 to
 * 08:00 KST. BOKJI_BROADCAST_QUIET_HOURS is `HH:MM-HH:MM` (KST; the window may cross midnight)
 * or `off` (tests, and operators whose bridge enforces it itself).
 */
export interface QuietHours {
  /** Minutes after KST midnight. */
  startMin: number;
  endMin: number;
}

export const DEFAULT_QUIET_HOURS = '20:50-08:00';
const KST_OFFSET_MIN = 9 * 60;

export function parseQuietHours(text: string): QuietHours | null {
  const t = text.trim().toLowerCase();
  if (t === 'off' || t === 'none' || t === '0') return null;
  const m = /^([01]\d|2[0-3]):([0-5]\d)\s*-\s*([01]\d|2[0-3]):([0-5]\d)$/.exec(t);
  if (!m) throw new Error(`BOKJI_BROADCAST_QUIET_HOURS must be HH:MM-HH:MM (KST) or off, e.g. ${DEFAULT_QUIET_HOURS}`);
  const startMin = Number(m[1]) * 60 + Number(m[2]);
  const endMin = Number(m[3]) * 60 + Number(m[4]);
  if (startMin === endMin) throw new Error('BOKJI_BROADCAST_QUIET_HOURS: start and end must differ');
  return { startMin, endMin };
}

const kstMinuteOfDay = (at: Date) => (((Math.floor(at.getTime() / 60_000) + KST_OFFSET_MIN) % 1440) + 1440) % 1440;

export function isQuiet(q: QuietHours | null, at: Date): boolean {
  if (!q) return false;
  const m = kstMinuteOfDay(at);
  return q.startMin < q.endMin ? m >= q.startMin && m < q.endMin : m >= q.startMin || m < q.endMin;
}

/** When the quiet window holding `at` ends (the send resumes then); `at` itself when not quiet. */
export function quietUntil(q: QuietHours | null, at: Date): Date {
  if (!isQuiet(q, at) || !q) return at;
  const m = kstMinuteOfDay(at);
  const wait = (q.endMin - m + 1440) % 1440;
  const startOfMinute = Math.floor(at.getTime() / 60_000) * 60_000;
  return new Date(startOfMinute + wait * 60_000);
}
