import { keepPreviousData, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useMemo } from 'react';
import type { DeskApi } from '../../common/desk-api/index.js';
import type { Counsellor } from '../../common/domain/index.js';
import { getDesk, queryKeys } from '../app/desk.js';
import { programmeKeys } from '../programmes/queries.js';

type ListFilter = Parameters<DeskApi['calls']['list']>[0];
type StatsArgs = Parameters<DeskApi['calls']['stats']>[0];

/**
 * Query keys under ['calls', …]: the shell drops them all on calls.onChange (renderer/app/desk.ts),
 * so every calls screen refreshes from one event, without counters of its own.
 */
export const callKeys = {
  all: ['calls'] as const,
  list: (q: ListFilter) => ['calls', 'list', q] as const,
  record: (id: string) => ['calls', 'record', id] as const,
  stats: (q: StatsArgs) => ['calls', 'stats', q] as const,
  callbacks: ['calls', 'callbacks'] as const,
  missed: ['calls', 'missed'] as const,
  drafts: ['calls', 'drafts'] as const,
  history: (phone: string) => ['calls', 'history', phone] as const,
};

export function useCallLogs(q: ListFilter) {
  return useQuery({ queryKey: callKeys.list(q), queryFn: () => getDesk().calls.list(q), placeholderData: keepPreviousData });
}

export function useCallLogRecord(id: string | null) {
  return useQuery({ queryKey: callKeys.record(id ?? ''), queryFn: () => getDesk().calls.get({ id: id! }), enabled: id !== null });
}

export function useCallStats(q: StatsArgs | null) {
  return useQuery({
    queryKey: callKeys.stats(q ?? { from: '', to: '', groupBy: 'day', dimension: 'field' }),
    queryFn: () => getDesk().calls.stats(q!),
    enabled: q !== null,
    placeholderData: keepPreviousData,
  });
}

export function useCallbacks() {
  return useQuery({ queryKey: callKeys.callbacks, queryFn: () => getDesk().calls.callbacks() });
}

export function useMissedCalls() {
  return useQuery({ queryKey: callKeys.missed, queryFn: () => getDesk().calls.missedCalls() });
}

export function useCallDrafts() {
  return useQuery({ queryKey: callKeys.drafts, queryFn: () => getDesk().calls.listDrafts() });
}

export function useCallerHistory(phone: string | null) {
  return useQuery({ queryKey: callKeys.history(phone ?? ''), queryFn: () => getDesk().calls.history({ phone: phone! }), enabled: phone !== null });
}

/** Drops the draft list (drafts change without a calls.onChange: the form writes them). */
export function useRefreshDrafts() {
  const client = useQueryClient();
  return useCallback(() => client.invalidateQueries({ queryKey: callKeys.drafts }), [client]);
}

/** Counsellors of the centre, shared with the inbox's cache (['inbox', 'counsellors']). */
export function useCounsellors(): Counsellor[] {
  const { data } = useQuery({ queryKey: queryKeys.counsellors, queryFn: () => getDesk().inbox.counsellors() });
  return data ?? [];
}

/** Counsellor id -> display name. */
export function useCounsellorNames(): Map<string, string> {
  const counsellors = useCounsellors();
  return useMemo(() => new Map(counsellors.map((c) => [c.id, c.displayName])), [counsellors]);
}

/**
 * Programme id -> name for the ids given, from the programmes cache (['programmes', 'get', id]);
 * an id the desk does not know stays out, so callers can show the id itself as a last resort.
 */
export function useProgrammeNames(ids: readonly string[]): Record<string, string> {
  const unique = useMemo(() => [...new Set(ids)], [ids]);
  const results = useQueries({
    queries: unique.map((id) => ({ queryKey: programmeKeys.one(id), queryFn: () => getDesk().programmes.get({ id }) })),
  });
  const names: Record<string, string> = {};
  for (const r of results) if (r.data) names[r.data.id] = r.data.name;
  // A stable object while the names are the same (the memo key is their joined text).
  const key = Object.entries(names).map(([k, v]) => `${k}=${v}`).join('\u0001');
  // eslint-disable-next-line react-hooks/exhaustive-deps
  return useMemo(() => names, [key]);
}
