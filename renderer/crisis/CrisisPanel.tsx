import { Alert, Button, Group, List, Stack, Text, Textarea } from '@mantine/core';
import { IconAlertTriangleFilled, IconPhone } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { EMERGENCY_WELFARE, HOTLINES_BY_KIND, OFFERS_EMERGENCY_WELFARE } from '../../common/crisis/index.js';
import type { Conversation } from '../../common/domain/index.js';
import { getDesk } from '../app/desk.js';
import { useErrorText } from '../app/errors.js';
import { request } from '../app/workspace-bus.js';
import { useCrisisLabel } from './use-crisis-label.js';

/**
 * The hotline card of a flagged conversation: what raised it, the matching 24-hour lines (the one
 * to call first leading), a one-click 위기가구 record, and the dismissal of a false alarm with a
 * reason (sent as PATCH {dismissCrisis}; the server logs it).
 */
export function CrisisPanel({ conversation: c }: { conversation: Conversation }) {
  const { t } = useTranslation('crisis');
  const label = useCrisisLabel();
  const errorText = useErrorText();
  const [dismissing, setDismissing] = useState(false);
  const [reason, setReason] = useState('');
  const [invalid, setInvalid] = useState(false);
  const [status, setStatus] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  if (!c.crisis) return null;
  const kind = c.crisis.kind;

  const record = async () => {
    setBusy(true);
    setError(null);
    try {
      const { callLogId } = await getDesk().inbox.recordCrisis({ conversationId: c.id });
      setStatus(t('recorded'));
      request('callLog:open', { id: callLogId });
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };
  const dismiss = async (e: FormEvent) => {
    e.preventDefault();
    if (!reason.trim()) {
      setInvalid(true);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await getDesk().inbox.dismissCrisis({ conversationId: c.id, reason: reason.trim() });
    } catch (err) {
      setError(errorText(err));
      setBusy(false);
    }
  };

  return (
    <section aria-label={t('region')} className="crisis-panel">
    <Alert
      color="red"
      variant="light"
      icon={<IconAlertTriangleFilled aria-hidden />}
      title={t('title', { kind: label(kind) })}
      p="xs"
    >
      <Stack gap={6}>
        <Text size="sm" className="break-anywhere">{t('phrase', { phrase: c.crisis.phrase })}</Text>
        <Text size="xs" fw={700}>{t('hotlines')}</Text>
        <List size="sm" spacing={2} icon={<IconPhone size={14} aria-hidden />}>
          {HOTLINES_BY_KIND[kind].map((h) => (
            <List.Item key={h.number}>
              <Text span fw={700}>{h.number}</Text> {h.name} <Text span size="xs" c="dark.6">— {h.note}</Text>
            </List.Item>
          ))}
          {OFFERS_EMERGENCY_WELFARE[kind] && <List.Item>{EMERGENCY_WELFARE}</List.Item>}
        </List>
        {!dismissing ? (
          <Group gap={6}>
            <Button size="compact-sm" color="red.9" onClick={() => void record()} loading={busy}>{t('record')}</Button>
            <Button size="compact-sm" variant="default" onClick={() => setDismissing(true)}>{t('dismiss')}</Button>
          </Group>
        ) : (
          <form onSubmit={(e) => void dismiss(e)} aria-label={t('dismiss')}>
            <Stack gap={4}>
              <Textarea
                label={t('reason')}
                description={t('reasonHint')}
                value={reason}
                onChange={(e) => { setReason(e.currentTarget.value); setInvalid(false); }}
                maxLength={500}
                autosize
                minRows={1}
                withAsterisk
                aria-required
                error={invalid ? t('required') : undefined}
                data-autofocus
                autoFocus
              />
              <Group gap={6}>
                <Button type="submit" size="compact-sm" color="red.9" loading={busy}>{t('confirmDismiss')}</Button>
                <Button size="compact-sm" variant="default" onClick={() => { setDismissing(false); setReason(''); }}>{t('cancel')}</Button>
              </Group>
            </Stack>
          </form>
        )}
        <div role="status" className="visually-hidden">{status}</div>
        {error && <Text size="sm" c="red.9" role="alert">{error}</Text>}
      </Stack>
    </Alert>
    </section>
  );
}
