import { Alert, Badge, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Broadcast } from '../../common/subscriptions/index.js';
import { useErrorText } from '../app/errors.js';
import { formatDateTime } from '../app/time.js';
import { KakaoPreview } from './KakaoPreview.js';
import { checkNotice } from './notice-text.js';
import { useAudience, useBroadcasts, useTopics, useTransition } from './queries.js';

/**
 * 승인 대기: notices submitted for approval, each with its text as the citizen will read it, the
 * audience now and who wrote it. 승인 is the four-eyes step: the server refuses the author (403)
 * and the screen shows its reason.
 */
export function ApprovalQueue({ meId }: { meId: string }) {
  const { t } = useTranslation('broadcasts');
  const queue = useBroadcasts('submitted');
  const items = (queue.data ?? []).filter((b) => b.status === 'submitted');
  return (
    <section aria-labelledby="queue-heading">
      <Title order={3} size="h5" id="queue-heading">{t('queueHeading')}</Title>
      <Text size="sm" mb="sm">{t('queueHint')}</Text>
      {queue.isPending ? <Text size="sm">{t('loading')}</Text> : items.length === 0 ? <Text size="sm">{t('queueEmpty')}</Text> : (
        <Stack gap="md">
          {items.map((b) => <QueueItem key={b.id} b={b} mine={b.authorId === meId} />)}
        </Stack>
      )}
    </section>
  );
}

function QueueItem({ b, mine }: { b: Broadcast; mine: boolean }) {
  const { t } = useTranslation('broadcasts');
  const { i18n } = useTranslation();
  const errorText = useErrorText({ refusalReason: true });
  const topics = useTopics();
  const approve = useTransition('approve');
  const cancel = useTransition('cancel');
  const audience = useAudience(b.topics, b.dongs, b.lifeStages);
  const [note, setNote] = useState<{ ok: boolean; text: string } | null>(null);
  const [confirming, setConfirming] = useState(false);
  const names = new Map((topics.data ?? []).map((x) => [x.id, x.name]));
  const headingId = `queue-${b.id}`;

  const run = async (what: typeof approve, ok: string) => {
    setNote(null);
    try {
      await what.mutateAsync(b.id);
      setNote({ ok: true, text: ok });
    } catch (err) {
      setNote({ ok: false, text: errorText(err) });
    }
  };

  return (
    <Paper withBorder p="sm" component="article" aria-labelledby={headingId}>
      <Group justify="space-between" align="flex-start" wrap="wrap">
        <Stack gap={4} style={{ flex: '1 1 280px' }}>
          <Title order={4} size="h6" id={headingId}>{b.title}</Title>
          <Group gap="xs">
            <Text size="sm">{t('author')}: {b.authorName}</Text>
            {mine && <Badge color="gray.7" variant="outline">{t('yours')}</Badge>}
          </Group>
          <Text size="sm">{t('topics')}: {b.topics.map((id) => names.get(id) ?? id).join(', ')}{b.dongs.length > 0 ? ` · ${b.dongs.join(', ')}` : ''}{b.lifeStages.length > 0 ? ` · ${b.lifeStages.join(', ')}` : ''}</Text>
          {b.scheduledAt && <Text size="sm">{t('scheduledFor', { time: formatDateTime(b.scheduledAt, i18n.language) })}</Text>}
          <Text size="sm" aria-live="polite">{audience.data ? t('audience', { count: audience.data.count }) : t('loading')}</Text>
          {note && <Alert color={note.ok ? 'teal' : 'red'} role={note.ok ? 'status' : 'alert'}>{note.text}</Alert>}
          {confirming ? (
            <Group>
              <Text size="sm">{t('confirmCancel')}</Text>
              <Button color="red" size="xs" onClick={() => void run(cancel, t('cancelled')).then(() => setConfirming(false))}>{t('confirm')}</Button>
              <Button variant="default" size="xs" onClick={() => setConfirming(false)}>{t('back')}</Button>
            </Group>
          ) : (
            <Group>
              <Button onClick={() => void run(approve, t('approved'))} loading={approve.isPending} aria-describedby={mine ? `${headingId}-mine` : undefined}>
                {t('approve')}
              </Button>
              <Button variant="default" onClick={() => setConfirming(true)}>{t('cancel')}</Button>
              {mine && <Text size="xs" id={`${headingId}-mine`}>{t('queueHint')}</Text>}
            </Group>
          )}
        </Stack>
        <KakaoPreview text={checkNotice(b.title, b.body).text} buttons={b.buttons} />
      </Group>
    </Paper>
  );
}
