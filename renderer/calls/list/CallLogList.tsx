import { Badge, Button, Group, NativeSelect, Stack, Table, Text, TextInput, Tooltip, VisuallyHidden } from '@mantine/core';
import { memo, useCallback, useEffect, useMemo, useState } from 'react';
import { type CallLogView, toDeskError } from '../../../common/desk-api/index.js';
import { CALL_ACTIONS, CALL_ACTION_LABELS, CALL_CHANNELS, CALL_CHANNEL_LABELS, FIELDS, type CallAction, type CallChannel, type Field } from '../../../common/domain/index.js';
import { kstDate, kstDateTime, kstDayStartIso } from '../../../common/kst/index.js';
import type { ExportReason } from '../../../common/desk-api/index.js';
import { ExportReasonDialog } from '../../privacy/ExportReasonDialog.js';
import { MaskedPhone } from '../../privacy/MaskedPhone.js';
import { downloadBase64 } from '../download.js';
import { useCallsT } from '../useCallsT.js';
import { useCounsellors } from '../useCounsellorNames.js';
import { RecordDetail } from './RecordDetail.js';

interface Filters {
  from: string;
  to: string;
  counsellor: string;
  field: Field | '';
  channel: CallChannel | '';
  action: CallAction | '';
  q: string;
  phone: string;
}

