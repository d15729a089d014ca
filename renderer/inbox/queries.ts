import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { InboxSort, InboxView } from '../../common/desk-api/index.js';
import type { Counsellor } from '../../common/domain/index.js';
import { getDesk, queryKeys } from '../app/desk.js';

export function useInboxList(view: InboxView, q: string, sort: InboxSort) {
  return useQuery({
    queryKey: queryKeys.inboxList(view, q, sort),
    queryFn: () => getDesk().inbox.list({ view, q, sort }),
    placeholderData: keepPreviousData,
  });
}

export function useConversationDetail(id: string | null) {
  return useQuery({
    queryKey: queryKeys.conversation(id ?? ''),
    queryFn: () => getDesk().inbox.get({ conversationId: id ?? '' }),
    enabled: id !== null,
  });
}

export function useCannedReplies() {
  return useQuery({ queryKey: queryKeys.cannedReplies, queryFn: () => getDesk().inbox.cannedReplies() });
}

export function useCounsellors() {
  return useQuery({ queryKey: queryKeys.counsellors, queryFn: () => getDesk().inbox.counsellors() });
}

export function useCounsellorNames(): Map<string, string> {
  const { data } = useCounsellors();
  const map = new Map<string, string>();
  for (const c of data ?? ([] as Counsellor[])) map.set(c.id, c.displayName);
  return map;
}

export function useMe(): Counsellor | null {
  const { data } = useQuery({ queryKey: queryKeys.session, queryFn: () => getDesk().session.getState() });
  return data?.counsellor ?? null;
}
