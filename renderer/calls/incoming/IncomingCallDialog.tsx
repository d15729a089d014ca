import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { IncomingCall } from '../../../common/desk-api/index.js';
import { maskKoreanPhone, normaliseKoreanPhone } from '../../../common/phone/index.js';
import { formatDuration } from '../form/form-state.js';
import { MaskedPhone } from '../../privacy/MaskedPhone.js';
import { CallerHistory } from '../history/CallerHistory.js';

/** The CTI pop-up for the answering counsellor: who is calling, what the desk knows of them, and "기록 시작". */
export function IncomingCallDialog({ call, onStart, onClose, onOpenRecord, onOpenConversation }: {
  call: IncomingCall | null;
  onStart(c: IncomingCall): void;
  onClose(): void;
  onOpenRecord(id: string): void;
  onOpenConversation(id: string): void;
}) {
  const { t } = useTranslation('calls');
  const phone = call ? normaliseKoreanPhone(call.call.from) : null;
  const c = call?.call;
  const ended = c?.endedAt && c.answeredAt ? Math.max(0, Math.round((Date.parse(c.endedAt) - Date.parse(c.answeredAt)) / 1000)) : null;
  return (
    <Modal opened={call !== null} onClose={onClose} title={t('incomingTitle')} centered closeButtonProps={{ 'aria-label': t('incomingClose') }}>
      {call && (
        <Stack gap="sm">
          <Text size="xl" fw={700} component="div">{phone ? <MaskedPhone phone={phone} entity="ctiCall" recordId={call.call.callId} primary /> : maskKoreanPhone(call.call.from)}</Text>
          <Text size="sm" role="status">{ended !== null ? t('callEnded', { duration: formatDuration(ended) }) : t('callLive')}</Text>
          {phone ? (
            <CallerHistory key={phone} phone={phone} initial={{ callLogs: call.history, conversations: call.conversations }}
              onOpenRecord={onOpenRecord} onOpenConversation={onOpenConversation} />
          ) : (
            <Text size="sm" c="dark.4">{t('historyEmpty')}</Text>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>{t('incomingClose')}</Button>
            <Button data-autofocus onClick={() => onStart(call)}>{t('incomingStart')}</Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
