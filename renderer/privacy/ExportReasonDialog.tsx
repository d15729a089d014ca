import { Button, Group, Modal, Radio, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EXPORT_REASON_KINDS, EXPORT_REASON_LABELS, type ExportReason } from '../../common/desk-api/index.js';

/**
 * Asks why citizens' records leave the desk (통계 보고 / 사례 회의 / 감사 대응 / 기타 + text)
 * before an export; the reason is written into the file and the access log.
 */
export function ExportReasonDialog(props: { opened: boolean; onCancel: () => void; onConfirm: (reason: ExportReason) => void }) {
  const { t } = useTranslation('privacy');
  const [kind, setKind] = useState<ExportReason['kind']>('statistics');
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    if (kind === 'other' && !text.trim()) {
      setError(t('reasonTextRequired'));
      return;
    }
    setError(null);
    props.onConfirm({ kind, text: text.trim() });
  };
  return (
    <Modal opened={props.opened} onClose={props.onCancel} title={t('exportTitle')} centered>
      <form onSubmit={submit} aria-label={t('exportTitle')}>
        <Stack gap="sm">
          <Text size="sm">{t('exportHint')}</Text>
          <Radio.Group label={t('reasonKind')} value={kind} onChange={(v) => setKind(v as ExportReason['kind'])}>
            <Group gap="sm" mt={4}>
              {EXPORT_REASON_KINDS.map((k) => (
                <Radio key={k} value={k} label={EXPORT_REASON_LABELS[k]} />
              ))}
            </Group>
          </Radio.Group>
          <TextInput label={t('reasonText')} value={text} maxLength={200} error={error}
            onChange={(e) => setText(e.currentTarget.value)} data-autofocus={kind === 'other' ? true : undefined} />
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={props.onCancel}>{t('cancel')}</Button>
            <Button type="submit">{t('exportConfirm')}</Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
