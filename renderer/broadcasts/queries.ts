import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Broadcast, BroadcastStatus, Dong, RecipientStatus, SubscriberStatus } from '../../common/subscriptions/index.js';
import type { LifeStage } from '../../common/domain/index.js';
import { getDesk } from '../app/desk.js';

/** Every key starts with 'broadcasts' (the DeskApi namespace); one invalidation refreshes the screens. */
export const broadcastKeys = {
  all: ['broadcasts'] as const,
  topics: ['broadcasts', 'topics'] as const,
  statement: ['broadcasts', 'statement'] as const,
  list: (status: BroadcastStatus | 'any') => ['broadcasts', 'list', status] as const,
  one: (id: string) => ['broadcasts', 'one', id] as const,
  report: (id: string) => ['broadcasts', 'report', id] as const,
  recipients: (id: string, status: RecipientStatus | null, cursor: string | null) => ['broadcasts', 'recipients', id, status, cursor] as const,
  audience: (topics: string[], dongs: string[], lifeStages: string[]) => ['broadcasts', 'audience', topics, dongs, lifeStages] as const,
  subscribers: (f: SubscriberFilter, cursor: string | null) => ['broadcasts', 'subscribers', f, cursor] as const,
  subscriber: (key: string) => ['broadcasts', 'subscriber', key] as const,
};

export interface SubscriberFilter {
  topic: string | null;
  dong: Dong | null;
  status: SubscriberStatus | null;
}

/** A notice still moving: its counts are fetched again every 2 s while the screen shows it. */
export const isLive = (b: Pick<Broadcast, 'status'>) => b.status === 'sending' || b.status === 'scheduled' || b.status === 'paused';
const LIVE_MS = 2_000;

export function useTopics() {
  return useQuery({ queryKey: broadcastKeys.topics, queryFn: () => getDesk().broadcasts.topics(), staleTime: 5 * 60_000 });
}

export function useConsentStatement() {
  return useQuery({ queryKey: broadcastKeys.statement, queryFn: () => getDesk().broadcasts.consentStatement(), staleTime: 5 * 60_000 });
}

/** Notices of one status (or all), newest first; polled while any of them is sending. */
export function useBroadcasts(status: BroadcastStatus | 'any', enabled = true) {
  return useQuery({
    queryKey: broadcastKeys.list(status),
    queryFn: () => getDesk().broadcasts.list(status === 'any' ? { limit: 100 } : { status, limit: 100 }),
    enabled,
    staleTime: 0,
    refetchInterval: (q) => (q.state.data?.some(isLive) ? LIVE_MS : false),
  });
}

export function useReport(id: string | null) {
  return useQuery({
    queryKey: broadcastKeys.report(id ?? ''),
    queryFn: () => getDesk().broadcasts.report({ id: id! }),
    enabled: id !== null,
    staleTime: 0,
    refetchInterval: (q) => (q.state.data && isLive(q.state.data.broadcast) ? LIVE_MS : false),
  });
}

export function useRecipients(id: string, status: RecipientStatus | null, cursor: string | null) {
  return useQuery({
    queryKey: broadcastKeys.recipients(id, status, cursor),
    queryFn: () => getDesk().broadcasts.recipients({ id, limit: 50, ...(status ? { status } : {}), ...(cursor ? { cursor } : {}) }),
    placeholderData: keepPreviousData,
    staleTime: 0,
  });
}

/** How many active subscribers the draft reaches now; asked again as the topics or the narrowing change. */
export function useAudience(topics: string[], dongs: Dong[], lifeStages: LifeStage[]) {
  return useQuery({
    queryKey: broadcastKeys.audience(topics, dongs, lifeStages),
    queryFn: () => getDesk().broadcasts.audience({ topics, dongs, lifeStages }),
    enabled: topics.length > 0,
    placeholderData: keepPreviousData,
    staleTime: 0,
  });
}

export function useSubscribers(filter: SubscriberFilter, cursor: string | null, enabled = true) {
  return useQuery({
    queryKey: broadcastKeys.subscribers(filter, cursor),
    queryFn: () =>
      getDesk().broadcasts.subscribers({
        limit: 20,
        ...(filter.topic ? { topic: filter.topic } : {}),
        ...(filter.dong ? { dong: filter.dong } : {}),
        ...(filter.status ? { status: filter.status } : {}),
        ...(cursor ? { cursor } : {}),
      }),
    enabled,
    placeholderData: keepPreviousData,
    staleTime: 0,
  });
}

export function useSubscriber(citizenKey: string | null) {
  return useQuery({
    queryKey: broadcastKeys.subscriber(citizenKey ?? ''),
    queryFn: () => getDesk().broadcasts.subscriber({ citizenKey: citizenKey! }),
    enabled: citizenKey !== null,
    staleTime: 0,
  });
}

type Transition = 'submit' | 'approve' | 'cancel' | 'pause' | 'resume';

/** submit / approve / cancel / pause / resume: the server's answer replaces the cached notice. */
export function useTransition(kind: Transition) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => getDesk().broadcasts[kind]({ id }),
    onSettled: () => client.invalidateQueries({ queryKey: broadcastKeys.all }),
  });
}

export function useSaveNotice() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (args: { existing: Broadcast | null; input: Parameters<ReturnType<typeof getDesk>['broadcasts']['create']>[0] }) => {
      const desk = getDesk();
      if (!args.existing) return desk.broadcasts.create(args.input);
      const { id: _id, ...patch } = args.input;
      return desk.broadcasts.update({ id: args.existing.id, patch, baseVersion: args.existing.version });
    },
    onSettled: () => client.invalidateQueries({ queryKey: broadcastKeys.all }),
  });
}

export function useSaveSubscriber() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (args: Parameters<ReturnType<typeof getDesk>['broadcasts']['saveSubscriber']>[0]) => getDesk().broadcasts.saveSubscriber(args),
    onSuccess: (s) => client.setQueryData(broadcastKeys.subscriber(s.citizenKey), s),
    onSettled: () => client.invalidateQueries({ queryKey: ['broadcasts', 'subscribers'] }),
  });
}
