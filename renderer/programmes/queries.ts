import { keepPreviousData, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import type { Programme, ProgrammeFilters } from '../../common/domain/index.js';
import { getDesk, queryKeys } from '../app/desk.js';

/** Query keys under ['programmes', …]: the shell drops them all on programmes.onChange. */
export const programmeKeys = {
  search: (q: string, filters: ProgrammeFilters, limit: number) => ['programmes', 'search', q, filters, limit] as const,
  one: (id: string) => ['programmes', 'get', id] as const,
  favourites: ['programmes', 'favourites'] as const,
  recents: ['programmes', 'recents'] as const,
};

export const RESULT_LIMIT = 30;

/** The search for exactly this query now (Enter pressed before the debounced search caught up). */
export function useFetchProgrammeSearch() {
  const client = useQueryClient();
  return useCallback(
    (q: string, filters: ProgrammeFilters) =>
      client.fetchQuery({
        queryKey: programmeKeys.search(q, filters, RESULT_LIMIT),
        queryFn: () => getDesk().programmes.search({ q, ...filters, limit: RESULT_LIMIT }),
      }),
    [client],
  );
}

export function useProgrammeSearch(q: string, filters: ProgrammeFilters, enabled: boolean) {
  return useQuery({
    queryKey: programmeKeys.search(q, filters, RESULT_LIMIT),
    queryFn: () => getDesk().programmes.search({ q, ...filters, limit: RESULT_LIMIT }),
    enabled,
    // Keep the last results on screen while the next keystroke's search runs: no flicker.
    placeholderData: keepPreviousData,
  });
}

export function useProgramme(id: string | null) {
  return useQuery({
    queryKey: programmeKeys.one(id ?? ''),
    queryFn: () => getDesk().programmes.get({ id: id! }),
    enabled: id !== null,
  });
}

/** Programmes for a list of ids (favourites, recents), in that order, skipping unknown ids. */
export function useProgrammesById(ids: string[]): Programme[] {
  const results = useQueries({
    queries: ids.map((id) => ({ queryKey: programmeKeys.one(id), queryFn: () => getDesk().programmes.get({ id }) })),
  });
  return results.flatMap((r) => (r.data ? [r.data] : []));
}

export function useFavourites() {
  const client = useQueryClient();
  const query = useQuery({ queryKey: programmeKeys.favourites, queryFn: () => getDesk().programmes.favourites() });
  const toggle = useCallback(
    async (id: string) => {
      const next = await getDesk().programmes.toggleFavourite({ id });
      client.setQueryData(programmeKeys.favourites, next);
    },
    [client],
  );
  return { ids: query.data ?? [], toggle };
}

export function useRecents() {
  const client = useQueryClient();
  const query = useQuery({ queryKey: programmeKeys.recents, queryFn: () => getDesk().programmes.recents() });
  const markUsed = useCallback(
    async (id: string) => {
      await getDesk().programmes.markUsed({ id });
      await client.invalidateQueries({ queryKey: programmeKeys.recents });
    },
    [client],
  );
  return { ids: query.data ?? [], markUsed };
}

/** Who is signed in (the shell caches it under ['session']); decides whether 수정 is offered. */
export function useSessionState() {
  return useQuery({ queryKey: queryKeys.session, queryFn: () => getDesk().session.getState(), retry: false });
}
