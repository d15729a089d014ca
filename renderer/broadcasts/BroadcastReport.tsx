import { Alert, Button, Group, NativeSelect, SimpleGrid, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { RECIPIENT_STATUSES, type BroadcastReport, type RecipientStatus } from '../../common/subscriptions/index.js';
import { useErrorText, useScreenText } from '../app/errors.js';
import { formatDateTime, formatTime } from '../app/time.js';
import { useRecipients, useReport } from './queries.js';
import { SendProgress, StatusBadge } from './SendingList.js';

const RECIPIENT_LABELS: Record<RecipientStatus, 'pending' | 'delivered' | 'failed' | 'optedOut' | 'cancelledCount'> = {
  pending: 'pending', delivered: 'delivered', failed: 'failed', opted_out: 'optedOut', cancelled: 'cancelledCount',
};

/**
 * 발송 결과 of one notice: the counts (live while it sends), a bar chart of deliveries per minute
 * (with the same figures as a table for screen readers), failures by reason, opt-outs after it
 * and replies, and the recipients page by page (masked keys).
 */
export function BroadcastReportView({ id, onClose }: { id: string; onClose: () => void }) {
  const { t } = useTranslation('broadcasts');
  const errorText = useErrorText({ refusalReason: true });
  const report = useReport(id);
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => headingRef.current?.focus(), []);
  if (report.error && !report.data) return <Alert color="red" role="alert">{errorText(report.error)}</Alert>;
  const r = report.data;
  return (
    <section aria-labelledby="report-heading">
      <Group justify="space-between" mb="sm">
        <Title order={3} size="h5" id="report-heading" ref={headingRef} tabIndex={-1}>
          {t('reportHeading', { title: r?.broadcast.title ?? '…' })}
        </Title>
        <Button variant="default" size="xs" onClick={onClose}>{t('closeReport')}</Button>
      </Group>
      {!r ? <Text size="sm">{t('loading')}</Text> : <ReportBody r={r} />}
    </section>
  );
}

function ReportBody({ r }: { r: BroadcastReport }) {
  const { t } = useTranslation('broadcasts');
  const screen = useScreenText();
  const b = r.broadcast;
  return (
    <Stack gap="md">
      <Group gap="xs"><StatusBadge status={b.status} /></Group>
      <SendProgress b={b} />
      <SimpleGrid cols={{ base: 2, sm: 4 }}>
        <Figure label={t('delivered')} value={b.counts.delivered} />
        <Figure label={t('failed')} value={b.counts.failed} />
        <Figure label={t('optOutsAfter')} value={r.optOutsAfter} />
        <Figure label={t('replies')} value={r.replies} />
      </SimpleGrid>
      <Chart timeline={r.timeline} />
      <section aria-labelledby="report-failures">
        <Title order={4} size="h6" id="report-failures">{t('failures')}</Title>
        {r.failures.length === 0 ? <Text size="sm">{t('noFailures')}</Text> : (
          <Table aria-labelledby="report-failures">
            <Table.Thead><Table.Tr><Table.Th scope="col">{t('reason')}</Table.Th><Table.Th scope="col">{t('count')}</Table.Th></Table.Tr></Table.Thead>
            <Table.Tbody>
              {r.failures.map((f) => <Table.Tr key={f.error}><Table.Td>{screen(f.error)}</Table.Td><Table.Td>{f.count}</Table.Td></Table.Tr>)}
            </Table.Tbody>
          </Table>
        )}
      </section>
      <Recipients id={b.id} />
    </Stack>
  );
}

function Figure({ label, value }: { label: string; value: number }) {
  return (
    <Paper withBorder p="xs">
      <Text size="xs">{label}</Text>
      <Text fw={700} size="lg">{value}</Text>
    </Paper>
  );
}

