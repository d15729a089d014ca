import { Button, Center, Divider, Text } from '@mantine/core';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useLayoutEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { MessageView } from '../../common/desk-api/index.js';
import { formatDay } from '../app/time.js';
import { MessageBubble } from './MessageBubble.js';
import { buildMessageRows } from './message-rows.js';

interface Props {
  conversationId: string;
  messages: readonly MessageView[];
  newFromId: string | null;
  authorNames: Map<string, string>;
  /** Older pages exist: the top row offers them, and scrolling near the top reads the next one. */
  hasOlder: boolean;
  loadingOlder: boolean;
  onLoadOlder: () => void;
}

/** Scrolled this close to the top, the next older page is read. */
const NEAR_TOP = 240;

/**
 * The history, virtualised with measured row heights. It opens at the newest page and at the
 * bottom, and stays there while new messages arrive unless the counsellor has scrolled up to read;
 * scrolling to the top (or 이전 메시지 더 보기) reads the page before, and what was on screen stays
 * where it was.
 */
export function MessageList({ conversationId, messages, newFromId, authorNames, hasOlder, loadingOlder, onLoadOlder }: Props) {
  const { t, i18n } = useTranslation('inbox');
  const scrollRef = useRef<HTMLDivElement>(null);
  const stickToBottom = useRef(true);
  const rows = useMemo(() => buildMessageRows(messages, newFromId), [messages, newFromId]);
  /** While an older page loads: the row that was at the top of the view, and how far above it the view began. */
  const anchor = useRef<{ key: string; delta: number; firstId: string | undefined } | null>(null);

  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: (i) => (rows[i]?.kind === 'message' ? 84 : 36),
    getItemKey: (i) => rows[i]?.key ?? i,
    overscan: 8,
    // A chat opens at its end: start the window there instead of rendering the top and scrolling.
    initialOffset: () => rows.length * 84,
  });
  const totalSize = virtualizer.getTotalSize();

  useEffect(() => {
    stickToBottom.current = true;
  }, [conversationId]);

  // Stay pinned to the end while rows arrive or get measured; scrollToIndex would chase the
  // changing estimates frame by frame on a long history.
  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (el && stickToBottom.current) el.scrollTop = el.scrollHeight;
  }, [rows.length, totalSize, conversationId]);

  // Older messages came in above: put the row that was at the top back where it was.
  useLayoutEffect(() => {
    const a = anchor.current;
    const el = scrollRef.current;
    if (!a || !el || messages[0]?.id === a.firstId) return;
    anchor.current = null;
    const i = rows.findIndex((r) => r.key === a.key);
    const start = i >= 0 ? virtualizer.measurementsCache[i]?.start : undefined;
    if (start !== undefined) el.scrollTop = start + a.delta;
  }, [rows, messages, virtualizer]);

  // The button goes away with the last page: a keyboard that was on it stays in the history.
  const buttonFocused = useRef(false);
  useLayoutEffect(() => {
    if (hasOlder || !buttonFocused.current) return;
    buttonFocused.current = false;
    scrollRef.current?.focus();
  }, [hasOlder]);

  const loadOlder = () => {
    const el = scrollRef.current;
    if (!hasOlder || loadingOlder || !el) return;
    const top = virtualizer.getVirtualItems().find((item) => item.end > el.scrollTop);
    const key = top ? rows[top.index]?.key : undefined;
    anchor.current = key && top ? { key, delta: el.scrollTop - top.start, firstId: messages[0]?.id } : null;
    stickToBottom.current = false;
    onLoadOlder();
  };

  return (
    <>
      {hasOlder && (
        // Above the history rather than in it: reachable by Tab wherever the history is scrolled.
        <Center py={4} className="message-older">
          {/* Stays enabled while loading: a disabled button would drop the keyboard focus. */}
          <Button
            variant="subtle"
            size="compact-xs"
            onClick={loadOlder}
            aria-busy={loadingOlder}
            onFocus={() => (buttonFocused.current = true)}
            onBlur={() => (buttonFocused.current = false)}
          >
            {loadingOlder ? t('conversation.loadingOlder') : t('conversation.olderMessages')}
          </Button>
        </Center>
      )}
      <div
        ref={scrollRef}
        className="message-scroll"
        role="log"
        aria-label={t('conversation.history')}
        aria-live="off"
        tabIndex={0}
        onScroll={(e) => {
          const el = e.currentTarget;
          stickToBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight < 80;
          if (el.scrollTop < NEAR_TOP && !stickToBottom.current) loadOlder();
        }}
      >
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative', width: '100%' }}>
          {virtualizer.getVirtualItems().map((item) => {
            const row = rows[item.index];
            if (!row) return null;
            return (
              <div
                key={item.key}
                data-index={item.index}
                ref={virtualizer.measureElement}
                style={{ position: 'absolute', top: 0, left: 0, width: '100%', transform: `translateY(${item.start}px)` }}
              >
                {row.kind === 'day' && (
                  <Divider my={6} labelPosition="center" label={<time dateTime={row.at}>{formatDay(row.at, i18n.language)}</time>} />
                )}
                {row.kind === 'marker' && (
                  <Divider my={6} color="red.7" labelPosition="center" className="new-marker" label={<Text size="xs" fw={700} c="red.8">{t('conversation.newMessages')}</Text>} />
                )}
                {row.kind === 'message' && (
                  <MessageBubble m={row.message} authorName={row.message.authorId ? (authorNames.get(row.message.authorId) ?? null) : null} />
                )}
              </div>
            );
          })}
        </div>
      </div>
    </>
  );
}
