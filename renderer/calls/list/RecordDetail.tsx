import { Button, Group, Modal, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { CallLogView } from '../../../common/desk-api/index.js';
import { kstDateTime } from '../../app/time.js';
import { useCallLogRecord, useCounsellorNames, useProgrammeNames } from '../queries.js';
import { printRecord } from '../../privacy/print.js';
import { MaskedPhone } from '../../privacy/MaskedPhone.js';
import { PrintSheet } from './PrintSheet.js';
import { recordRows } from './record-rows.js';

const show = (v: unknown): string => (v === null || v === undefined || v === '' ? '—' : Array.isArray(v) ? v.join(', ') : String(v));

/** One record with its edit history (who changed what, when), an A4 print of the whole record, and 열기 to edit it. */
export function RecordDetail({ id, onClose, onEdit }: { id: string | null; onClose(): void; onEdit?(r: CallLogView): void }) {
  const { t } = useTranslation('calls');
  const names = useCounsellorNames();
  const { data } = useCallLogRecord(id);
  // Only what was loaded for this id is shown (no flash of the previous record).
  const r = data && data.callLog.id === id ? data.callLog : null;
  const programmeNames = useProgrammeNames(r?.programmeIds ?? []);
  const counsellorName = (cid: string) => names.get(cid) ?? cid;
  const rows = r ? recordRows(r, { t, counsellorName, programmeName: (pid) => programmeNames[pid] ?? pid }) : [];
  return (
    <Modal opened={id !== null} onClose={onClose} title={t('formTitle')} size="lg" closeButtonProps={{ 'aria-label': t('close') }}>
      {r && (
        <Stack gap="sm">
          <Table withRowBorders={false} aria-label={t('formTitle')}>
            <Table.Tbody>
              {rows.map(([k, val]) => (
                <Table.Tr key={k}>
                  <Table.Th w={110} scope="row">{k}</Table.Th>
                  <Table.Td style={{ whiteSpace: 'pre-wrap' }}>
                    {k === t('phone') && r.callerPhone ? <MaskedPhone phone={r.callerPhone} entity="callLog" recordId={r.id} primary /> : val}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          <section aria-label={t('revisions')}>
            <Text fw={600} size="sm">{t('revisions')}</Text>
            <Stack gap={2} component="ol" style={{ margin: 0, paddingLeft: 18 }}>
              {(data?.revisions ?? []).map((rev) => (
                <li key={`${rev.version}-${rev.changedAt}`}>
                  <Text size="xs">
                    {kstDateTime(rev.changedAt)} · {counsellorName(rev.counsellorId)} ·{' '}
                    {Object.entries(rev.changes).map(([k, c]) => `${k}: ${show(c.from)} → ${show(c.to)}`).join('; ') || `v${rev.version}`}
                  </Text>
                </li>
              ))}
            </Stack>
          </section>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => void printRecord(r.id)}>{t('print')}</Button>
            {onEdit && <Button onClick={() => onEdit(r)}>{t('open')}</Button>}
          </Group>
          <PrintSheet record={r} rows={rows} />
        </Stack>
      )}
    </Modal>
  );
}
