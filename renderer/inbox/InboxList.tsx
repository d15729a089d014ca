import { Alert, Group, NativeSelect, SegmentedControl, Stack, Text, TextInput } from '@mantine/core';
import { IconSearch } from '@tabler/icons-react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { INBOX_SORTS, INBOX_VIEWS, InboxSort, type InboxView } from '../../common/desk-api/index.js';
import { useErrorText } from '../app/errors.js';
import { ConversationRow, ROW_HEIGHT, optionId } from './ConversationRow.js';
import { useCounsellorNames, useInboxList } from './queries.js';
import { useInboxSelection } from './selection.js';
import { useNow } from './use-now.js';

/** 상담 목록: views, search, and a virtualised listbox (10,000 rows render only what is visible). */
export function InboxList() {
  const { t } = useTranslation('inbox');
  const errorText = useErrorText();
  const { openId, open, view, setView, query, setQuery, sort, setSort } = useInboxSelection();
  const [typed, setTyped] = useState(query);
  const { data: rows = [], error } = useInboxList(view, query, sort);
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
    count: rows.length,
    getScrollElement: () => listRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 6,
  });

  const activeIndex = Math.min(active, Math.max(0, rows.length - 1));
  const activeRow = rows[activeIndex];

  const move = useCallback(
    (to: number) => {
      if (rows.length === 0) return;
      const next = Math.max(0, Math.min(rows.length - 1, to));
      setActive(next);
      virtualizer.scrollToIndex(next, { align: 'auto' });
    },
    [rows.length, virtualizer],
  );

  // When a conversation is opened from elsewhere (notification, bus), the highlight follows it.
  useEffect(() => {
    if (!openId) return;
    const i = rows.findIndex((r) => r.id === openId);
    if (i >= 0) setActive(i);
  }, [openId, rows]);

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
      End: () => move(rows.length - 1),
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
      const i = rows.findIndex((r) => r.id === id);
      if (i >= 0) setActive(i);
      open(id);
    },
    [rows, open],
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
            {t('list.count', { count: rows.length })}
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
        role={rows.length > 0 ? 'listbox' : 'group'}
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
        {rows.length === 0 && (
          <Text p="md" c="dimmed">
            {t('list.empty')}
          </Text>
        )}
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative', width: '100%' }}>
          {virtualizer.getVirtualItems().map((item) => {
            const c = rows[item.index];
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
                style={{ position: 'absolute', top: 0, left: 0, width: '100%', height: ROW_HEIGHT, transform: `translateY(${item.start}px)` }}
              />
            );
          })}
        </div>
      </div>
    </Stack>
  );
}
