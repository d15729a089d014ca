import { STATS_UNSET_KEY, type StatsQuery, type StatsResult } from '../../../common/desk-api/index.js';
import { kstPeriodStart } from '../../../common/kst/index.js';

/** The part of a record statistics look at. */
export interface StatsRow {
  id: string;
  startedAt: string;
  counsellorId: string;
  field: string | null;
  channel: string;
  action: string | null;
}

function keyOf(log: StatsRow, dimension: StatsQuery['dimension']): string {
  const v = dimension === 'counsellor' ? log.counsellorId : log[dimension];
  return v ?? STATS_UNSET_KEY;
}

/** Counts records per KST period and dimension value over [from, to); every record is counted exactly once. */
export function computeStats(
  logs: readonly StatsRow[],
  q: StatsQuery,
): StatsResult {
  const from = Date.parse(q.from);
  const to = Date.parse(q.to);
  const counts = new Map<string, { period: string; key: string; count: number }>();
  let total = 0;
  for (const log of logs) {
    const t = Date.parse(log.startedAt);
    if (t < from || t >= to) continue;
    const period = kstPeriodStart(log.startedAt, q.groupBy);
    const key = keyOf(log, q.dimension);
    const id = `${period}\u0000${key}`;
    const row = counts.get(id);
    if (row) row.count += 1;
    else counts.set(id, { period, key, count: 1 });
    total += 1;
  }
  const rows = [...counts.values()].sort((a, b) => a.period.localeCompare(b.period) || a.key.localeCompare(b.key));
  return { rows, total };
}
