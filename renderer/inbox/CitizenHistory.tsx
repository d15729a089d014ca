import { Anchor, Button, Group, List, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CALL_CHANNEL_LABELS, type CallLog, type Conversation } from '../../common/domain/index.js';
import { formatDateTime } from '../app/time.js';
import { request } from '../app/workspace-bus.js';
import { StatusBadge } from './StatusBadge.js';

/** The citizen's earlier conversations and call logs; a click opens them where they belong. */
export function CitizenHistory({ earlier, callLogs, citizenKey }: { earlier: Conversation[]; callLogs: CallLog[]; citizenKey?: string | null }) {
  const { t, i18n } = useTranslation('inbox');
  const [open, setOpen] = useState(false);
  const count = earlier.length + callLogs.length;
  return (
    <Stack gap={4} className="citizen-history">
      <Group gap="xs">
        <Button variant="subtle" size="compact-sm" onClick={() => setOpen((o) => !o)} aria-expanded={open} aria-controls="citizen-history" justify="flex-start">
          {t('side.title')} ({count})
        </Button>
        {citizenKey && (
          // 구독 소식: the citizen's subscriptions and consent history, and counsellor-assisted (un)subscribing.
          <Button variant="subtle" size="compact-sm" onClick={() => request('subscriptions:open', { citizenKey })}>
            {t('side.subscriptions')}
          </Button>
        )}
      </Group>
      {open && (
        <Stack gap="xs" id="citizen-history" component="section" aria-label={t('side.title')} p={4}>
          <Text size="xs" fw={700}>
            {t('side.earlier')}
          </Text>
          {earlier.length === 0 ? (
            <Text size="xs" c="dimmed">
              {t('side.noEarlier')}
            </Text>
          ) : (
            <List size="xs" spacing={2}>
              {earlier.map((c) => (
                <List.Item key={c.id}>
                  <Anchor component="button" type="button" size="xs" onClick={() => request('inbox:open', { conversationId: c.id })}>
                    {formatDateTime(c.createdAt, i18n.language)} · {c.summary ?? c.lastMessagePreview ?? ''}
                  </Anchor>{' '}
                  <StatusBadge status={c.status} />
                </List.Item>
              ))}
            </List>
          )}
          <Text size="xs" fw={700}>
            {t('side.calls')}
          </Text>
          {callLogs.length === 0 ? (
            <Text size="xs" c="dimmed">
              {t('side.noCalls')}
            </Text>
          ) : (
            <List size="xs" spacing={2}>
              {callLogs.map((l) => (
                <List.Item key={l.id}>
                  <Anchor component="button" type="button" size="xs" onClick={() => request('callLog:open', { id: l.id })}>
                    {formatDateTime(l.startedAt, i18n.language)} · {CALL_CHANNEL_LABELS[l.channel]} · {l.field ?? ''} {l.need.slice(0, 60)}
                  </Anchor>
                </List.Item>
              ))}
            </List>
          )}
        </Stack>
      )}
    </Stack>
  );
}
