import { Button, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { CallLogDraft } from '../../../common/desk-api/index.js';
import { getDesk } from '../../app/desk.js';
import { kstDateTime } from '../../app/time.js';
import { useCallDrafts, useRefreshDrafts } from '../queries.js';

/** "복원할 초안": unsaved records other than the one in the form, to bring back or throw away. */
export function DraftsToRestore({ currentId, onRestore }: { currentId: string; onRestore(d: CallLogDraft): void }) {
  const { t } = useTranslation('calls');
  const drafts = useCallDrafts();
  const refresh = useRefreshDrafts();
  const others = (drafts.data ?? []).filter((d) => d.id !== currentId);
  if (others.length === 0) return null;
  return (
    <section aria-label={t('draftsToRestore')}>
      <Text size="sm" fw={600}>{t('draftsToRestore')}</Text>
      <Stack gap={2} component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
        {others.map((d) => (
          <li key={d.id}>
            <Group gap={4} wrap="nowrap">
              <Text size="xs" lineClamp={1} style={{ flex: 1 }}>
                {d.startedAt ? kstDateTime(d.startedAt) : ''} · {d.callerName || t('anonymous')} · {d.phoneText || ''} {d.need ? `· ${d.need}` : ''}
              </Text>
              <Button size="compact-xs" variant="light" aria-label={`${t('restore')}: ${d.callerName || d.phoneText || t('anonymous')}`}
                onClick={() => onRestore(d)}>{t('restore')}</Button>
              <Button size="compact-xs" variant="subtle" color="red.9" aria-label={`${t('discard')}: ${d.callerName || d.phoneText || t('anonymous')}`}
                onClick={() => void getDesk().calls.discardDraft({ id: d.id }).finally(refresh)}>{t('discard')}</Button>
            </Group>
          </li>
        ))}
      </Stack>
    </section>
  );
}
