import { Button, Group, Modal, Stack, Table, Text } from '@mantine/core';
import { type ReactNode, useEffect, useState } from 'react';
import { printRecord } from '../../privacy/print.js';
import { MaskedPhone } from '../../privacy/MaskedPhone.js';
import type { CallLogView } from '../../../common/desk-api/index.js';
import { CALL_ACTION_LABELS, CALL_CHANNEL_LABELS, type CallLogRevision } from '../../../common/domain/index.js';
import { kstDateTime } from '../../../common/kst/index.js';
import { formatDuration } from '../form/form-state.js';
import { useCallsT } from '../useCallsT.js';

const PRINT_CSS = `
@media print {
  body * { visibility: hidden !important; }
  .calls-print, .calls-print * { visibility: visible !important; }
  .calls-print { position: absolute; inset: 0 auto auto 0; width: 100%; font-size: 11pt; }
  .calls-print .calls-no-print { display: none !important; }
}`;

const show = (v: unknown): string => (v === null || v === undefined || v === '' ? '—' : Array.isArray(v) ? v.join(', ') : String(v));

/** One record with its edit history (who changed what, when) and a print button. */
export function RecordDetail({ id, names, onClose, onEdit }: {
  id: string | null;
  names: Map<string, string>;
  onClose(): void;
  onEdit(r: CallLogView): void;
}) {
  const t = useCallsT();
  const [loaded, setLoaded] = useState<{ id: string; callLog: CallLogView; revisions: CallLogRevision[] } | null>(null);
  // Only what was loaded for this id is shown (no flash of the previous record).
  const data = loaded && loaded.id === id ? loaded : null;
  useEffect(() => {
    if (!id) return;
    let live = true;
    window.desk.calls.get({ id }).then((d) => live && setLoaded(d ? { id, ...d } : null), () => live && setLoaded(null));
    return () => {
      live = false;
    };
  }, [id]);
  const r = data?.callLog;
  const rows: Array<[string, ReactNode]> = r
    ? [
        [t('when'), kstDateTime(r.startedAt)],
        [t('duration'), formatDuration(r.durationSec)],
        [t('channel'), CALL_CHANNEL_LABELS[r.channel]],
        [t('counsellor'), names.get(r.counsellorId) ?? r.counsellorId],
        [t('callerName'), r.callerName ?? t('anonymous')],
        [t('phone'), r.callerPhone ? <MaskedPhone phone={r.callerPhone} entity="callLog" recordId={r.id} primary /> : '—'],
        [t('dong'), show(r.dong)],
        [t('field'), show(r.field)],
        [t('subTopic'), show(r.subTopic)],
        [t('need'), show(r.need)],
        [t('programmes'), show(r.programmeIds)],
        [t('action'), r.action ? CALL_ACTION_LABELS[r.action] : '—'],
        [t('agency'), show(r.agency)],
        [t('crisis'), r.crisis ? '예' : '아니오'],
        [t('callbackAt'), r.callbackAt ? kstDateTime(r.callbackAt) : '—'],
        [t('notes'), show(r.notes)],
      ]
    : [];
  return (
    <Modal opened={id !== null} onClose={onClose} title={t('formTitle')} size="lg">
      <style>{PRINT_CSS}</style>
      {r && (
        <Stack className="calls-print" gap="sm">
          <Table withRowBorders={false} aria-label={t('formTitle')}>
            <Table.Tbody>
              {rows.map(([k, val]) => (
                <Table.Tr key={k}>
                  <Table.Th w={110} scope="row">{k}</Table.Th>
                  <Table.Td style={{ whiteSpace: 'pre-wrap' }}>{val}</Table.Td>
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
                    {kstDateTime(rev.changedAt)} · {names.get(rev.counsellorId) ?? rev.counsellorId} ·{' '}
                    {Object.entries(rev.changes).map(([k, c]) => `${k}: ${show(c.from)} → ${show(c.to)}`).join('; ') || `v${rev.version}`}
                  </Text>
                </li>
              ))}
            </Stack>
          </section>
          <Group justify="flex-end" className="calls-no-print">
            <Button variant="default" onClick={() => void printRecord(r.id)}>{t('print')}</Button>
            <Button onClick={() => onEdit(r)}>{t('open')}</Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
