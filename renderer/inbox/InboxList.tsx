import { Alert, Group, NativeSelect, SegmentedControl, Stack, Text, TextInput } from '@mantine/core';
import { IconSearch } from '@tabler/icons-react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { INBOX_SORTS, INBOX_VIEWS, InboxSort, type InboxView } from '../../common/desk-api/index.js';
import { useErrorText } from '../app/errors.js';
import { ConversationRow, ROW_HEIGHT, optionId } from './ConversationRow.js';
import { LIST_PAGE, useCounsellorNames, useInboxWindow } from './queries.js';
import { useInboxSelection } from './selection.js';
import { useNow } from './use-now.js';

/**
 * 상담 목록: views, search, and a virtualised listbox. Only the rows on screen are rendered, and
 * only their pages are read from the replica (10,000 conversations cost what 100 do).
 */
export function InboxList() {
  const { t } = useTranslation('inbox');
  const errorText = useErrorText();
  const { openId, open, view, setView, query, setQuery, sort, setSort } = useInboxSelection();
  const [typed, setTyped] = useState(query);
  // The pages of rows the virtualiser shows (set after each render from its range).
  const [pages, setPages] = useState({ from: 0, to: 0 });
  const list = useInboxWindow(view, query, sort, pages.from, pages.to);
  const { rows, error } = list;
  /** Unknown until the view's first page is read (then "no conversations" may show). */
  const known = list.total !== undefined;
  const total = list.total ?? 0;
  const names = useCounsellorNames();
  const now = useNow();
  const [active, setActive] = useState(0);
  const listRef = useRef<HTMLDivElement>(null);

  // Typing in the search box should not query the replica on every keystroke.
  useEffect(() => {
    const id = setTimeout(() => setQuery(typed.trim()), 200);
    return () => clearTimeout(id);
  }, [typed, setQuery]);

  const virtualizer = useVirtualizer({
    count: total,
    getScrollElement: () => listRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 6,
  });

  const items = virtualizer.getVirtualItems();
  const fromPage = Math.floor((items[0]?.index ?? 0) / LIST_PAGE);
  const toPage = Math.floor((items.at(-1)?.index ?? 0) / LIST_PAGE);
  useEffect(() => {
    setPages((p) => (p.from === fromPage && p.to === toPage ? p : { from: fromPage, to: toPage }));
  }, [fromPage, toPage]);

  const activeIndex = Math.min(active, Math.max(0, total - 1));
  const activeRow = rows.get(activeIndex);

  const move = useCallback(
    (to: number) => {
      if (total === 0) return;
      const next = Math.max(0, Math.min(total - 1, to));
      setActive(next);
      virtualizer.scrollToIndex(next, { align: 'auto' });
    },
    [total, virtualizer],
  );

  // When a conversation is opened from elsewhere (notification, bus), the highlight follows it
  // (when its row is among those read).
  const indexOf = useCallback((id: string) => {
    for (const [i, r] of rows) if (r.id === id) return i;
    return -1;
  }, [rows]);
  useEffect(() => {
    if (!openId) return;
    const i = indexOf(openId);
    if (i >= 0) setActive(i);
  }, [openId, indexOf]);

  // Alt+↓/↑ work from anywhere in the window: they move to the next/previous conversation and put
  // focus on the list, so that Enter opens it.
  useEffect(() => {
    const onKey = (e: globalThis.KeyboardEvent) => {
      if (!e.altKey || e.ctrlKey || e.metaKey || (e.key !== 'ArrowDown' && e.key !== 'ArrowUp')) return;
      if (listRef.current?.contains(document.activeElement)) return; // handled by the listbox itself
      if (!listRef.current || listRef.current.closest('[hidden]')) return;
      e.preventDefault();
      move(activeIndex + (e.key === 'ArrowDown' ? 1 : -1));
      listRef.current.focus();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [activeIndex, move]);

  function onListKey(e: KeyboardEvent<HTMLDivElement>) {
    const page = Math.max(1, Math.floor((listRef.current?.clientHeight ?? ROW_HEIGHT * 5) / ROW_HEIGHT));
    const keys: Record<string, () => void> = {
      ArrowDown: () => move(activeIndex + 1),
      ArrowUp: () => move(activeIndex - 1),
      PageDown: () => move(activeIndex + page),
      PageUp: () => move(activeIndex - page),
      Home: () => move(0),
      End: () => move(total - 1),
      Enter: () => activeRow && open(activeRow.id),
      ' ': () => activeRow && open(activeRow.id),
    };
    const action = keys[e.key];
    if (action && !e.ctrlKey && !e.metaKey) {
      e.preventDefault();
      action();
    }
  }

  const onOpenRow = useCallback(
    (id: string) => {
      const i = indexOf(id);
      if (i >= 0) setActive(i);
      open(id);
    },
    [indexOf, open],
  );

  return (
    <Stack component="section" aria-label={t('list.region')} gap={0} className="inbox-list">
      <Stack gap={8} p="sm" className="inbox-list-head">
        <SegmentedControl
          aria-label={t('list.viewsLabel')}
          size="xs"
          fullWidth
          value={view}
          onChange={(v) => {
            setView(v as InboxView);
            setActive(0);
          }}
          data={INBOX_VIEWS.map((v) => ({ value: v, label: t(`list.views.${v}`) }))}
        />
        <TextInput
          type="search"
          size="sm"
          aria-label={t('list.searchLabel')}
          placeholder={t('list.search')}
          leftSection={<IconSearch size={16} aria-hidden />}
          value={typed}
          onChange={(e) => setTyped(e.currentTarget.value)}
        />
        <Group justify="space-between" wrap="nowrap" gap="xs">
          <Text size="xs" c="dimmed" aria-live="polite">
            {t('list.count', { count: total })}
          </Text>
          <NativeSelect
            size="xs"
            aria-label={t('list.sortLabel')}
            value={sort}
            onChange={(e) => {
              const next = InboxSort.safeParse(e.currentTarget.value);
              if (next.success) setSort(next.data);
              setActive(0);
            }}
            data={INBOX_SORTS.map((s) => ({ value: s, label: t(`list.sort.${s}`) }))}
          />
        </Group>
        <Group justify="flex-end">
          <Text size="xs" c="dimmed">
            {t('list.help')}
          </Text>
        </Group>
        {error ? (
          <Alert color="red" role="alert">
            {errorText(error)}
          </Alert>
        ) : null}
      </Stack>
      <div
        ref={listRef}
        // A listbox must hold options; with none it is a group holding the "no conversations" sentence.
        role={total > 0 ? 'listbox' : 'group'}
        aria-label={t('list.region')}
        tabIndex={0}
        aria-activedescendant={activeRow ? optionId(activeRow.id) : undefined}
        onKeyDown={(e) => {
          // A click focuses the list without :focus-visible; the first key shows the ring again.
          e.currentTarget.dataset.keyboard = '';
          onListKey(e);
        }}
        onMouseDown={(e) => delete e.currentTarget.dataset.keyboard}
        onBlur={(e) => delete e.currentTarget.dataset.keyboard}
        className="inbox-listbox"
      >
        {known && total === 0 && (
          <Text p="md" c="dimmed">
            {t('list.empty')}
          </Text>
        )}
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative', width: '100%' }}>
          {items.map((item) => {
            // A row whose page is still being read stays blank for that moment.
            const c = rows.get(item.index);
            if (!c) return null;
            return (
              <ConversationRow
                key={c.id}
                conversation={c}
                assigneeName={c.assigneeId ? (names.get(c.assigneeId) ?? null) : null}
                now={now}
                active={item.index === activeIndex}
                selected={c.id === openId}
                onOpen={onOpenRow}
                position={{ index: item.index, total }}
                style={{ position: 'absolute', top: 0, left: 0, width: '100%', height: ROW_HEIGHT, transform: `translateY(${item.start}px)` }}
              />
            );
          })}
        </div>
      </div>
    </Stack>
  );
}
