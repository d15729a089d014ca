import { Button } from '@mantine/core';
import { lazy, useCallback, useEffect, useState } from 'react';
import type { Counsellor } from '../../common/domain/index.js';
import { LazyScreen, useOpenedOnce } from '../app/lazy-screen.js';
import { useWorkspaceRequest } from '../app/workspace-bus.js';
import { useTranslation } from 'react-i18next';

// The dialog and its screens are a chunk of their own, loaded when first opened.
const BroadcastsDialog = lazy(() => import('./BroadcastsDialog.js').then((m) => ({ default: m.BroadcastsDialog })));

/** Who may write, approve and follow notices and list subscribers: as the server's routes (server/broadcasts/routes.ts). */
export const canManageNotices = (me: Pick<Counsellor, 'role'>) => me.role === 'supervisor' || me.role === 'admin';

export type BroadcastsTab = 'compose' | 'queue' | 'sending' | 'subscribers' | 'lookup';

const isNoticesKey = (e: KeyboardEvent) => (e.ctrlKey || e.metaKey) && e.shiftKey && !e.altKey && (e.code === 'KeyN' || e.key.toLowerCase() === 'n');

/**
 * 구독 소식: the header button for supervisors and admins, Ctrl+Shift+N and a conversation's 구독 관리
 * for everyone. Supervisors and admins get 소식 작성, 승인 대기, 발송 현황 and 구독자; every role gets
 * 구독 관리 (a counsellor subscribes a citizen after reading the statement).
 */
export function BroadcastsEntry({ me }: { me: Counsellor }) {
  const { t } = useTranslation('broadcasts');
  const [opened, setOpened] = useState(false);
  const mounted = useOpenedOnce(opened);
  /** Set when a conversation's 구독 button asked for one citizen: the dialog opens on 구독 관리 with their key. */
  const [citizenKey, setCitizenKey] = useState<string | null>(null);
  useWorkspaceRequest('subscriptions:open', useCallback(({ citizenKey: key }: { citizenKey: string }) => {
    setCitizenKey(key);
    setOpened(true);
  }, []));
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || !isNoticesKey(e)) return;
      e.preventDefault();
      setCitizenKey(null);
      setOpened((v) => !v);
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);
  return (
    <>
      {/* The header is narrow: counsellors reach 구독 관리 from a conversation (or Ctrl+Shift+N). */}
      {canManageNotices(me) && (
        <Button variant="default" size="compact-sm" onClick={() => { setCitizenKey(null); setOpened(true); }} title="Ctrl+Shift+N">{t('open')}</Button>
      )}
      {mounted && (
        <LazyScreen>
          <BroadcastsDialog
            opened={opened}
            onClose={() => setOpened(false)}
            me={me}
            {...(citizenKey ? { initialTab: 'lookup' as const, citizenKey } : {})}
          />
        </LazyScreen>
      )}
    </>
  );
}
