import { Divider, Text } from '@mantine/core';
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
}

/**
 * The history, virtualised with measured row heights so that a 5,000-message conversation opens
 * as fast as a short one. It starts at the bottom and stays there while new messages arrive,
 * unless the counsellor has scrolled up to read.
 */
export function MessageList({ conversationId, messages, newFromId, authorNames }: Props) {
  const { t, i18n } = useTranslation('inbox');
  const scrollRef = useRef<HTMLDivElement>(null);
  const stickToBottom = useRef(true);
  const rows = useMemo(() => buildMessageRows(messages, newFromId), [messages, newFromId]);

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

  return (
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
  );
}
