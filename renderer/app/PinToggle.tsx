import { ActionIcon, Tooltip } from '@mantine/core';
import { IconPin, IconPinnedOff } from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { getDesk, queryKeys } from './desk.js';
import { useErrorText } from './errors.js';

/** 창 고정: always-on-top. The state shown is what the window reports (window.onStateChange). */
export function PinToggle() {
  const { t } = useTranslation('app');
  const client = useQueryClient();
  const errorText = useErrorText();
  const [error, setError] = useState<string | null>(null);
  const { data } = useQuery({ queryKey: queryKeys.window, queryFn: () => getDesk().window.getState() });
  const pinned = data?.pinned ?? false;
  return (
    <Tooltip label={error ?? (pinned ? t('pin.on') : t('pin.off'))}>
      <ActionIcon
        variant={pinned ? 'filled' : 'default'}
        size="lg"
        aria-label={t('pin.label')}
        aria-pressed={pinned}
        disabled={!data}
        onClick={async () => {
          setError(null);
          try {
            client.setQueryData(queryKeys.window, await getDesk().window.togglePinned());
          } catch (err) {
            setError(errorText(err));
          }
        }}
      >
        {pinned ? <IconPin size={18} aria-hidden /> : <IconPinnedOff size={18} aria-hidden />}
      </ActionIcon>
    </Tooltip>
  );
}
