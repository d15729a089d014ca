import { BarChart } from '@mantine/charts';
import { Group, NativeSelect, SegmentedControl, Stack, Table, Text, TextInput } from '@mantine/core';
import { memo, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { STATS_UNSET_KEY, toDeskError } from '../../../common/desk-api/index.js';
import { CALL_ACTION_LABELS, CALL_CHANNEL_LABELS, type CallAction, type CallChannel } from '../../../common/domain/index.js';
import { kstDate, kstDayRange } from '../../app/time.js';
import { useCallStats, useCounsellors } from '../queries.js';

type GroupBy = 'day' | 'week' | 'month';
type Dimension = 'field' | 'channel' | 'action' | 'counsellor';
const COLORS = ['blue.6', 'teal.6', 'orange.6', 'grape.6', 'red.6', 'cyan.6', 'lime.7', 'pink.6', 'indigo.6', 'yellow.7', 'gray.6'];

/** Counts per day/week/month (KST) by field, channel, 조치 or counsellor, as a stacked bar chart and a table. */
export const StatsView = memo(function StatsView() {
  const { t } = useTranslation('calls');
  const counsellors = useCounsellors();
  const today = kstDate(new Date());
  const [from, setFrom] = useState(`${today.slice(0, 8)}01`);
  const [to, setTo] = useState(today);
  const [groupBy, setGroupBy] = useState<GroupBy>('day');
  const [dimension, setDimension] = useState<Dimension>('field');
  const range = kstDayRange(from, to);
  const q = useMemo(() => (range.from && range.to ? { from: range.from, to: range.to, groupBy, dimension } : null), [range.from, range.to, groupBy, dimension]);
  const stats = useCallStats(q);
  const result = stats.data ?? null;
  const error = stats.error ? toDeskError(stats.error).message : null;

  const label = useMemo(() => {
    const names = new Map(counsellors.map((c) => [c.id, c.displayName]));
    return (key: string): string => {
      if (key === STATS_UNSET_KEY) return t('unset');
      if (dimension === 'channel') return CALL_CHANNEL_LABELS[key as CallChannel] ?? key;
      if (dimension === 'action') return CALL_ACTION_LABELS[key as CallAction] ?? key;
      if (dimension === 'counsellor') return names.get(key) ?? key;
      return key;
    };
  }, [counsellors, dimension, t]);

  const { data, keys } = useMemo(() => {
    const keys = [...new Set((result?.rows ?? []).map((r) => label(r.key)))];
    const byPeriod = new Map<string, Record<string, string | number>>();
    for (const r of result?.rows ?? []) {
      const row = byPeriod.get(r.period) ?? { period: r.period };
      const k = label(r.key);
      row[k] = (Number(row[k]) || 0) + r.count;
      byPeriod.set(r.period, row);
    }
    return { data: [...byPeriod.values()], keys };
  }, [result, label]);

  return (
    <Stack gap="sm" component="section" aria-label={t('stats')}>
      <Group gap="xs" align="flex-end">
        <TextInput type="date" size="xs" label={t('from')} value={from} onChange={(e) => setFrom(e.currentTarget.value)} />
        <TextInput type="date" size="xs" label={t('to')} value={to} onChange={(e) => setTo(e.currentTarget.value)} />
        <div>
          <Text size="xs" fw={500} id="calls-stats-groupby">{t('groupBy')}</Text>
          <SegmentedControl size="xs" aria-labelledby="calls-stats-groupby" value={groupBy} onChange={(v) => setGroupBy(v as GroupBy)}
            data={[{ value: 'day', label: t('day') }, { value: 'week', label: t('week') }, { value: 'month', label: t('month') }]} />
        </div>
        <NativeSelect size="xs" label={t('dimension')} value={dimension} onChange={(e) => setDimension(e.currentTarget.value as Dimension)}
          data={[{ value: 'field', label: t('field') }, { value: 'channel', label: t('channel') }, { value: 'action', label: t('action') }, { value: 'counsellor', label: t('counsellor') }]} />
      </Group>
      {error && <Text role="alert" c="red" size="sm">{error}</Text>}
      <Text size="sm" role="status">{t('total')}: {result?.total ?? 0}</Text>
      {data.length > 0 && (
        // The table below carries the figures for assistive technology; the chart is for the eye only
        // and, being hidden, must hold nothing focusable (inert).
        <div aria-hidden="true" inert>
          <BarChart h={260} data={data} dataKey="period" type="stacked" withLegend
            series={keys.map((k, i) => ({ name: k, color: COLORS[i % COLORS.length]! }))} />
        </div>
      )}
      <Table.ScrollContainer minWidth={320}>
        <Table aria-label={t('stats')} striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('period')}</Table.Th>
              {keys.map((k) => <Table.Th key={k}>{k}</Table.Th>)}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {data.map((row) => (
              <Table.Tr key={String(row.period)}>
                <Table.Td>{row.period}</Table.Td>
                {keys.map((k) => <Table.Td key={k}>{row[k] ?? 0}</Table.Td>)}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
});
