import { kst } from '../app/time.js';

/** The 보류 dialog's choices: until the citizen writes, 30분, 1시간, 내일 오전 9시, or a typed time. */
export type HoldChoice = 'next' | '30m' | '1h' | 'tomorrow9' | 'time';

/**
 * When a hold ends, as an ISO instant; null = at the citizen's next message; undefined = the typed
 * time is not in the future. Times are Seoul wall-clock time whatever zone the workstation runs in.
 */
export function holdUntil(choice: HoldChoice, now: number, typed: string): string | null | undefined {
  switch (choice) {
    case 'next':
      return null;
    case '30m':
      return new Date(now + 30 * 60_000).toISOString();
    case '1h':
      return new Date(now + 60 * 60_000).toISOString();
    case 'tomorrow9':
      return kst(now).add(1, 'day').hour(9).minute(0).second(0).millisecond(0).toDate().toISOString();
    case 'time': {
      const ms = Date.parse(`${typed}:00${kst(now).format('Z')}`);
      return Number.isFinite(ms) && ms > now ? new Date(ms).toISOString() : undefined;
    }
  }
}
