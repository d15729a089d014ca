import { Alert, Badge, Button, Group, Paper, Progress, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { BROADCAST_STATUS_LABELS, type Broadcast } from '../../common/subscriptions/index.js';
import { useErrorText } from '../app/errors.js';
import { formatDateTime } from '../app/time.js';
import { BroadcastReportView } from './BroadcastReport.js';
import { useBroadcasts, useTransition } from './queries.js';

const STATUS_COLORS: Record<Broadcast['status'], string> = {
  draft: 'gray.7', submitted: 'yellow.9', scheduled: 'indigo.8', sending: 'blue.8', paused: 'orange.9', sent: 'teal.9', cancelled: 'red.9',
};

/**
 * 발송 현황: approved notices with a progress bar fed by the counts (polled every 2 s while one is
 * sending), 일시 정지 / 재개 / 취소, and 결과 보기 for the report.
 */
export function SendingList() {
  const { t } = useTranslation('broadcasts');
  const list = useBroadcasts('any');
  const [open, setOpen] = useState<string | null>(null);
  const items = (list.data ?? []).filter((b) => b.status !== 'draft' && b.status !== 'submitted');
  if (open) return <BroadcastReportView id={open} onClose={() => setOpen(null)} />;
  return (
    <section aria-labelledby="sending-heading">
      <Title order={3} size="h5" id="sending-heading" mb="sm">{t('sendingHeading')}</Title>
      {list.isPending ? <Text size="sm">{t('loading')}</Text> : items.length === 0 ? <Text size="sm">{t('sendingEmpty')}</Text> : (
        <Stack gap="sm">
          {items.map((b) => <SendingItem key={b.id} b={b} onOpen={() => setOpen(b.id)} />)}
        </Stack>
      )}
    </section>
  );
}

export function StatusBadge({ status }: { status: Broadcast['status'] }) {
  return <Badge color={STATUS_COLORS[status]} variant="filled">{BROADCAST_STATUS_LABELS[status]}</Badge>;
}

/** The counts as one line of words, and the bar: delivered, failed and opted out over all targeted. */
export function SendProgress({ b }: { b: Broadcast }) {
  const { t } = useTranslation('broadcasts');
  const { targeted, delivered, failed, optedOut, pending, cancelled } = b.counts;
  const done = delivered + failed + optedOut + cancelled;
  const pct = targeted === 0 ? 0 : Math.round((done / targeted) * 100);
  return (
    <Stack gap={4}>
      <Progress.Root
        size="lg"
        role="progressbar"
        aria-label={t('progress', { title: b.title })}
        aria-valuemin={0}
        aria-valuemax={targeted}
        aria-valuenow={done}
        aria-valuetext={t('progressText', { done, total: targeted })}
      >
        <Progress.Section value={pct} withAria={false} />
      </Progress.Root>
      <Text size="sm" data-testid={`counts-${b.id}`}>
        {t('targeted')} {targeted} · {t('delivered')} {delivered} · {t('failed')} {failed} · {t('optedOut')} {optedOut} · {t('pending')} {pending}
        {cancelled > 0 ? ` · ${t('cancelledCount')} ${cancelled}` : ''}
      </Text>
    </Stack>
  );
}

function SendingItem({ b, onOpen }: { b: Broadcast; onOpen: () => void }) {
  const { t } = useTranslation('broadcasts');
  const { i18n } = useTranslation();
  const errorText = useErrorText({ refusalReason: true });
  const pause = useTransition('pause');
  const resume = useTransition('resume');
  const cancel = useTransition('cancel');
  const [error, setError] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const headingId = `sending-${b.id}`;
  const run = (m: typeof pause) => {
    setError(null);
    m.mutate(b.id, { onError: (err) => setError(errorText(err)) });
  };
  const stoppable = b.status === 'sending' || b.status === 'scheduled' || b.status === 'paused';
  return (
    <Paper withBorder p="sm" component="article" aria-labelledby={headingId} data-broadcast={b.id}>
      <Stack gap={6}>
        <Group gap="xs">
          <Title order={4} size="h6" id={headingId}>{b.title}</Title>
          <StatusBadge status={b.status} />
        </Group>
        <Text size="xs">
          {t('author')}: {b.authorName}{b.approvedByName ? ` · ${t('approvedBy', { name: b.approvedByName })}` : ''}
          {b.approvedAt ? ` · ${formatDateTime(b.approvedAt, i18n.language)}` : ''}
        </Text>
        {b.status === 'scheduled' && b.scheduledAt && <Text size="sm">{t('scheduledFor', { time: formatDateTime(b.scheduledAt, i18n.language) })}</Text>}
        {b.status === 'paused' && <Text size="sm" c="orange.9">{b.pausedReason === 'quiet-hours' ? t('pausedQuiet') : t('pausedManual')}</Text>}
        <SendProgress b={b} />
        {error && <Alert color="red" role="alert">{error}</Alert>}
        <Group gap="xs">
          {(b.status === 'sending' || b.status === 'scheduled') && <Button size="xs" variant="default" onClick={() => run(pause)} loading={pause.isPending}>{t('pause')}</Button>}
          {b.status === 'paused' && <Button size="xs" onClick={() => run(resume)} loading={resume.isPending}>{t('resume')}</Button>}
          {stoppable && !confirming && <Button size="xs" variant="default" color="red" onClick={() => setConfirming(true)}>{t('cancel')}</Button>}
          {stoppable && confirming && (
            <>
              <Text size="sm">{t('confirmCancel')}</Text>
              <Button size="xs" color="red" onClick={() => { setConfirming(false); run(cancel); }}>{t('confirm')}</Button>
              <Button size="xs" variant="default" onClick={() => setConfirming(false)}>{t('back')}</Button>
            </>
          )}
          <Button size="xs" variant="light" onClick={onOpen} aria-label={`${t('details')}: ${b.title}`}>{t('details')}</Button>
        </Group>
      </Stack>
    </Paper>
  );
}
