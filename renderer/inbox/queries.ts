import { useInfiniteQuery, useQueries, useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import type {
  ConversationDetail, ConversationListItem, InboxPage, InboxSort, InboxView, MessageCursor, MessageView,
} from '../../common/desk-api/index.js';
import type { Counsellor } from '../../common/domain/index.js';
import { getDesk, queryKeys } from '../app/desk.js';

/** Rows per read of the list: the virtualiser asks for the pages that hold the rows it shows. */
export const LIST_PAGE = 50;

/** The pages' rows by their index in the view (one stable object while the pages do not change). */
function rowsOfPages(results: Array<{ data?: InboxPage | undefined; error: unknown }>) {
  const rows = new Map<number, ConversationListItem>();
  let total: number | undefined;
  let error: unknown = null;
  for (const r of results) {
    if (r.error) error ??= r.error;
    const { data } = r;
    if (!data) continue;
    total ??= data.total;
    data.items.forEach((c, i) => rows.set(data.offset + i, c));
  }
  return { rows, total, error };
}

/**
 * The rows of a view from `fromPage` to `toPage` (pages of LIST_PAGE rows), and the view's total.
 * Each page is its own query, so scrolling reads only the pages that come into view and a change
 * refetches only the pages on screen.
 */
export function useInboxWindow(view: InboxView, q: string, sort: InboxSort, fromPage: number, toPage: number) {
  const pages = Array.from({ length: Math.max(1, toPage - fromPage + 1) }, (_, i) => fromPage + i);
  const read = useQueries({
    queries: pages.map((page) => ({
      queryKey: queryKeys.inboxPage(view, q, sort, page),
      queryFn: () => getDesk().inbox.page({ view, q, sort, offset: page * LIST_PAGE, limit: LIST_PAGE }),
    })),
    combine: rowsOfPages,
  });
  const { rows, error } = read;
  let { total } = read;
  // While newly scrolled-to pages load, the view keeps the size it had (else the list would
  // collapse to nothing and scroll back to the top).
  const [known, setKnown] = useState<{ key: string; total: number } | null>(null);
  const key = `${view}\u0000${q}\u0000${sort}`;
  if (total !== undefined && (known?.key !== key || known.total !== total)) setKnown({ key, total });
  else if (total === undefined && known?.key === key) total = known.total;
  return { rows, total, error };
}

interface ConversationPage {
  /** On the first (newest) page only: the conversation and its side panel. */
  detail: ConversationDetail | null;
  messages: MessageView[];
  olderCursor: MessageCursor | null;
}

/**
 * The open conversation: its newest page of messages first, older pages on demand. One infinite
 * query, so that a change refetches the loaded pages in order and no message falls between them.
 */
export function useConversation(id: string | null) {
  const query = useInfiniteQuery({
    queryKey: queryKeys.conversation(id ?? ''),
    queryFn: async ({ pageParam }): Promise<ConversationPage> => {
      const desk = getDesk();
      if (pageParam === null) {
        const detail = await desk.inbox.get({ conversationId: id ?? '' });
        return { detail, messages: detail.messages, olderCursor: detail.olderCursor };
      }
      return { detail: null, ...(await desk.inbox.messages({ conversationId: id ?? '', before: pageParam })) };
    },
    initialPageParam: null as MessageCursor | null,
    getNextPageParam: (last) => last.olderCursor,
    enabled: id !== null,
  });
  const { data } = query;
  const messages = useMemo(() => (data ? [...data.pages].reverse().flatMap((p) => p.messages) : []), [data]);
  return {
    detail: data?.pages[0]?.detail ?? null,
    messages,
    error: query.error,
    isPending: query.isPending,
    hasOlder: query.hasNextPage,
    loadingOlder: query.isFetchingNextPage,
    loadOlder: query.fetchNextPage,
  };
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
