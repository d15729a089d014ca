import { Button, Group, Text, Title, VisuallyHidden } from '@mantine/core';
import { IconArrowLeft } from '@tabler/icons-react';
import { useCallback, useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent as ReactKeyboardEvent } from 'react';
import { flushSync } from 'react-dom';
import { useTranslation } from 'react-i18next';
import { CallLogPanel } from '../calls/CallLogPanel.js';
import { ConversationPane } from '../inbox/ConversationPane.js';
import { InboxList } from '../inbox/InboxList.js';
import { InboxSelectionProvider } from '../inbox/selection.js';
import { ProgrammeLookup } from '../programmes/ProgrammeLookup.js';
import { PinToggle } from './PinToggle.js';
import { SidePanelSplit, useSideLayout } from './SidePanelSplit.js';
import { SettingsMenu } from './SettingsMenu.js';
import { SyncIndicator } from './SyncIndicator.js';
import { TeamHeader } from '../team/TeamHeader.js';
import { BroadcastsEntry } from '../broadcasts/BroadcastsEntry.js';
import { useLayoutMode } from './use-layout.js';
import { useMe } from '../inbox/queries.js';
import { listen } from './workspace-bus.js';

export type Area = 'inbox' | 'conversation' | 'programmes' | 'calls';
type Tab = 'chat' | 'programmes' | 'calls';

/**
 * Where focus lands inside an area, in order of preference: its main control, else the area
 * itself. Tried one by one (a selector list would take whichever comes first in the page: the
 * message log sits above the reply box).
 */
const FOCUS_TARGETS: Record<Area, string[]> = {
  inbox: ['.inbox-listbox'],
  conversation: ['.composer textarea:not([disabled])', '[role="log"]'],
  programmes: ['input[type="search"]', '[role="searchbox"]', 'input', 'button'],
  calls: ['input:not([disabled])', 'select', 'textarea', 'button'],
};
const SHORTCUT_AREAS: Record<string, Area> = { '1': 'inbox', '2': 'conversation', '3': 'programmes', '4': 'calls' };

/**
 * The window: header (sync, pin, settings) and the three areas. Narrow: tabs 상담 / 프로그램 /
 * 상담 기록 (the 상담 tab shows the list or, once one is opened, the conversation). Medium: list |
 * conversation | side panel with its own tabs. Wide: list | conversation | programmes over call log.
 * Hidden areas stay mounted so that nothing typed is lost when switching.
 */