function nextDay(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/** The DeskApi filter for the form's filters: KST days, "to" inclusive. */
export function toQuery(f: Filters) {
  return {
    ...(f.from && kstDayStartIso(f.from) ? { from: kstDayStartIso(f.from)! } : {}),
    ...(f.to && kstDayStartIso(nextDay(f.to)) ? { to: kstDayStartIso(nextDay(f.to))! } : {}),
    ...(f.counsellor ? { counsellor: f.counsellor } : {}),
    ...(f.field ? { field: f.field } : {}),
    ...(f.channel ? { channel: f.channel } : {}),
    ...(f.action ? { action: f.action } : {}),
    ...(f.q.trim() ? { q: f.q.trim() } : {}),
    ...(f.phone.trim() ? { phone: f.phone.trim() } : {}),
  };
}

/** Records with filters and search; open to edit, details with history and print, export of the filtered list. */
export const CallLogList = memo(function CallLogList({ onEdit, refreshKey }: { onEdit(r: CallLogView): void; refreshKey: number }) {
  const t = useCallsT();
  const counsellors = useCounsellors();
  const names = useMemo(() => new Map(counsellors.map((c) => [c.id, c.displayName])), [counsellors]);
  const [f, setF] = useState<Filters>(() => {
    const today = kstDate(new Date());
    return { from: `${today.slice(0, 8)}01`, to: today, counsellor: '', field: '', channel: '', action: '', q: '', phone: '' };
  });
  const [rows, setRows] = useState<CallLogView[]>([]);
  const [message, setMessage] = useState<string | null>(null);
  const [detail, setDetail] = useState<string | null>(null);
  const query = useMemo(() => toQuery(f), [f]);

  useEffect(() => {
    let live = true;
    const timer = setTimeout(() => {
      window.desk.calls.list({ ...query, limit: 500 }).then(
        (r) => live && setRows(r),
        (err) => live && setMessage(toDeskError(err).message),
      );
    }, 150);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [query, refreshKey]);

  // An export first asks why (the reason goes into the file and the access log).
  const [exporting, setExporting] = useState<'xlsx' | 'csv' | null>(null);
  const doExport = useCallback(async (format: 'xlsx' | 'csv', reason: ExportReason) => {
    setExporting(null);
    try {
      const out = await window.desk.calls.export({ format, filter: query, reason });
      downloadBase64(out);
      setMessage(t('exported', { rows: out.rows, file: out.fileName }));
    } catch (err) {
      setMessage(toDeskError(err).message);
    }
  }, [query, t]);

  const upd = (patch: Partial<Filters>) => setF((x) => ({ ...x, ...patch }));
  return (
    <Stack gap="xs" component="section" aria-label={t('list')}>
      <Group gap="xs" align="flex-end" role="search" aria-label={t('filters')}>
        <TextInput type="date" size="xs" label={t('from')} value={f.from} onChange={(e) => upd({ from: e.currentTarget.value })} />
        <TextInput type="date" size="xs" label={t('to')} value={f.to} onChange={(e) => upd({ to: e.currentTarget.value })} />
        <NativeSelect size="xs" label={t('counsellor')} value={f.counsellor}
          data={[{ value: '', label: t('all') }, ...counsellors.map((c) => ({ value: c.id, label: c.displayName }))]}
          onChange={(e) => upd({ counsellor: e.currentTarget.value })} />
        <NativeSelect size="xs" label={t('field')} value={f.field}
          data={[{ value: '', label: t('all') }, ...FIELDS.map((x) => ({ value: x, label: x }))]}
          onChange={(e) => upd({ field: e.currentTarget.value as Field | '' })} />
        <NativeSelect size="xs" label={t('channel')} value={f.channel}
          data={[{ value: '', label: t('all') }, ...CALL_CHANNELS.map((x) => ({ value: x, label: CALL_CHANNEL_LABELS[x] }))]}
          onChange={(e) => upd({ channel: e.currentTarget.value as CallChannel | '' })} />
        <NativeSelect size="xs" label={t('action')} value={f.action}
          data={[{ value: '', label: t('all') }, ...CALL_ACTIONS.map((x) => ({ value: x, label: CALL_ACTION_LABELS[x] }))]}
          onChange={(e) => upd({ action: e.currentTarget.value as CallAction | '' })} />
        <TextInput size="xs" label={t('phone')} type="tel" value={f.phone} onChange={(e) => upd({ phone: e.currentTarget.value })} />
        <TextInput size="xs" label={t('search')} placeholder={t('searchPlaceholder')} value={f.q} onChange={(e) => upd({ q: e.currentTarget.value })} />
      </Group>
      <Group gap="xs">
        <Button size="xs" variant="light" onClick={() => setExporting('xlsx')}>{t('exportXlsx')}</Button>
        <Button size="xs" variant="light" onClick={() => setExporting('csv')}>{t('exportCsv')}</Button>
        <ExportReasonDialog opened={exporting !== null} onCancel={() => setExporting(null)}
          onConfirm={(reason) => exporting && void doExport(exporting, reason)} />
        <Text size="xs" c="dimmed" role="status">{message ?? `${rows.length}건`}</Text>
      </Group>
      {rows.length === 0 ? (
        <Text size="sm" c="dimmed">{t('noRecords')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={640}>
          <Table highlightOnHover striped aria-label={t('list')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('when')}</Table.Th>
                <Table.Th>{t('channel')}</Table.Th>
                <Table.Th>{t('callerName')}</Table.Th>
                <Table.Th>{t('phone')}</Table.Th>
                <Table.Th>{t('field')}</Table.Th>
                <Table.Th>{t('action')}</Table.Th>
                <Table.Th>{t('need')}</Table.Th>
                <Table.Th><VisuallyHidden>{t('open')}</VisuallyHidden></Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((r) => (
                <Table.Tr key={r.id}>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{kstDateTime(r.startedAt)}</Table.Td>
                  <Table.Td>{CALL_CHANNEL_LABELS[r.channel]}</Table.Td>
                  <Table.Td>
                    <Tooltip label={r.callerName ?? t('anonymous')} openDelay={400}>
                      <Text size="sm" lineClamp={1} maw={100}>{r.callerName ?? t('anonymous')}</Text>
                    </Tooltip>
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{r.callerPhone ? <MaskedPhone phone={r.callerPhone} entity="callLog" recordId={r.id} /> : ''}</Table.Td>
                  <Table.Td>{r.field ?? ''}</Table.Td>
                  <Table.Td>
                    {r.action ? CALL_ACTION_LABELS[r.action] : ''}
                    {r.crisis && <Badge size="xs" color="red" ml={4}>{t('crisis')}</Badge>}
                    {r.localState && <Badge size="xs" color={r.localState === 'failed' ? 'red' : 'gray'} ml={4}>{t(r.localState === 'failed' ? 'failed' : 'sending')}</Badge>}
                  </Table.Td>
                  <Table.Td>
                    <Tooltip label={r.need} multiline w={320} disabled={!r.need} openDelay={400}>
                      <Text size="sm" lineClamp={1} maw={220}>{r.need}</Text>
                    </Tooltip>
                  </Table.Td>
                  <Table.Td>
                    <Button size="compact-xs" variant="subtle" aria-label={`${t('open')}: ${kstDateTime(r.startedAt)} ${r.callerName ?? t('anonymous')}`}
                      onClick={() => setDetail(r.id)}>
                      {t('open')}
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <RecordDetail id={detail} names={names} onClose={() => setDetail(null)} onEdit={(r) => {
        setDetail(null);
        onEdit(r);
      }} />
    </Stack>
  );
});
