import { Button, Modal, Tabs, Text } from '@mantine/core';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useWorkspaceRequest } from '../app/workspace-bus.js';
import type { Counsellor } from '../../common/domain/index.js';
import { ApprovalQueue } from './ApprovalQueue.js';
import { NoticeComposer } from './NoticeComposer.js';
import { SendingList } from './SendingList.js';
import { SubscriberList } from './SubscriberList.js';
import { SubscriberLookup } from './SubscriberLookup.js';

/** Who may write, approve and follow notices and list subscribers: as the server's routes (server/broadcasts/routes.ts). */
export const canManageNotices = (me: Pick<Counsellor, 'role'>) => me.role === 'supervisor' || me.role === 'admin';

type Tab = 'compose' | 'queue' | 'sending' | 'subscribers' | 'lookup';

const isNoticesKey = (e: KeyboardEvent) => (e.ctrlKey || e.metaKey) && e.shiftKey && !e.altKey && (e.code === 'KeyN' || e.key.toLowerCase() === 'n');

/**
 * 구독 소식: the header button for supervisors and admins, Ctrl+Shift+N and a conversation's 구독 관리
 * for everyone. Supervisors and admins get 소식 작성, 승인 대기, 발송 현황 and 구독자; every role gets
 * 구독 관리 (a counsellor subscribes a citizen after reading the statement).
 */
export function BroadcastsEntry({ me }: { me: Counsellor }) {
  const { t } = useTranslation('broadcasts');
  const [opened, setOpened] = useState(false);
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
      <BroadcastsDialog
        opened={opened}
        onClose={() => setOpened(false)}
        me={me}
        {...(citizenKey ? { initialTab: 'lookup' as const, citizenKey } : {})}
      />
    </>
  );
}

export function BroadcastsDialog({ opened, onClose, me, initialTab, citizenKey }: { opened: boolean; onClose: () => void; me: Counsellor; initialTab?: Tab; citizenKey?: string }) {
  const { t } = useTranslation('broadcasts');
  const lead = canManageNotices(me);
  const tabs: Array<{ id: Tab; label: string }> = lead
    ? [
        { id: 'compose', label: t('tabCompose') },
        { id: 'queue', label: t('tabQueue') },
        { id: 'sending', label: t('tabSending') },
        { id: 'subscribers', label: t('tabSubscribers') },
        { id: 'lookup', label: t('tabLookup') },
      ]
    : [{ id: 'lookup', label: t('tabLookup') }];
  return (
    <Modal opened={opened} onClose={onClose} title={t('title')} size="100%">
      {opened && (
        <Tabs defaultValue={initialTab && tabs.some((x) => x.id === initialTab) ? initialTab : tabs[0]!.id} keepMounted={false}>
          <Tabs.List>
            {tabs.map((x) => <Tabs.Tab key={x.id} value={x.id}>{x.label}</Tabs.Tab>)}
          </Tabs.List>
          {!lead && <Text size="sm" mt="xs">{t('leadOnly')}</Text>}
          <Tabs.Panel value="compose" pt="sm"><NoticeComposer /></Tabs.Panel>
          <Tabs.Panel value="queue" pt="sm"><ApprovalQueue meId={me.id} /></Tabs.Panel>
          <Tabs.Panel value="sending" pt="sm"><SendingList /></Tabs.Panel>
          <Tabs.Panel value="subscribers" pt="sm"><SubscriberList /></Tabs.Panel>
          <Tabs.Panel value="lookup" pt="sm"><SubscriberLookup key={citizenKey ?? ''} initialKey={citizenKey ?? ''} /></Tabs.Panel>
        </Tabs>
      )}
    </Modal>
  );
}