export function Workspace() {
  const { t } = useTranslation('app');
  const mode = useLayoutMode();
  const me = useMe();
  const [tab, setTab] = useState<Tab>('chat');
  const [chatPane, setChatPane] = useState<'list' | 'conversation'>('list');
  const [sideTab, setSideTab] = useState<'programmes' | 'calls'>('programmes');
  const rootRef = useRef<HTMLDivElement>(null);
  const [side, setSide] = useSideLayout();
  const sideRef = useRef(side);
  useLayoutEffect(() => {
    sideRef.current = side;
  });

  const show = useCallback((area: Area) => {
    if (area === 'inbox' || area === 'conversation') {
      setTab('chat');
      setChatPane(area === 'inbox' ? 'list' : 'conversation');
    } else {
      setTab(area);
      setSideTab(area);
      // Going to a folded half unfolds it.
      if (sideRef.current.collapsed === area) setSide({ ...sideRef.current, collapsed: 'none' });
    }
  }, [setSide]);
  const focusArea = useCallback(
    (area: Area) => {
      // Render the switch first: a hidden element cannot take focus.
      flushSync(() => show(area));
      const root = rootRef.current?.querySelector<HTMLElement>(`[data-area="${area}"]`);
      const target = FOCUS_TARGETS[area].map((sel) => root?.querySelector<HTMLElement>(sel)).find(Boolean) ?? root;
      target?.focus();
    },
    [show],
  );

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || e.altKey || e.shiftKey) return;
      const area = SHORTCUT_AREAS[e.key];
      if (!area) return;
      e.preventDefault();
      focusArea(area);
    };
    window.addEventListener('keydown', onKey);
    const offs = [
      listen('area:focus', ({ area }) => focusArea(area)),
      listen('area:show', ({ area }) => flushSync(() => show(area))),
      listen('callLog:open', () => show('calls')),
      listen('composer:insertProgramme', () => show('conversation')),
    ];
    return () => {
      window.removeEventListener('keydown', onKey);
      offs.forEach((off) => off());
    };
  }, [focusArea, show]);

  const onOpenConversation = useCallback(() => {
    setTab('chat');
    setChatPane('conversation');
  }, []);

  const narrow = mode === 'narrow';
  const hidden: Record<Area, boolean> = {
    inbox: narrow && (tab !== 'chat' || chatPane !== 'list'),
    conversation: narrow && (tab !== 'chat' || chatPane !== 'conversation'),
    programmes: (narrow && tab !== 'programmes') || (mode === 'medium' && sideTab !== 'programmes') || (mode === 'wide' && side.collapsed === 'programmes'),
    calls: (narrow && tab !== 'calls') || (mode === 'medium' && sideTab !== 'calls') || (mode === 'wide' && side.collapsed === 'calls'),
  };
  const tabs: Array<{ id: Tab; label: string; area: Area }> = [
    { id: 'chat', label: t('tabs.chat'), area: chatPane === 'list' ? 'inbox' : 'conversation' },
    { id: 'programmes', label: t('tabs.programmes'), area: 'programmes' },
    { id: 'calls', label: t('tabs.calls'), area: 'calls' },
  ];
  const tabBar = (ids: Tab[], current: Tab, label: string) => (
    <TabBar tabs={tabs.filter((x) => ids.includes(x.id))} current={current} label={label} onSelect={(a) => show(a)} />
  );

  return (
    <div ref={rootRef} className="shell" data-layout={mode}>
      <nav className="skip-links" aria-label={t('areas.tabs')}>
        <button type="button" className="skip-link" onClick={() => focusArea('inbox')}>
          {t('skip.inbox')}
        </button>
        <button type="button" className="skip-link" onClick={() => focusArea('conversation')}>
          {t('skip.conversation')}
        </button>
        <button type="button" className="skip-link" onClick={() => focusArea('programmes')}>
          {t('skip.side')}
        </button>
      </nav>
      <header className="shell-header">
        <Group justify="space-between" wrap="nowrap" gap="xs" px="sm" py={6}>
          <Title order={1} size="h5" className="shell-title">
            {t('title')}
          </Title>
          <Group gap="xs" wrap="nowrap">
            {me && <TeamHeader me={me} />}
            {me && <BroadcastsEntry me={me} />}
            <SyncIndicator />
            <PinToggle />
            <SettingsMenu counsellorName={me?.displayName ?? null} isAdmin={me?.role === 'admin'} meId={me?.id ?? null} />
          </Group>
        </Group>
        <VisuallyHidden>
          <Text>{t('shortcuts')}</Text>
        </VisuallyHidden>
        {narrow && tabBar(['chat', 'programmes', 'calls'], tab, t('areas.tabs'))}
      </header>
      <InboxSelectionProvider onOpen={onOpenConversation}>
        <main className="workspace">
          <div className="area area-inbox" data-area="inbox" id="area-inbox" hidden={hidden.inbox} tabIndex={-1}>
            <InboxList />
          </div>
          <div className="area area-conversation" data-area="conversation" id="area-conversation" hidden={hidden.conversation} tabIndex={-1}>
            {narrow && (
              <Button variant="subtle" size="compact-sm" leftSection={<IconArrowLeft size={14} aria-hidden />} onClick={() => focusArea('inbox')} className="back-to-list">
                {t('areas.inbox')}
              </Button>
            )}
            <ConversationPane />
          </div>
          <aside className="area area-side" aria-label={t('areas.side')} hidden={narrow && tab === 'chat'}>
            {mode === 'medium' && tabBar(['programmes', 'calls'], sideTab, t('areas.side'))}
            <div
              className="area area-programmes"
              data-area="programmes"
              id="area-programmes"
              hidden={hidden.programmes}
              tabIndex={-1}
              style={mode === 'wide' && side.collapsed === 'none' ? { flex: `0 0 ${Math.round(side.split * 100)}%` } : undefined}
            >
              <ProgrammeLookup />
            </div>
            {mode === 'wide' && <SidePanelSplit layout={side} onChange={setSide} />}
            <div className="area area-calls" data-area="calls" id="area-calls" hidden={hidden.calls} tabIndex={-1}>
              <CallLogPanel />
            </div>
          </aside>
        </main>
      </InboxSelectionProvider>
    </div>
  );
}

function TabBar({ tabs, current, label, onSelect }: { tabs: Array<{ id: Tab; label: string; area: Area }>; current: Tab; label: string; onSelect: (a: Area) => void }) {
  const refs = useRef<Array<HTMLButtonElement | null>>([]);
  function onKeyDown(e: ReactKeyboardEvent, i: number) {
    const d = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
    if (!d) return;
    e.preventDefault();
    const next = (i + d + tabs.length) % tabs.length;
    const tab = tabs[next];
    if (!tab) return;
    onSelect(tab.area);
    refs.current[next]?.focus();
  }
  return (
    <div role="tablist" aria-label={label} className="tab-bar">
      {tabs.map((x, i) => (
        <button
          key={x.id}
          ref={(el) => {
            refs.current[i] = el;
          }}
          type="button"
          role="tab"
          id={`tab-${x.id}`}
          aria-selected={current === x.id}
          aria-controls={`area-${x.area}`}
          tabIndex={current === x.id ? 0 : -1}
          className="tab"
          onClick={() => onSelect(x.area)}
          onKeyDown={(e) => onKeyDown(e, i)}
        >
          {x.label}
        </button>
      ))}
    </div>
  );
}
