import { Paper, Stack, Text } from '@mantine/core';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { BroadcastButton } from '../../common/subscriptions/index.js';

/**
 * The notice as the citizen will see it in KakaoTalk: the channel's name above a bubble, the
 * text (title line first, masked), and the link buttons below it. Not focusable: it repeats the form.
 */
export function KakaoPreview({ text, buttons }: { text: string; buttons: BroadcastButton[] }) {
  const { t } = useTranslation('broadcasts');
  const id = useId();
  return (
    <section aria-labelledby={id} className="kakao-preview">
      <Text id={id} size="sm" fw={700}>{t('preview')}</Text>
      <div className="kakao-preview-screen">
        <Text size="xs" className="kakao-preview-sender">{t('previewSender')}</Text>
        <Paper className="kakao-preview-bubble" radius="md" p="sm" shadow="xs" data-testid="kakao-bubble">
          <Text size="sm" className="kakao-preview-text">{text}</Text>
          {buttons.length > 0 && (
            <Stack gap={4} mt="sm">
              {buttons.map((b, i) => (
                <span key={i} className="kakao-preview-button" title={b.url}>{b.name || '…'}</span>
              ))}
            </Stack>
          )}
        </Paper>
      </div>
    </section>
  );
}
