/** How urgent a wait is; the list colours the waiting time by it. Thresholds follow the centre's 5/15/30-minute targets. */
export type WaitLevel = 'none' | 'ok' | 'warn' | 'late' | 'overdue';

export function waitLevel(waitingSince: string | null, now: number): WaitLevel {
  if (!waitingSince) return 'none';
  const min = (now - Date.parse(waitingSince)) / 60_000;
  if (min < 5) return 'ok';
  if (min < 15) return 'warn';
  if (min < 30) return 'late';
  return 'overdue';
}

export const WAIT_COLOURS: Record<WaitLevel, string> = {
  none: 'dimmed',
  ok: 'teal.9',
  warn: 'yellow.9',
  late: 'orange.9',
  overdue: 'red.9',
};
