import { Badge, Stack, Text, Tooltip } from '@mantine/core';
import { useEffect, useState } from 'react';
import type { CallLog, Conversation } from '../../../common/domain/index.js';
import { CALL_ACTION_LABELS, CALL_CHANNEL_LABELS, CONVERSATION_STATUS_LABELS } from '../../../common/domain/index.js';
import { kstDateTime } from '../../../common/kst/index.js';
import { useCallsT } from '../useCallsT.js';

interface History {
  callLogs: CallLog[];
  conversations: Conversation[];
}

/** Earlier records and chats of the caller (local replica, by normalised number), shown as soon as the number is valid. */
export function CallerHistory({ phone, excludeId, initial }: { phone: string; excludeId?: string; initial?: History }) {
  const t = useCallsT();
  const [history, setHistory] = useState<History | null>(initial ?? null);
  useEffect(() => {
    let live = true;
    window.desk.calls.history({ phone }).then(
      (h) => live && setHistory(h),
      () => live && setHistory({ callLogs: [], conversations: [] }),
    );
    return () => {
      live = false;
    };
  }, [phone]);
  const logs = (history?.callLogs ?? []).filter((l) => l.id !== excludeId);
  const convs = history?.conversations ?? [];
  return (
    <section aria-label={t('history')} className="calls-history">
      <Text fw={600} size="sm">{t('history')}</Text>
      {history && logs.length === 0 && convs.length === 0 && <Text size="sm" c="dimmed">{t('historyEmpty')}</Text>}
      <Stack gap={4} component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
        {logs.map((l) => (
          <li key={l.id}>
            <Text component="div" size="sm" lineClamp={1}>
              <Badge size="xs" variant="light" mr={4}>{CALL_CHANNEL_LABELS[l.channel]}</Badge>
              {kstDateTime(l.startedAt)} · {l.field ?? t('unset')}
              {l.action ? ` · ${CALL_ACTION_LABELS[l.action]}` : ''}
              {l.crisis ? ` · ${t('crisis')}` : ''}
            </Text>
            {l.need && (
              <Tooltip label={l.need} multiline w={320} openDelay={300}>
                <Text size="xs" c="dimmed" lineClamp={1}>{l.need}</Text>
              </Tooltip>
            )}
          </li>
        ))}
      </Stack>
      {convs.length > 0 && (
        <>
          <Text size="xs" fw={600} mt={4}>{t('historyConversations')}</Text>
          <Stack gap={2} component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
            {convs.map((c) => (
              <li key={c.id}>
                <Text size="xs" lineClamp={1}>
                  {c.lastMessageAt ? kstDateTime(c.lastMessageAt) : ''} · {CONVERSATION_STATUS_LABELS[c.status]} · {c.summary ?? c.lastMessagePreview ?? ''}
                </Text>
              </li>
            ))}
          </Stack>
        </>
      )}
    </section>
  );
}
