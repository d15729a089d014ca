import type { CallLog } from '../../../common/domain/index.js';
import { phoneMatchKey } from '../../../common/phone/index.js';
import type { CallLogListQuery } from '../../../common/rest/contract.js';
import type { z } from 'zod';

export type CallLogFilter = Omit<z.output<typeof CallLogListQuery>, 'cursor' | 'limit'>;

/** Folds case and spaces so that "기초 생활" finds "기초생활". */
const fold = (s: string) => s.toLowerCase().replace(/\s+/g, '');

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
    const fields = [log.callerName, log.need, log.notes, log.subTopic, log.agency, log.dong, log.callerPhone];
    if (!fields.some((v) => typeof v === 'string' && fold(v).includes(q))) return false;
  }
  return true;
}

/** Newest first, ties by id so pages are stable. */
export function byStartedDesc(a: CallLog, b: CallLog): number {
  return b.startedAt.localeCompare(a.startedAt) || b.id.localeCompare(a.id);
}
