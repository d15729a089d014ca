import type { CallLog } from '../../../common/domain/index.js';
import { phoneMatchKey } from '../../../common/phone/index.js';
import type { CallLogListQuery } from '../../../common/rest/contract.js';
import type { z } from 'zod';
import { foldText, SEARCH_FIELDS } from './search-index.js';

export type CallLogFilter = Omit<z.output<typeof CallLogListQuery>, 'cursor' | 'limit'>;

const fold = foldText;

/** Whether a record passes the list filters; the same predicate drives list, export and stats so their counts agree. */
export function matchesFilter(log: CallLog, f: CallLogFilter): boolean {
  const t = Date.parse(log.startedAt);
  if (f.from && t < Date.parse(f.from)) return false;
  if (f.to && t >= Date.parse(f.to)) return false;
  if (f.counsellor && log.counsellorId !== f.counsellor) return false;
  if (f.field && log.field !== f.field) return false;
  if (f.channel && log.channel !== f.channel) return false;
  if (f.action && log.action !== f.action) return false;
  if (f.phone) {
    const key = phoneMatchKey(f.phone);
    if (!key || !log.callerPhone || !log.callerPhone.includes(key)) return false;
  }
  if (f.q && f.q.trim()) {
    const q = fold(f.q);
    if (!SEARCH_FIELDS.some((k) => {
      const v = log[k];
      return typeof v === 'string' && fold(v).includes(q);
    })) return false;
  }
  return true;
}

const binary = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Newest first, ties by id so pages are stable. Plain code-unit order, the same as SQLite's
 * `ORDER BY started_at DESC, id DESC`, which queryPage relies on (and far cheaper than localeCompare).
 */
export function byStartedDesc(a: CallLog, b: CallLog): number {
  return binary(b.startedAt, a.startedAt) || binary(b.id, a.id);
}
