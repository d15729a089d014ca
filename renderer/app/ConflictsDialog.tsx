import { Alert, Button, Group, Modal, Stack, Table, Text } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SyncConflict } from '../../common/desk-api/index.js';
import { getDesk, queryKeys } from './desk.js';
import { useErrorText } from './errors.js';
import { formatDateTime } from './time.js';

/** Bookkeeping fields say nothing to a counsellor; show only what they could have typed. */
const HIDDEN_FIELDS = new Set(['id', 'version', 'updatedAt', 'createdAt', 'counsellorId']);

function show(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}

function differingFields(c: SyncConflict): string[] {
  const keys = new Set([...Object.keys(c.mine), ...Object.keys(c.theirs)]);
  return [...keys].filter((k) => !HIDDEN_FIELDS.has(k) && JSON.stringify(c.mine[k]) !== JSON.stringify(c.theirs[k]));
}

/** Mine vs theirs, field by field; the counsellor chooses. Nothing is overwritten without a choice. */
export function ConflictsDialog({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t, i18n } = useTranslation('app');
  const client = useQueryClient();
  const errorText = useErrorText();
  const [error, setError] = useState<string | null>(null);
  const { data: conflicts = [] } = useQuery({
    queryKey: queryKeys.conflicts,
    queryFn: () => getDesk().sync.conflicts(),
    enabled: opened,
  });

  async function resolve(id: string, keep: 'mine' | 'theirs') {
    setError(null);
    try {
      await getDesk().sync.resolveConflict({ id, keep });
      await client.invalidateQueries({ queryKey: ['sync'] });
    } catch (err) {
      setError(errorText(err));
    }
  }

  return (
    <Modal opened={opened} onClose={onClose} title={t('conflicts.title')} size="xl">
      <Stack>
        <Text size="sm">{t('conflicts.intro')}</Text>
        {error && (
          <Alert color="red" role="alert">
            {error}
          </Alert>
        )}
        {conflicts.length === 0 && <Text>{t('conflicts.none')}</Text>}
        {conflicts.map((c) => (
          <Stack key={c.id} gap="xs" component="section" aria-label={`${t(`conflicts.entity.${c.entity}`)} ${c.recordId}`}>
            <Text fw={600}>
              {t(`conflicts.entity.${c.entity}`)} · {t('conflicts.detectedAt', { time: formatDateTime(c.detectedAt, i18n.language) })}
            </Text>
            <Table withTableBorder>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('conflicts.field')}</Table.Th>
                  <Table.Th>{t('conflicts.mine')}</Table.Th>
                  <Table.Th>{t('conflicts.theirs')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {differingFields(c).map((k) => (
                  <Table.Tr key={k}>
                    <Table.Td>{k}</Table.Td>
                    <Table.Td className="pre-wrap">{show(c.mine[k])}</Table.Td>
                    <Table.Td className="pre-wrap">{show(c.theirs[k])}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
            <Group>
              <Button onClick={() => resolve(c.id, 'mine')}>{t('conflicts.keepMine')}</Button>
              <Button variant="default" onClick={() => resolve(c.id, 'theirs')}>
                {t('conflicts.keepTheirs')}
              </Button>
            </Group>
          </Stack>
        ))}
      </Stack>
    </Modal>
  );
}
