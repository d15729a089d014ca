import { BarChart } from '@mantine/charts';
import { Alert, Button, Group, SegmentedControl, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReportArgs } from '../../common/desk-api/index.js';
import { kstDate, kstDayStartIso } from '../app/time.js';
import type { ServiceLevelReport } from '../../common/team/service-levels.js';
import { getDesk } from '../app/desk.js';
import { useErrorText } from '../app/errors.js';
import { downloadBase64 } from '../calls/download.js';
import { useCounsellorNames } from '../inbox/queries.js';
import { useDuration } from '../team/useDuration.js';

const pct = (v: number | null) => (v === null ? '—' : `${Math.round(v * 1000) / 10}%`);

/** 서비스 수준: first response, resolution, 20 s answer rate, abandoned calls, handle time, satisfaction. */
export function ServiceLevels() {
  const { t } = useTranslation('team');
  const errorText = useErrorText();
  const today = kstDate(new Date());
  const [from, setFrom] = useState(`${today.slice(0, 8)}01`);
  const [to, setTo] = useState(today);
  const [groupBy, setGroupBy] = useState<ReportArgs['groupBy']>('day');
  const [exportError, setExportError] = useState<string | null>(null);
  const args = (): ReportArgs | null => {
    const start = kstDayStartIso(from);
    const end = kstDayStartIso(to);
    if (!start || !end) return null;
    // The end date is included: the report runs to the start of the next KST day.
    return { from: start, to: new Date(Date.parse(end) + 86_400_000).toISOString(), groupBy };
  };
  const current = args();
  const { data, error, isFetching } = useQuery({
    queryKey: ['team', 'report', current],
    queryFn: () => getDesk().team.report(current!),
    enabled: current !== null,
  });

  async function exportXlsx() {
    setExportError(null);
    if (!current) return;
    try {
      downloadBase64(await getDesk().team.exportReport(current));
    } catch (err) {
      setExportError(errorText(err));
    }
  }

  return (
    <Stack gap="sm">
      <Group align="end" gap="sm" role="group" aria-label={t('report.period')}>
        <TextInput type="date" label={t('report.from')} value={from} onChange={(e) => setFrom(e.currentTarget.value)} />
        <TextInput type="date" label={t('report.to')} value={to} onChange={(e) => setTo(e.currentTarget.value)} />
        <Stack gap={2}>
          <Text size="sm" fw={500} id="report-group">{t('report.groupBy')}</Text>
          <SegmentedControl aria-labelledby="report-group" value={groupBy} onChange={(v) => setGroupBy(v as ReportArgs['groupBy'])}
            data={[{ value: 'day', label: t('report.day') }, { value: 'week', label: t('report.week') }, { value: 'month', label: t('report.month') }]} />
        </Stack>
        <Button variant="default" onClick={() => void exportXlsx()} disabled={!current}>{t('report.export')}</Button>
      </Group>
      {(error || exportError) && <Alert color="red" role="alert">{exportError ?? errorText(error)}</Alert>}
      {data && <ReportTables report={data} busy={isFetching} />}
    </Stack>
  );
}

function ReportTables({ report, busy }: { report: ServiceLevelReport; busy: boolean }) {
  const { t } = useTranslation('team');
  const duration = useDuration();
  const names = useCounsellorNames();
  const who = (id: string | null) => (id === null ? t('report.team') : (names.get(id) ?? id));
  const met = (v: boolean | null) => (v === null ? '' : v ? ` (${t('report.met')})` : ` (${t('report.missed')})`);
  const team = report.chats.filter((r) => r.counsellorId === null);
  const teamCalls = report.calls.filter((r) => r.counsellorId === null);
  const chart = [...new Set([...team.map((r) => r.period), ...teamCalls.map((r) => r.period)])].sort().map((period) => ({
    period,
    chat: Math.round((team.find((r) => r.period === period)?.withinTargetShare ?? 0) * 100),
    call: Math.round((teamCalls.find((r) => r.period === period)?.answerRate ?? 0) * 100),
  }));
  return (
    <Stack gap="md" aria-busy={busy}>
      {chart.length > 0 && (
        <BarChart h={180} data={chart} dataKey="period" aria-hidden
          series={[{ name: 'chat', label: t('report.withinTarget'), color: 'teal.8' }, { name: 'call', label: t('report.answerRate'), color: 'indigo.8' }]} />
      )}
      <Title order={3} size="h5">{t('report.chats')}</Title>
      {report.chats.length === 0 ? <Text size="sm">{t('report.empty')}</Text> : (
        <Table striped aria-label={t('report.chats')}>
          <Table.Thead><Table.Tr>
            {['report.period', 'report.counsellor', 'report.firstResponses', 'report.withinTarget', 'report.avgFirst', 'report.resolved', 'report.avgResolution'].map((k) => (
              <Table.Th scope="col" key={k}>{t(k as 'report.period')}</Table.Th>
            ))}
          </Table.Tr></Table.Thead>
          <Table.Tbody>
            {report.chats.map((r) => (
              <Table.Tr key={`${r.period}-${r.counsellorId ?? ''}`}>
                <Table.Td>{r.period}</Table.Td><Table.Td>{who(r.counsellorId)}</Table.Td><Table.Td>{r.firstResponses}</Table.Td>
                <Table.Td>{pct(r.withinTargetShare)}{met(r.meetsTarget)}</Table.Td><Table.Td>{duration(r.avgFirstResponseSeconds)}</Table.Td>
                <Table.Td>{r.resolved}</Table.Td><Table.Td>{duration(r.avgResolutionSeconds)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <Title order={3} size="h5">{t('report.calls')}</Title>
      {report.calls.length === 0 ? <Text size="sm">{t('report.empty')}</Text> : (
        <Table striped aria-label={t('report.calls')}>
          <Table.Thead><Table.Tr>
            {['report.period', 'report.counsellor', 'report.offered', 'report.answerRate', 'report.missedRate', 'report.handle'].map((k) => (
              <Table.Th scope="col" key={k}>{t(k as 'report.period')}</Table.Th>
            ))}
          </Table.Tr></Table.Thead>
          <Table.Tbody>
            {report.calls.map((r) => (
              <Table.Tr key={`${r.period}-${r.counsellorId ?? ''}`}>
                <Table.Td>{r.period}</Table.Td><Table.Td>{who(r.counsellorId)}</Table.Td><Table.Td>{r.offered}</Table.Td>
                <Table.Td>{pct(r.answerRate)}{met(r.meetsTarget)}</Table.Td><Table.Td>{pct(r.missedRate)}</Table.Td><Table.Td>{duration(r.avgHandleSeconds)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <Title order={3} size="h5">{t('report.satisfaction')}</Title>
      {report.satisfaction.length === 0 ? <Text size="sm">{t('report.empty')}</Text> : (
        <Table striped aria-label={t('report.satisfaction')}>
          <Table.Thead><Table.Tr>
            {['report.period', 'report.counsellor', 'report.asked', 'report.answered', 'report.satisfied'].map((k) => (
              <Table.Th scope="col" key={k}>{t(k as 'report.period')}</Table.Th>
            ))}
          </Table.Tr></Table.Thead>
          <Table.Tbody>
            {report.satisfaction.map((r) => (
              <Table.Tr key={`${r.period}-${r.counsellorId ?? ''}`}>
                <Table.Td>{r.period}</Table.Td><Table.Td>{who(r.counsellorId)}</Table.Td><Table.Td>{r.asked}</Table.Td>
                <Table.Td>{r.answered}</Table.Td><Table.Td>{pct(r.satisfiedShare)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