/** Deliveries per minute as bars; the same numbers in a table below (the chart alone says nothing to a screen reader). */
function Chart({ timeline }: { timeline: BroadcastReport['timeline'] }) {
  const { t } = useTranslation('broadcasts');
  const { i18n } = useTranslation();
  if (timeline.length === 0) return <Text size="sm">{t('chartEmpty')}</Text>;
  const max = Math.max(1, ...timeline.map((p) => p.delivered + p.failed));
  const rows = timeline.slice(-60);
  return (
    <section aria-labelledby="report-chart">
      <Title order={4} size="h6" id="report-chart">{t('chart')}</Title>
      <div className="broadcast-chart" aria-hidden="true">
        {rows.map((p) => (
          <div key={p.minute} style={{ display: 'flex', flexDirection: 'column', justifyContent: 'flex-end', height: '100%', flex: '1 1 0', maxWidth: 24 }}>
            {p.failed > 0 && <div className="broadcast-chart-bar" data-failed="true" style={{ height: `${(p.failed / max) * 100}%` }} />}
            <div className="broadcast-chart-bar" style={{ height: `${(p.delivered / max) * 100}%` }} />
          </div>
        ))}
      </div>
      <Table aria-labelledby="report-chart" mt="xs">
        <Table.Thead>
          <Table.Tr><Table.Th scope="col">{t('minute')}</Table.Th><Table.Th scope="col">{t('delivered')}</Table.Th><Table.Th scope="col">{t('failed')}</Table.Th></Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((p) => (
            <Table.Tr key={p.minute}><Table.Td>{formatTime(p.minute, i18n.language)}</Table.Td><Table.Td>{p.delivered}</Table.Td><Table.Td>{p.failed}</Table.Td></Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </section>
  );
}

function Recipients({ id }: { id: string }) {
  const { t } = useTranslation('broadcasts');
  const { i18n } = useTranslation();
  const screen = useScreenText();
  const [status, setStatus] = useState<RecipientStatus | null>(null);
  const [cursors, setCursors] = useState<Array<string | null>>([null]);
  const cursor = cursors.at(-1) ?? null;
  const page = useRecipients(id, status, cursor);
  return (
    <section aria-labelledby="report-recipients">
      <Title order={4} size="h6" id="report-recipients">{t('recipients')}</Title>
      <NativeSelect
        label={t('recipientFilter')}
        w={220}
        value={status ?? ''}
        onChange={(e) => {
          setStatus((e.currentTarget.value || null) as RecipientStatus | null);
          setCursors([null]);
        }}
        data={[{ value: '', label: t('all') }, ...RECIPIENT_STATUSES.map((s) => ({ value: s, label: t(RECIPIENT_LABELS[s]) }))]}
      />
      <Table aria-labelledby="report-recipients" mt="xs">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('recipientKey')}</Table.Th>
            <Table.Th scope="col">{t('status')}</Table.Th>
            <Table.Th scope="col">{t('attempts')}</Table.Th>
            <Table.Th scope="col">{t('sentAt')}</Table.Th>
            <Table.Th scope="col">{t('reason')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(page.data?.items ?? []).map((r) => (
            <Table.Tr key={r.id}>
              <Table.Td>{r.citizenKeyMasked}</Table.Td>
              <Table.Td>{t(RECIPIENT_LABELS[r.status])}</Table.Td>
              <Table.Td>{r.attempts}</Table.Td>
              <Table.Td>{r.sentAt ? formatDateTime(r.sentAt, i18n.language) : '—'}</Table.Td>
              <Table.Td>{r.error ? screen(r.error) : '—'}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Group mt="xs" gap="xs">
        <Button size="xs" variant="default" disabled={cursors.length <= 1} onClick={() => setCursors((c) => c.slice(0, -1))}>{t('prev')}</Button>
        <Button size="xs" variant="default" disabled={!page.data?.nextCursor} onClick={() => page.data?.nextCursor && setCursors((c) => [...c, page.data!.nextCursor])}>{t('next')}</Button>
      </Group>
    </section>
  );
}
