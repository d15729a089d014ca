import { Modal, Tabs, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Counsellor } from '../../common/domain/index.js';
import { ApprovalQueue } from './ApprovalQueue.js';
import { NoticeComposer } from './NoticeComposer.js';
import { SendingList } from './SendingList.js';
import { SubscriberList } from './SubscriberList.js';
import { SubscriberLookup } from './SubscriberLookup.js';
import { canManageNotices, type BroadcastsTab as Tab } from './BroadcastsEntry.js';

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
