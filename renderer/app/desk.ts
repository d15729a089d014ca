import { QueryClient, type QueryKey } from '@tanstack/react-query';
import { DeskError, type DeskApi } from '../../common/desk-api/index.js';

/** The one way into the desktop: `window.desk`, installed by the preload or the browser harness. */
export function getDesk(): DeskApi {
  const desk = (window as Partial<Window>).desk;
  if (!desk) throw new DeskError('internal', '데스크 연결(window.desk)이 없습니다. 앱을 다시 시작하세요.');
  return desk;
}

/**
 * Query keys start with the DeskApi namespace, so that a desk event can invalidate everything a
 * namespace caches: ['inbox', …] is dropped on inbox.onChange, ['programmes', …] on
 * programmes.onChange, ['calls', …] on calls.onChange. Features outside the inbox use the same rule.
 */
export const queryKeys = {
  session: ['session'] as const,
  settings: ['settings'] as const,
  window: ['window'] as const,
  syncStatus: ['sync', 'status'] as const,
  conflicts: ['sync', 'conflicts'] as const,
  inboxLists: ['inbox', 'list'] as const,
  inboxPage: (view: string, q: string, sort: string, page: number) => ['inbox', 'list', view, q, sort, page] as const,
  openChatCounts: ['inbox', 'list', 'openChatCounts'] as const,
  conversation: (id: string) => ['inbox', 'conversation', id] as const,
  cannedReplies: ['inbox', 'canned'] as const,
  counsellors: ['inbox', 'counsellors'] as const,
  draft: (id: string) => ['inbox', 'draft', id] as const,
};

export function createDeskQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      // Local replica: reads are cheap and events tell us when data changed, so no polling and no
      // refetch storms on focus; one retry only, since a failing local call will fail again.
      queries: { staleTime: Infinity, refetchOnWindowFocus: false, retry: 1, gcTime: 5 * 60_000 },
      mutations: { retry: false },
    },
  });
}

/** Wires desk events to the cache. Returns the unsubscribe of every subscription. */
export function bindDeskEvents(desk: DeskApi, client: QueryClient): () => void {
  const invalidate = (key: QueryKey) => void client.invalidateQueries({ queryKey: key });
  const offs = [
    desk.inbox.onChange(({ conversationIds, entities }) => {
      invalidate(queryKeys.inboxLists);
      for (const id of conversationIds) invalidate(queryKeys.conversation(id));
      if (entities.includes('cannedReply')) invalidate(queryKeys.cannedReplies);
      if (entities.includes('counsellor')) invalidate(queryKeys.counsellors);
      // A change we cannot place (no ids) may touch any open conversation.
      if (conversationIds.length === 0) invalidate(['inbox', 'conversation']);
    }),
    desk.programmes.onChange(() => invalidate(['programmes'])),
    desk.calls.onChange(({ ids }) => {
      invalidate(['calls']);
      // Call logs appear in the citizen side panel of a conversation.
      if (ids.length > 0) invalidate(['inbox', 'conversation']);
    }),
    desk.session.onChange((state) => client.setQueryData(queryKeys.session, state)),
    desk.settings.onChange((s) => client.setQueryData(queryKeys.settings, s)),
    desk.window.onStateChange((s) => client.setQueryData(queryKeys.window, s)),
    desk.sync.onSyncStatus((s) => {
      const before = client.getQueryData<{ conflicts: number }>(queryKeys.syncStatus);
      client.setQueryData(queryKeys.syncStatus, s);
      if (before?.conflicts !== s.conflicts) invalidate(queryKeys.conflicts);
    }),
  ];
  return () => offs.forEach((off) => off());
}
