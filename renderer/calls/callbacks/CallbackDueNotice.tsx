import { Alert, Button, Group, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CallLog } from '../../../common/domain/index.js';
import { maskKoreanPhone } from '../../../common/phone/index.js';
import { getDesk } from '../../app/desk.js';
import { callKeys } from '../queries.js';

/** The reminder that a promised callback is due (desk.calls.onCallbackDue), with a button that starts its record. */
export function CallbackDueNotice({ onCallBack }: { onCallBack(log: CallLog): void }) {
  const { t } = useTranslation('calls');
  const client = useQueryClient();
  const [due, setDue] = useState<CallLog | null>(null);
  useEffect(() => getDesk().calls.onCallbackDue((log) => {
    setDue(log);
    void client.invalidateQueries({ queryKey: callKeys.callbacks });
  }), [client]);
  if (!due) return null;
  return (
    <Alert color="orange" role="alert" withCloseButton onClose={() => setDue(null)} closeButtonLabel={t('close')} mt="xs" p={6}>
      <Group gap="xs" justify="space-between">
        <Text size="sm">
          {t('callbackDue')}: {due.callerName ?? t('anonymous')} {due.callerPhone ? maskKoreanPhone(due.callerPhone) : ''}
        </Text>
        <Button size="compact-xs" onClick={() => {
          onCallBack(due);
          setDue(null);
        }}>{t('callBack')}</Button>
      </Group>
    </Alert>
  );
}
