import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import type { IncomingCall } from '../../../common/desk-api/index.js';
import { maskKoreanPhone, normaliseKoreanPhone } from '../../../common/phone/index.js';
import { MaskedPhone } from '../../privacy/MaskedPhone.js';
import { CallerHistory } from '../history/CallerHistory.js';
import { useCallsT } from '../useCallsT.js';

/** The CTI pop-up for the answering counsellor: who is calling, their history, and "기록 시작". */
export function IncomingCallDialog({ call, onStart, onClose }: { call: IncomingCall | null; onStart(c: IncomingCall): void; onClose(): void }) {
  const t = useCallsT();
  const phone = call ? normaliseKoreanPhone(call.call.from) : null;
  return (
    <Modal opened={call !== null} onClose={onClose} title={t('incomingTitle')} centered>
      {call && (
        <Stack gap="sm">
          <Text size="xl" fw={700} component="div">{phone ? <MaskedPhone phone={phone} entity="ctiCall" recordId={call.call.callId} primary /> : maskKoreanPhone(call.call.from)}</Text>
          {phone ? (
            <CallerHistory key={phone} phone={phone} initial={{ callLogs: call.history, conversations: call.conversations }} />
          ) : (
            <Text size="sm" c="dimmed">{t('historyEmpty')}</Text>
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
