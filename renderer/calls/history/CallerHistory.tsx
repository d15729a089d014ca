import { Alert, Badge, Button, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CALL_ACTION_LABELS, CALL_CHANNEL_LABELS, CONVERSATION_STATUS_LABELS } from '../../../common/domain/index.js';
import { kstDateTime } from '../../app/time.js';
import { useCallerHistory } from '../queries.js';
import { type CallerHistoryData, knownName, openCallback } from './caller-facts.js';

/**
 * What the desk knows about the caller (local replica, by normalised number), shown as soon as the
 * number is valid: the name from earlier records, a callback already promised (and whether it is
 * due), and the earlier records and chats, each of which opens.
 */
export function CallerHistory({ phone, excludeId, initial, now: nowProp, onOpenRecord, onOpenConversation }: {
  phone: string;
  excludeId?: string;
  initial?: CallerHistoryData;
  now?: number;
  onOpenRecord?(id: string): void;
  onOpenConversation?(id: string): void;
}) {
  const { t } = useTranslation('calls');
  // The time the history was shown: a callback is due if its time had come by then.
  const [shownAt] = useState(() => Date.now());
  const now = nowProp ?? shownAt;
  const query = useCallerHistory(phone);
  const history: CallerHistoryData | null = query.data ?? initial ?? (query.isError ? { callLogs: [], conversations: [] } : null);
  const logs = (history?.callLogs ?? []).filter((l) => l.id !== excludeId);
  const convs = history?.conversations ?? [];
  const name = history ? knownName({ callLogs: logs, conversations: convs }) : null;
  const callback = history ? openCallback({ callLogs: logs, conversations: convs }) : null;
  const due = callback?.callbackAt ? Date.parse(callback.callbackAt) <= now : false;
  return (
    <section aria-label={t('history')} className="calls-history">
      <Text fw={600} size="sm">{t('history')}</Text>
      {name && <Text size="sm">{t('knownName')}: <b>{name}</b></Text>}
      {callback?.callbackAt && (
        <Alert color={due ? 'red' : 'orange'} p={6} mt={4} role={due ? 'alert' : undefined}>
          <Text size="sm">{due ? t('callbackOverdue') : t('callbackPending')}: {kstDateTime(callback.callbackAt)} · {callback.need || t('unset')}</Text>
        </Alert>
      )}
      {history && logs.length === 0 && convs.length === 0 && <Text size="sm" c="dimmed">{t('historyEmpty')}</Text>}
      <Stack gap={4} component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
        {logs.map((l) => {
          const label = `${kstDateTime(l.startedAt)} · ${l.field ?? t('unset')}${l.action ? ` · ${CALL_ACTION_LABELS[l.action]}` : ''}${l.crisis ? ` · ${t('crisis')}` : ''}`;
          return (
            <li key={l.id}>
              <Text component="div" size="sm" lineClamp={1}>
                <Badge size="xs" variant="light" color="blue.9" mr={4}>{CALL_CHANNEL_LABELS[l.channel]}</Badge>
                {onOpenRecord ? (
                  <Button variant="subtle" size="compact-sm" px={2} color="blue.9" onClick={() => onOpenRecord(l.id)}
                    aria-label={`${t('historyOpenRecord')}: ${label}`}>{label}</Button>
                ) : label}
              </Text>
              {l.need && <Text size="xs" c="dark.4" lineClamp={1} title={l.need}>{l.need}</Text>}
            </li>
          );
        })}
      </Stack>
      {convs.length > 0 && (
        <>
          <Text size="xs" fw={600} mt={4}>{t('historyConversations')}</Text>
          <Stack gap={2} component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
            {convs.map((c) => {
              const label = `${c.lastMessageAt ? kstDateTime(c.lastMessageAt) : ''} · ${CONVERSATION_STATUS_LABELS[c.status]} · ${c.summary ?? c.lastMessagePreview ?? ''}`;
              return (
                <li key={c.id}>
                  {onOpenConversation ? (
                    <Button variant="subtle" size="compact-xs" px={2} color="blue.9" onClick={() => onOpenConversation(c.id)}
                      aria-label={`${t('historyOpenConversation')}: ${label}`} styles={{ label: { whiteSpace: 'normal', textAlign: 'left' } }}>
                      {label}
                    </Button>
                  ) : <Text size="xs" lineClamp={1}>{label}</Text>}
                </li>
              );
            })}
          </Stack>
        </>
      )}
    </section>
  );
}
