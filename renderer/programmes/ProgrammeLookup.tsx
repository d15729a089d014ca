import { Alert, Group, Loader, Stack, Tabs, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { useCallback, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Programme, ProgrammeFilters } from '../../common/domain/index.js';
import { request, useWorkspaceRequest } from '../app/workspace-bus.js';
import { PROGRAMME_QUERY_MAX } from './programme-text.js';
import { EligibilityScreen } from './EligibilityScreen.js';
import { FilterChips } from './FilterChips.js';
import { ProgrammeDetail } from './ProgrammeDetail.js';
import { ATTRIBUTION, programmeClipboardText } from './programme-text.js';
import { useFavourites, useSessionState, useFetchProgrammeSearch, useProgramme, useProgrammesById, useProgrammeSearch, useRecents } from './queries.js';
import { ResultList, optionId, type ResultItem } from './ResultList.js';
import { useCtrlK } from './useCtrlK.js';

type Tab = 'search' | 'screen';
const DEBOUNCE_MS = 120;

/**
 * The programme lookup of the side panel: a searchbox (Ctrl+K from anywhere) with results as you
 * type, filter chips, favourites and recents when nothing is typed, a detail view with copy /
 * send to chat / attach to the call log, and the income quick screen in a second tab.
 * Keyboard: ↑↓ move through results, Enter opens, Esc goes back (or clears the query).
 */
export function ProgrammeLookup() {
  const { t } = useTranslation('programmes');
  const baseId = useId().replace(/:/g, '');
  const inputRef = useRef<HTMLInputElement>(null);
  const [tab, setTab] = useState<Tab>('search');
  const [q, setQ] = useState('');
  const [debounced] = useDebouncedValue(q, DEBOUNCE_MS);
  const [filters, setFilters] = useState<ProgrammeFilters>({});
  // The active result belongs to one result list: a new query or filter starts again at the top.
  const [activeState, setActiveState] = useState({ key: '', index: 0 });
  const [open, setOpen] = useState<Programme | null>(null);
  const [status, setStatus] = useState('');

  const searching = debounced.trim().length > 0 || Object.values(filters).some(Boolean);
  const search = useProgrammeSearch(debounced.trim(), filters, searching);
  const fetchSearch = useFetchProgrammeSearch();
  const favourites = useFavourites();
  const recents = useRecents();
  const favouriteItems = useProgrammesById(favourites.ids);
  const recentItems = useProgrammesById(recents.ids);
  const fresh = useProgramme(open?.id ?? null);
  const me = useSessionState();
  // The catalogue may change while the detail is open (an admin edit): show the latest version.
  const detail = open ? (fresh.data ?? (fresh.isFetched && fresh.data === null ? null : open)) : null;

  const lists = useMemo(() => {
    if (searching) {
      const items: ResultItem[] = (search.data?.items ?? []).map(({ programme, hit }) => ({ programme, hit }));
      return [{ id: `${baseId}-results`, label: t('results'), items, empty: t('noResults') }];
    }
    return [
      { id: `${baseId}-favourites`, label: t('favourites'), items: favouriteItems.map((programme) => ({ programme })), empty: t('noFavourites') },
      { id: `${baseId}-recents`, label: t('recents'), items: recentItems.map((programme) => ({ programme })), empty: t('noRecents') },
    ];
  }, [searching, search.data, favouriteItems, recentItems, baseId, t]);
  const flat = lists.flatMap((l) => l.items.map((item) => ({ listId: l.id, item })));
  const listKey = JSON.stringify([searching, debounced, filters]);
  const active = activeState.key === listKey ? activeState.index : 0;
  const setActive = (next: (i: number) => number) => setActiveState({ key: listKey, index: next(active) });
  const current = flat[Math.min(active, flat.length - 1)];

  const focusSearch = useCallback(() => {
    inputRef.current?.focus();
    inputRef.current?.select();
  }, []);

  // Where Ctrl+K came from, so that Esc can go back there (the reply box, the record form…).
  const cameFrom = useRef<HTMLElement | null>(null);
  useCtrlK(() => {
    const here = document.activeElement;
    if (here instanceof HTMLElement && here !== inputRef.current && here !== document.body) cameFrom.current = here;
    // The shell brings the programmes area into view (narrow layout: its tab) and focuses it.
    request('area:focus', { area: 'programmes' });
    setTab('search');
    setOpen(null);
    requestAnimationFrame(focusSearch);
    focusSearch();
  });

  // 이 메시지로 찾기: a citizen's whole message becomes the query (the search reads sentences).
  useWorkspaceRequest('programmes:search', useCallback(({ q: text }: { q: string }) => {
    request('area:focus', { area: 'programmes' });
    setQ(text.replace(/\s+/g, ' ').trim().slice(0, PROGRAMME_QUERY_MAX));
    setTab('search');
    setOpen(null);
  }, []));

  const openProgramme = (p: Programme) => {
    setOpen(p);
    setStatus('');
    void recents.markUsed(p.id).catch(() => {});
  };

  const back = () => {
    setOpen(null);
    requestAnimationFrame(focusSearch);
  };

  function onSearchKeyDown(e: KeyboardEvent<HTMLInputElement>) {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      if (open || flat.length === 0) return;
      e.preventDefault();
      const d = e.key === 'ArrowDown' ? 1 : -1;
      setActive((i) => Math.max(0, Math.min(flat.length - 1, Math.min(i, flat.length - 1) + d)));
    } else if (e.key === 'Enter') {
      if (open) return;
      e.preventDefault();
      if (debounced.trim() === q.trim() && !search.isPlaceholderData) {
        if (current) openProgramme(current.item.programme);
      } else if (q.trim()) {
        // Typed fast and pressed Enter before the results caught up: open the top result of what is typed now.
        const typed = q.trim();
        void fetchSearch(typed, filters).then((r) => {
          const top = r.items[0];
          if (top && inputRef.current?.value.trim() === typed) openProgramme(top.programme);
        }, () => {});
      }
    } else if (e.key === 'Escape') {
      if (open) return;
      if (q) {
        e.preventDefault();
        setQ('');
      }
      // Back to where Ctrl+K was pressed (the narrow layout shows that area again).
      const back = cameFrom.current;
      cameFrom.current = null;
      if (back?.isConnected) {
        e.preventDefault();
        const area = back.closest<HTMLElement>('[data-area]')?.dataset.area;
        if (area === 'inbox' || area === 'conversation' || area === 'calls') request('area:show', { area });
        requestAnimationFrame(() => back.focus());
      }
    }
  }

  function onPanelKeyDown(e: KeyboardEvent<HTMLElement>) {
    if (e.key === 'Escape' && open) {
      e.preventDefault();
      back();
    }
  }

  async function copy(p: Programme) {
    try {
      await navigator.clipboard.writeText(programmeClipboardText(p));
      setStatus(t('copied'));
    } catch {
      setStatus(t('copyFailed'));
    }
  }

  const activeDescendant = !open && tab === 'search' && current ? optionId(current.listId, current.item.programme.id) : undefined;

  return (
    <Stack component="section" gap="xs" aria-label={t('panel')} onKeyDown={onPanelKeyDown} p="xs">
      <TextInput
        ref={inputRef}
        type="search"
        aria-label={t('searchLabel')}
        placeholder={t('searchPlaceholder')}
        title={t('searchPlaceholder')}
        leftSection={<IconSearch size={16} aria-hidden />}
        value={q}
        onChange={(e) => {
          setQ(e.currentTarget.value);
          setTab('search');
          if (open) setOpen(null);
        }}
        onKeyDown={onSearchKeyDown}
        // Only lists that are on screen: an id of nothing is an error for assistive technology.
        aria-controls={lists.filter((l) => l.items.length > 0 && !open && tab === 'search').map((l) => l.id).join(' ') || undefined}
        aria-activedescendant={activeDescendant}
        autoComplete="off"
        spellCheck={false}
      />
      <Tabs value={tab} onChange={(v) => setTab((v as Tab | null) ?? 'search')} keepMounted>
        <Tabs.List>
          <Tabs.Tab value="search">{t('tabSearch')}</Tabs.Tab>
          <Tabs.Tab value="screen">{t('tabScreen')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="search" pt="xs">
          {detail ? (
            <ProgrammeDetail
              key={detail.id}
              programme={detail}
              favourite={favourites.ids.includes(detail.id)}
              onBack={back}
              canEdit={me.data?.counsellor?.role === 'admin'}
              onToggleFavourite={() => void favourites.toggle(detail.id)}
              onCopy={() => void copy(detail)}
              onSendToChat={() => {
                request('composer:insertProgramme', { programme: detail });
                setStatus(t('sentToChat'));
              }}
              onAttach={() => {
                request('callLog:attachProgramme', { programme: detail });
                setStatus(t('attached'));
              }}
            />
          ) : open && detail === null ? (
            <Alert color="gray">{t('notFound')}</Alert>
          ) : (
            <Stack gap="xs">
              <FilterChips filters={filters} onChange={setFilters} />
              {search.isError && searching && (
                <Alert color="red">{t('searchFailed', { message: (search.error as Error).message })}</Alert>
              )}
              {searching && (
                <Group justify="space-between" gap="xs">
                  <Text size="xs" c="dimmed" aria-live="polite">
                    {search.isFetching ? t('searching') : t('resultCount', { count: search.data?.total ?? 0 })}
                  </Text>
                  {search.isFetching && <Loader size="xs" aria-hidden />}
                  <Text size="xs" c="dimmed">{t('keyboardHint')}</Text>
                </Group>
              )}
              {lists.map((l) => (
                <div key={l.id}>
                  {!searching && <Text size="xs" fw={700} c="dimmed" mb={2}>{l.label}</Text>}
                  {l.items.length > 0 ? (
                    <ResultList
                      id={l.id}
                      label={l.label}
                      items={l.items}
                      active={current?.listId === l.id ? l.items.indexOf(current.item) : -1}
                      onActivate={(i) => setActive(() => flat.findIndex((f) => f.listId === l.id && f.item === l.items[i]))}
                      onOpen={openProgramme}
                    />
                  ) : (
                    (!searching || !search.isFetching) && <Text size="sm" c="dimmed">{l.empty}</Text>
                  )}
                </div>
              ))}
              <Text size="xs" c="dimmed">{ATTRIBUTION}</Text>
            </Stack>
          )}
        </Tabs.Panel>
        <Tabs.Panel value="screen" pt="xs">
          <EligibilityScreen
            onOpen={(p) => {
              setTab('search');
              openProgramme(p);
            }}
          />
        </Tabs.Panel>
      </Tabs>
      <Text size="sm" role="status" aria-live="polite">{status}</Text>
    </Stack>
  );
}
