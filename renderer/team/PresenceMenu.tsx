import { Badge, Button, Menu, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PRESENCES, type Presence } from '../../common/domain/index.js';
import { queryKeys, getDesk } from '../app/desk.js';
import { useErrorText } from '../app/errors.js';
import { PRESENCE_COLORS, useMyRecord } from './queries.js';

/** Ctrl+Shift+A (or the physical A key with the Korean IME on): 상담 가능 ↔ 자리 비움. */
const isToggleKey = (e: KeyboardEvent) => (e.ctrlKey || e.metaKey) && e.shiftKey && !e.altKey && (e.code === 'KeyA' || e.key.toLowerCase() === 'a');

/**
 * 내 상태 in the header: the counsellor's presence as the server holds it (it also changes by
 * itself: 통화 중 during a CTI call, 오프라인 when no desk is connected), a menu to set it and a
 * shortcut that toggles between 상담 가능 and 자리 비움.
 */
export function PresenceMenu({ meId }: { meId: string }) {
  const { t } = useTranslation('team');
  const client = useQueryClient();
  const errorText = useErrorText();
  const me = useMyRecord(meId);
  const [error, setError] = useState<string | null>(null);
  const presence: Presence = me?.presence ?? 'offline';
  const presenceRef = useRef(presence);
  useEffect(() => {
    presenceRef.current = presence;
  });

  const set = useCallback(async (status: Presence) => {
    setError(null);
    try {
      await getDesk().team.setPresence({ status, source: 'manual' });
      await client.invalidateQueries({ queryKey: queryKeys.counsellors });
    } catch (err) {
      setError(errorText(err));
    }
  }, [client, errorText]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || !isToggleKey(e)) return;
      e.preventDefault();
      void set(presenceRef.current === 'available' ? 'away' : 'available');
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [set]);

  return (
    <>
      <Menu position="bottom-end" shadow="md" withinPortal>
        <Menu.Target>
          <Button
            variant="default"
            size="compact-sm"
            aria-label={t('presence.menu', { status: t(`presence.${presence}`) })}
            title={t('presence.hint')}
            leftSection={<Badge size="xs" circle color={PRESENCE_COLORS[presence]} aria-hidden> </Badge>}
          >
            {t(`presence.${presence}`)}
          </Button>
        </Menu.Target>
        <Menu.Dropdown aria-label={t('presence.choose')}>
          <Menu.Label>{t('presence.hint')}</Menu.Label>
          {PRESENCES.map((p) => (
            <Menu.Item key={p} onClick={() => void set(p)} aria-current={p === presence ? 'true' : undefined}
              leftSection={<Badge size="xs" circle color={PRESENCE_COLORS[p]} aria-hidden> </Badge>}>
              {t(`presence.${p}`)}
            </Menu.Item>
          ))}
        </Menu.Dropdown>
      </Menu>
      {error && (
        <Text role="alert" size="xs" c="red.9">
          {error}
        </Text>
      )}
    </>
  );
}
