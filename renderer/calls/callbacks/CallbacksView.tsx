import { Badge, Button, Group, Stack, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { memo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { toDeskError } from '../../../common/desk-api/index.js';
import type { CallLog, CtiCall } from '../../../common/domain/index.js';
import { getDesk } from '../../app/desk.js';
import { kstDateTime } from '../../app/time.js';
import { callKeys, useCallbacks, useMissedCalls } from '../queries.js';
import { maskKoreanPhone, normaliseKoreanPhone } from '../../../common/phone/index.js';

/** Callbacks queue (due first, overdue marked) and the missed-call list. */
export const CallbacksView = memo(function CallbacksView({ now, onCallBack, onMissedCall }: {
  now: number;
  /** Start the follow-up record of a callback; saving it completes the callback. */
  onCallBack(log: CallLog): void;
  onMissedCall(call: CtiCall): void;
}) {
  const { t } = useTranslation('calls');
  const client = useQueryClient();
  const callbacksQuery = useCallbacks();
  const missedQuery = useMissedCalls();
  const callbacks = callbacksQuery.data ?? [];
  const missed = missedQuery.data ?? [];
  const [failure, setError] = useState<string | null>(null);
  const loadError = callbacksQuery.error ?? missedQuery.error;
  const error = failure ?? (loadError ? toDeskError(loadError).message : null);

  const complete = async (log: CallLog) => {
    try {
      // Link the newest record written for this caller after the callback was requested, if there is one.
      const h = log.callerPhone ? await getDesk().calls.history({ phone: log.callerPhone }) : { callLogs: [] };
      const follow = h.callLogs.filter((l) => l.id !== log.id && l.createdAt >= log.createdAt).sort((a, b) => b.createdAt.localeCompare(a.createdAt))[0];
      await getDesk().calls.completeCallback({ id: log.id, recordId: follow?.id ?? null });
      await client.invalidateQueries({ queryKey: callKeys.callbacks });
    } catch (e) {
      setError(toDeskError(e).message);
    }
  };

  return (
    <Stack gap="md">
      {error && <Text role="alert" c="red" size="sm">{error}</Text>}
      <section aria-label={t('callbacks')}>
        <Text fw={600} mb={4}>{t('callbacks')}</Text>
        {callbacks.length === 0 && <Text size="sm" c="dark.4">{t('callbacksEmpty')}</Text>}
        <Stack gap={6} component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
          {callbacks.map((c) => {
            const due = c.callbackAt !== null && Date.parse(c.callbackAt) <= now;
            return (
              <li key={c.id}>
                <Group gap="xs" wrap="nowrap" justify="space-between">
                  <div style={{ minWidth: 0 }}>
                    <Text component="div" size="sm" lineClamp={1} title={c.callerName ?? t('anonymous')}>
                      {due && <Badge size="xs" color="red" mr={4}>{t('callbackDue')}</Badge>}
                      {c.callbackAt ? kstDateTime(c.callbackAt) : ''} · {c.callerName ?? t('anonymous')} ·{' '}
                      {c.callerPhone ? maskKoreanPhone(c.callerPhone) : ''}
                    </Text>
                    <Text size="xs" c="dark.4" lineClamp={1} title={c.need}>{c.need}</Text>
                  </div>
                  <Group gap={4} wrap="nowrap">
                    <Button size="compact-xs" variant="light" onClick={() => onCallBack(c)}>{t('callBack')}</Button>
                    <Button size="compact-xs" title={t('completeHint')} aria-label={`${t('complete')}: ${c.callerName ?? t('anonymous')}`}
                      onClick={() => void complete(c)}>
                      {t('complete')}
                    </Button>
                  </Group>
                </Group>
              </li>
            );
          })}
        </Stack>
      </section>
      <section aria-label={t('missed')}>
        <Text fw={600} mb={4}>{t('missed')}</Text>
        {missed.length === 0 && <Text size="sm" c="dark.4">{t('missedEmpty')}</Text>}
        <Stack gap={4} component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
          {missed.map((m) => {
            const phone = normaliseKoreanPhone(m.from);
            return (
              <li key={m.callId}>
                <Group gap="xs" justify="space-between" wrap="nowrap">
                  <Text component="div" size="sm">
                    {kstDateTime(m.ringingAt)} · {maskKoreanPhone(phone ?? m.from)}
                    {m.callLogId && <Badge size="xs" ml={4} variant="light">✓</Badge>}
                  </Text>
                  <Button size="compact-xs" variant="light" aria-label={`${t('callBack')}: ${maskKoreanPhone(phone ?? m.from)}`}
                    onClick={() => onMissedCall(m)}>
                    {t('callBack')}
                  </Button>
                </Group>
              </li>
            );
          })}
        </Stack>
      </section>
    </Stack>
  );
});
