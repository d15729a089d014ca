import { Button, Group, Modal, Radio, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CALL_ACTION_LABELS, CALL_CHANNEL_LABELS, type CallAction, type CallChannel } from '../../../common/domain/index.js';
import { formatKoreanPhone } from '../../../common/phone/index.js';
import { kstDateTime } from '../../app/time.js';
import type { CallsKey } from '../i18n.js';
import { type ConflictField, type ConflictPick, differingFields } from './conflict.js';
import { formatDuration } from './form-state.js';
import type { CallLogEditor } from './useCallLogEditor.js';

const LABEL: Record<ConflictField, CallsKey> = {
  channel: 'channel', startedAt: 'startedAt', durationSec: 'duration', callerName: 'callerName', callerPhone: 'phone', dong: 'dong',
  field: 'field', subTopic: 'subTopic', need: 'need', programmeIds: 'programmes', action: 'action', agency: 'agency', crisis: 'crisis',
  callbackAt: 'callbackAt', notes: 'notes',
};

/**
 * Another counsellor saved this record first: both versions side by side, and the choice the
 * README promises — keep mine, keep theirs, or merge field by field (each differing field picks
 * a side; the merge is saved on top of their version).
 */
export function ConflictDialog({ editor, programmeNames }: { editor: CallLogEditor; programmeNames: Record<string, string> }) {
  const { t } = useTranslation('calls');
  const c = editor.conflict;
  const [pick, setPick] = useState<ConflictPick>({});
  const [forId, setForId] = useState<string | null>(null);
  // A new conflict starts from "mine" everywhere.
  if (c && forId !== `${c.id}:${c.theirs.version}`) {
    setForId(`${c.id}:${c.theirs.version}`);
    setPick({});
  }
  const fields = c ? differingFields(c) : [];
  const show = (f: ConflictField, v: unknown): string => {
    if (v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0)) return '—';
    switch (f) {
      case 'channel': return CALL_CHANNEL_LABELS[v as CallChannel] ?? String(v);
      case 'action': return CALL_ACTION_LABELS[v as CallAction] ?? String(v);
      case 'startedAt': case 'callbackAt': return kstDateTime(String(v));
      case 'durationSec': return formatDuration(Number(v));
      case 'callerPhone': return formatKoreanPhone(String(v));
      case 'crisis': return v ? t('yes') : t('no');
      case 'programmeIds': return (v as string[]).map((id) => programmeNames[id] ?? id).join(', ');
      default: return String(v);
    }
  };
  const all = (side: 'mine' | 'theirs'): ConflictPick => Object.fromEntries(fields.map((f) => [f, side]));
  return (
    <Modal opened={c !== null} onClose={editor.dismissConflict} title={t('conflictTitle')} size="xl" closeButtonProps={{ 'aria-label': t('close') }}>
      {c && (
        <Stack gap="sm">
          <Text size="sm">{t('conflictIntro', { version: c.theirs.version })}</Text>
          <Table withTableBorder aria-label={t('conflictTitle')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('conflictField')}</Table.Th>
                <Table.Th>{t('conflictMine')}</Table.Th>
                <Table.Th>{t('conflictTheirs')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {fields.map((f) => (
                <Table.Tr key={f}>
                  <Table.Th scope="row">{t(LABEL[f])}</Table.Th>
                  {(['mine', 'theirs'] as const).map((side) => (
                    <Table.Td key={side}>
                      <Radio
                        name={`conflict-${f}`}
                        checked={(pick[f] ?? 'mine') === side}
                        onChange={() => setPick((p) => ({ ...p, [f]: side }))}
                        label={<span style={{ whiteSpace: 'pre-wrap' }}>{show(f, side === 'mine' ? c.mine[f] : c.theirs[f])}</span>}
                        aria-label={`${t(LABEL[f])}: ${t(side === 'mine' ? 'conflictMine' : 'conflictTheirs')} ${show(f, side === 'mine' ? c.mine[f] : c.theirs[f])}`}
                      />
                    </Table.Td>
                  ))}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={editor.keepTheirs}>{t('conflictKeepTheirs')}</Button>
            <Button variant="light" loading={editor.saving} onClick={() => void editor.resolveConflict(all('mine'))}>{t('conflictKeepMine')}</Button>
            <Button loading={editor.saving} onClick={() => void editor.resolveConflict(pick)}>{t('conflictSaveMerged')}</Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
