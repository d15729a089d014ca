import { ActionIcon, Badge, Button, Group, Progress, Text, Tooltip } from '@mantine/core';
import { IconRefresh } from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SyncStatus } from '../../common/desk-api/index.js';
import { ConflictsDialog } from './ConflictsDialog.js';
import { getDesk, queryKeys } from './desk.js';
import { useScreenText } from './errors.js';
import { formatDateTime } from './time.js';

const STATE_COLOURS: Record<SyncStatus['state'], string> = { online: 'teal', offline: 'gray', syncing: 'blue', signedOut: 'gray' };

/** 동기화 상태: fed by sync.onSyncStatus (bindDeskEvents puts each report into the cache). */
export function SyncIndicator() {
  const { t, i18n } = useTranslation('app');
  const screenText = useScreenText();
  const [conflictsOpen, setConflictsOpen] = useState(false);
  const [syncing, setSyncing] = useState(false);
  const client = useQueryClient();
  const { data: s } = useQuery({ queryKey: queryKeys.syncStatus, queryFn: () => getDesk().sync.getStatus() });
  const detail = !s ? '' : [
    s.queueLength > 0 ? t('sync.queue', { count: s.queueLength }) : t('sync.queueEmpty'),
    s.lastSuccessAt ? t('sync.lastSuccess', { time: formatDateTime(s.lastSuccessAt, i18n.language) }) : t('sync.never'),
    s.lastError ? t('sync.lastError', { message: screenText(s.lastError) }) : null,
    s.state === 'offline' ? t('sync.offlineHint') : null,
  ].filter(Boolean).join(' · ');
  const initial = s?.initialProgress ?? null;
  const percent = initial?.latestSeq ? Math.min(100, Math.round((initial.applied / initial.latestSeq) * 100)) : null;

  return (
    <Group gap="xs" wrap="nowrap" className="sync-indicator">
      <Tooltip label={detail} multiline w={320}>
        <Group gap={6} wrap="nowrap" role="status" aria-label={t('sync.label')} tabIndex={0} aria-describedby="sync-detail">
          {s && (
            <Badge color={STATE_COLOURS[s.state]} variant={s.state === 'online' ? 'light' : 'filled'} data-state={s.state}>
              {t(`sync.${s.state}`)}
            </Badge>
          )}
          {s && s.queueLength > 0 && (
            <Text size="xs" c="dimmed">
              {t('sync.queue', { count: s.queueLength })}
            </Text>
          )}
          {s?.lastError && (
            <Text size="xs" c="red.8" lineClamp={1} maw={180}>
              {t('sync.lastError', { message: screenText(s.lastError) })}
            </Text>
          )}
          {initial && (
            <Group gap={4} wrap="nowrap">
              <Text size="xs">
                {initial.latestSeq
                  ? t('sync.initial', { applied: initial.applied, total: initial.latestSeq })
                  : t('sync.initialUnknown', { applied: initial.applied })}
              </Text>
              <Progress value={percent ?? 0} w={80} size="sm" animated={percent === null} aria-label={t('sync.syncing')} />
            </Group>
          )}
          <span id="sync-detail" className="visually-hidden">
            {detail}
          </span>
        </Group>
      </Tooltip>
      {s && (s.state === 'offline' || s.lastError !== null) && (
        <Tooltip label={t('sync.syncNow')}>
          <ActionIcon
            variant="subtle"
            size="md"
            aria-label={t('sync.syncNow')}
            loading={syncing}
            onClick={async () => {
              setSyncing(true);
              try {
                client.setQueryData(queryKeys.syncStatus, await getDesk().sync.syncNow());
              } catch {
                // The status line already says what is wrong; a failed retry changes nothing there.
              } finally {
                setSyncing(false);
              }
            }}
          >
            <IconRefresh size={16} aria-hidden />
          </ActionIcon>
        </Tooltip>
      )}
      {s && s.conflicts > 0 && (
        <Button size="compact-xs" color="orange" onClick={() => setConflictsOpen(true)}>
          {t('sync.conflicts', { count: s.conflicts })}
        </Button>
      )}
      <ConflictsDialog opened={conflictsOpen} onClose={() => setConflictsOpen(false)} />
    </Group>
  );
}
