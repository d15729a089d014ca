import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { defaultInboxSort, type InboxSort, type InboxView } from '../../common/desk-api/index.js';
import { getDesk } from '../app/desk.js';
import { listen } from '../app/workspace-bus.js';

interface InboxSelection {
  openId: string | null;
  open: (conversationId: string) => void;
  view: InboxView;
  setView: (view: InboxView) => void;
  query: string;
  setQuery: (q: string) => void;
  /** The list's order; each view keeps its own, starting from its default (미배정: longest waiting first). */
  sort: InboxSort;
  setSort: (sort: InboxSort) => void;
}

const Ctx = createContext<InboxSelection | null>(null);

/**
 * Which conversation is open, shared by the list and the conversation pane. Opening also comes
 * from outside: a clicked notification (inbox.onFocusRequest) and other features ('inbox:open').
 */
export function InboxSelectionProvider({ children, onOpen }: { children: ReactNode; onOpen?: (id: string) => void }) {
  const [openId, setOpenId] = useState<string | null>(null);
  const [view, setView] = useState<InboxView>('mine');
  const [query, setQuery] = useState('');
  const [sorts, setSorts] = useState<Partial<Record<InboxView, InboxSort>>>({});
  const sort = sorts[view] ?? defaultInboxSort(view);
  const setSort = useCallback((s: InboxSort) => setSorts((all) => ({ ...all, [view]: s })), [view]);
  const open = useCallback(
    (id: string) => {
      setOpenId(id);
      onOpen?.(id);
    },
    [onOpen],
  );
  useEffect(() => {
    const offBus = listen('inbox:open', ({ conversationId }) => open(conversationId));
    const offDesk = getDesk().inbox.onFocusRequest(({ conversationId }) => open(conversationId));
    return () => {
      offBus();
      offDesk();
    };
  }, [open]);
  const value = useMemo(() => ({ openId, open, view, setView, query, setQuery, sort, setSort }), [openId, open, view, query, sort, setSort]);
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

export function useInboxSelection(): InboxSelection {
  const v = useContext(Ctx);
  if (!v) throw new Error('useInboxSelection outside InboxSelectionProvider');
  return v;
}
