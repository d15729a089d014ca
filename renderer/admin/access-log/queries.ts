import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { AccessLogArgs } from '../../../common/desk-api/index.js';
import { getDesk } from '../../app/desk.js';

/** Query keys under ['audit', …]: server data fetched on demand (the log is never in the replica). */
export const auditKeys = {
  log: (filters: Omit<AccessLogArgs, 'cursor'>) => ['audit', 'log', filters] as const,
  reviews: ['audit', 'reviews'] as const,
  destructions: ['audit', 'destructions'] as const,
};

/** The log newest first, a page at a time ("더 보기" follows the server's cursor). */
export function useAccessLog(filters: Omit<AccessLogArgs, 'cursor'>, enabled: boolean) {
  return useInfiniteQuery({
    queryKey: auditKeys.log(filters),
    queryFn: ({ pageParam }) => getDesk().audit.log(pageParam ? { ...filters, cursor: pageParam } : filters),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    enabled,
    // Server data that others keep writing: fetched again each time the screen opens.
    staleTime: 0,
    retry: false,
  });
}

export function useVerifyChain() {
  return useMutation({ mutationFn: () => getDesk().audit.verify() });
}

export function useReviews(enabled: boolean) {
  return useQuery({ queryKey: auditKeys.reviews, queryFn: () => getDesk().audit.reviews(), enabled, staleTime: 0, retry: false });
}

export function useSignReview() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { period: string; note: string }) => getDesk().audit.signReview(input),
    onSuccess: () => client.invalidateQueries({ queryKey: auditKeys.reviews }),
  });
}

export function useDestructions(enabled: boolean) {
  return useQuery({ queryKey: auditKeys.destructions, queryFn: () => getDesk().audit.destructions(), enabled, staleTime: 0, retry: false });
}
