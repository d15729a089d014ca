import { Badge, Group, Text } from '@mantine/core';
import { memo, type CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConversationListItem } from '../../common/desk-api/index.js';
import { formatDuration, formatListTime } from '../app/time.js';
import { citizenHandle } from './citizen-handle.js';
import { CrisisBadge } from '../crisis/CrisisBadge.js';
import { StatusBadge } from './StatusBadge.js';
import { WAIT_COLOURS, waitLevel } from './waiting.js';

export const ROW_HEIGHT = 88;

interface Props {
  conversation: ConversationListItem;
  assigneeName: string | null;
  now: number;
  active: boolean;
  selected: boolean;
  style: CSSProperties;
  onOpen: (id: string) => void;
  onHover?: () => void;
  /** Where the row sits in the whole view: only a window of it is in the DOM. */
  position?: { index: number; total: number };
}

export const optionId = (id: string) => `conv-opt-${id}`;

/** One row of the list. Every text is rendered as text: a citizen's name or message is never markup. */
export const ConversationRow = memo(function ConversationRow({ conversation: c, assigneeName, now, active, selected, style, onOpen, position }: Props) {
  const { t, i18n } = useTranslation('inbox');
  // A held chat waits on purpose, and a closed one is done: neither runs the reply timer.
  const level = waitLevel(c.status === 'closed' || c.status === 'held' ? null : c.waitingSince, now);
  return (
    <div
      role="option"
      id={optionId(c.id)}
      aria-selected={selected}
      aria-posinset={position ? position.index + 1 : undefined}
      aria-setsize={position?.total}
      data-active={active || undefined}
      data-crisis={c.crisis ? c.crisis.kind : undefined}
      className="conv-row"
      style={style}
      onClick={() => onOpen(c.id)}
    >
      <Group justify="space-between" wrap="nowrap" gap={6}>
        <Text fw={c.unreadCount > 0 ? 700 : 500} size="sm" truncate="end" className="conv-row-name">
          {c.citizenName ?? t('list.noName', { handle: citizenHandle(c.citizenKey) })}
        </Text>
        <Group gap={6} wrap="nowrap">
          <CrisisBadge crisis={c.crisis} size="xs" />
          <StatusBadge status={c.status} />
          {c.lastMessageAt && (
            <Text size="xs" c="dimmed" component="time" dateTime={c.lastMessageAt}>
              {formatListTime(c.lastMessageAt, i18n.language, now)}
            </Text>
          )}
        </Group>
      </Group>
      <Group justify="space-between" wrap="nowrap" gap={6}>
        <Text size="sm" c="dark.6" truncate="end">
          {/* Without a name, what the citizen first asked says who this is (not the automatic reply). */}
          {(c.citizenName ? null : c.firstQuestion) ?? c.lastMessagePreview ?? t('list.noPreview')}
        </Text>
        {c.unreadCount > 0 && (
          <Badge color="red" size="sm" circle={c.unreadCount < 10} className="conv-row-unread" aria-label={t('list.unread', { count: c.unreadCount })}>
            {c.unreadCount}
          </Badge>
        )}
      </Group>
      <Group gap={8} wrap="nowrap">
        <Text size="xs" c="dimmed" truncate="end">
          {assigneeName ?? (c.assigneeId ? '' : t('list.unassigned'))}
        </Text>
        {level !== 'none' && c.waitingSince && (
          <Text size="xs" fw={level === 'ok' ? 400 : 700} c={WAIT_COLOURS[level]} data-wait={level}>
            {t('list.waiting', { time: formatDuration(now - Date.parse(c.waitingSince), i18n.language) })}
          </Text>
        )}
        {c.afterHoursNoticeAt && (
          <Badge size="xs" variant="outline" color="grape">
            {t('list.afterHours')}
          </Badge>
        )}
      </Group>
    </div>
  );
});
