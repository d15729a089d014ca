import { Badge, Button, Group, NativeSelect, Stack, Table, Text, TextInput, Tooltip, VisuallyHidden } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { memo, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { toDeskError } from '../../../common/desk-api/index.js';
import { CALL_ACTIONS, CALL_ACTION_LABELS, CALL_CHANNELS, CALL_CHANNEL_LABELS, FIELDS, type CallAction, type CallChannel, type Field } from '../../../common/domain/index.js';
import { getDesk } from '../../app/desk.js';
import { kstDate, kstDateTime, kstDayRange } from '../../app/time.js';
import type { ExportReason } from '../../../common/desk-api/index.js';
import { ExportReasonDialog } from '../../privacy/ExportReasonDialog.js';
import { MaskedPhone } from '../../privacy/MaskedPhone.js';
import { downloadBase64 } from '../download.js';
import { useCallLogs, useCounsellors, useProgrammeNames } from '../queries.js';

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

/** The DeskApi filter for the form's filters: KST days, "to" inclusive. */
export function toQuery(f: Filters) {
  const range = kstDayRange(f.from, f.to);
  return {
    ...(range.from ? { from: range.from } : {}),
    ...(range.to ? { to: range.to } : {}),
    ...(f.counsellor ? { counsellor: f.counsellor } : {}),
    ...(f.field ? { field: f.field } : {}),
    ...(f.channel ? { channel: f.channel } : {}),
    ...(f.action ? { action: f.action } : {}),
    ...(f.q.trim() ? { q: f.q.trim() } : {}),
    ...(f.phone.trim() ? { phone: f.phone.trim() } : {}),
  };
}

/**
 * Records with filters and search, and export of the filtered list. 열기 asks the panel to show the
 * record (details with history, print, 열기 to edit): that dialog lives outside the tabs, since a
 * Modal closing inside a tab that hides at the same moment never finishes its exit transition
 * (React's Activity stops its timers) and leaves its overlay over the page.
 */
export const CallLogList = memo(function CallLogList({ onOpen }: { onOpen(id: string): void }) {
  const { t } = useTranslation('calls');
  const counsellors = useCounsellors();
  const [f, setF] = useState<Filters>(() => {
    const today = kstDate(new Date());
    return { from: `${today.slice(0, 8)}01`, to: today, counsellor: '', field: '', channel: '', action: '', q: '', phone: '' };
  });
  const [message, setMessage] = useState<string | null>(null);
  const query = useMemo(() => toQuery(f), [f]);
  // Typing in the search box asks once the keys rest.
  const [debounced] = useDebouncedValue(query, 150);
  const list = useCallLogs(useMemo(() => ({ ...debounced, limit: 500 }), [debounced]));
  const rows = useMemo(() => list.data ?? [], [list.data]);
  const programmeNames = useProgrammeNames(useMemo(() => rows.flatMap((r) => r.programmeIds), [rows]));
  const listError = list.error ? toDeskError(list.error).message : null;

  // In a narrow window the table scrolls sideways. Whenever the list is shown again (its tab, the
  // narrow column's 상담 기록 tab) or filtered, it starts at its first columns (일시, 채널, 성명), not
  // wherever it was last left.
  const viewport = useRef<HTMLDivElement | null>(null);
  useEffect(() => {
    if (viewport.current) viewport.current.scrollLeft = 0;
  }, [debounced]);
  const viewportRef = useCallback((el: HTMLDivElement | null) => {
    viewport.current = el;
    if (!el || typeof ResizeObserver === 'undefined') return;
    // A hidden tab or area is display:none (no width); coming back it gets its width again.
    let hidden = true;
    const sized = new ResizeObserver(() => {
      const nowHidden = el.clientWidth === 0;
      if (hidden && !nowHidden) el.scrollLeft = 0;
      hidden = nowHidden;
    });
    sized.observe(el);
    return () => sized.disconnect();
  }, []);

  // An export first asks why (the reason goes into the file and the access log).
  const [exporting, setExporting] = useState<'xlsx' | 'csv' | null>(null);
  const doExport = useCallback(async (format: 'xlsx' | 'csv', reason: ExportReason) => {
    setExporting(null);
    try {
      const out = await getDesk().calls.export({ format, filter: query, reason });
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
        <Text size="xs" c="dark.4" role="status">{message ?? listError ?? t('listCount', { count: rows.length })}</Text>
      </Group>
      {rows.length === 0 ? (
        <Text size="sm" c="dark.4">{t('noRecords')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={760} scrollAreaProps={{ viewportRef }}>
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
                <Table.Th>{t('programmes')}</Table.Th>
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
                    <Text size="sm" lineClamp={1} maw={200}>{r.programmeIds.map((id) => programmeNames[id] ?? id).join(', ')}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Button size="compact-xs" variant="subtle" color="blue.9" aria-label={`${t('open')}: ${kstDateTime(r.startedAt)} ${r.callerName ?? t('anonymous')}`}
                      onClick={() => onOpen(r.id)}>
                      {t('open')}
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
});
