import { Alert, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConversationDetail, MessageView } from '../../common/desk-api/index.js';
import { MaskedPhone } from '../privacy/MaskedPhone.js';
import { getDesk } from '../app/desk.js';
import { useErrorText } from '../app/errors.js';
import { kst } from '../app/time.js';
import { citizenHandle } from './citizen-handle.js';
import { CitizenHistory } from './CitizenHistory.js';
import { Composer } from './Composer.js';
import { LinkConfirmProvider } from './LinkConfirm.js';
import { MessageList } from './MessageList.js';
import { firstNewMessageId, seenAtOpen } from './message-rows.js';
import { useConversation, useCounsellorNames, useMe } from './queries.js';
import { useInboxSelection } from './selection.js';
import { CrisisBadge } from '../crisis/CrisisBadge.js';
import { CrisisPanel } from '../crisis/CrisisPanel.js';
import { StatusBadge } from './StatusBadge.js';
import { WorkflowBar } from './WorkflowBar.js';

/** 대화: the open conversation, its workflow, history and composer. */
export function ConversationPane() {
  const { t } = useTranslation('inbox');
  const { openId } = useInboxSelection();
  const conversation = useConversation(openId);
  const { detail, error, isPending } = conversation;
  const errorText = useErrorText();
  return (
    <Stack component="section" aria-label={t('conversation.region')} gap={0} className="conversation-pane">
      {!openId && (
        <Text p="lg" c="dimmed">
          {t('conversation.none')}
        </Text>
      )}
      {openId && isPending && <Loader m="lg" size="sm" aria-label={t('conversation.history')} />}
      {openId && error && (
        <Alert m="sm" color="red" role="alert">
          {errorText(error)}
        </Alert>
      )}
      {openId && detail && detail.conversation.id === openId && (
        <LinkConfirmProvider>
          <OpenConversation
            key={openId}
            detail={detail}
            messages={conversation.messages}
            older={{ has: conversation.hasOlder, loading: conversation.loadingOlder, load: () => void conversation.loadOlder() }}
          />
        </LinkConfirmProvider>
      )}
    </Stack>
  );
}

interface Older {
  has: boolean;
  loading: boolean;
  load: () => void;
}

function OpenConversation({ detail, messages, older }: { detail: ConversationDetail; messages: MessageView[]; older: Older }) {
  const { t, i18n } = useTranslation('inbox');
  const { conversation: c } = detail;
  const me = useMe();
  const names = useCounsellorNames();
  // What the counsellor had seen when opening: everything after it is "새 메시지".
  const [baseline] = useState(() => seenAtOpen(messages, c.unreadCount));
  const newFromId = firstNewMessageId(messages, baseline);
  const lastMarked = useRef('');
  const newest = messages.at(-1)?.id;

  useEffect(() => {
    // Reading happens while the conversation is open and the window is in front. Unread is per
    // counsellor: taking the chat over makes the team's count this counsellor's, so read again then.
    const key = `${newest ?? ''}:${c.assigneeId ?? ''}`;
    if (c.unreadCount > 0 && lastMarked.current !== key && document.visibilityState !== 'hidden') {
      lastMarked.current = key;
      getDesk().inbox.markRead({ conversationId: c.id }).catch(() => {});
    }
  }, [c.id, c.unreadCount, c.assigneeId, newest]);

  // Screen readers hear a citizen's new message once, not the history as it scrolls in.
  const lastInbound = [...messages].reverse().find((m) => m.direction === 'inbound' && !baseline.seen(m));
  const announcement = lastInbound ? t('conversation.announce', { body: lastInbound.body.slice(0, 200) }) : '';

  const assignee = c.assigneeId ? names.get(c.assigneeId) : null;
  return (
    <>
      <Stack gap={6} p="sm" className="conversation-head">
        <Group justify="space-between" wrap="wrap" gap={6}>
          <Group gap={8}>
            <Title order={2} size="h4" className="break-anywhere">
              {c.citizenName ?? t('list.noName', { handle: citizenHandle(c.citizenKey) })}
            </Title>
            <StatusBadge status={c.status} />
            <CrisisBadge crisis={c.crisis} />
          </Group>
          <Group gap={8}>
            {c.citizenPhone && (
              <Text size="sm" component="div" aria-label={t('conversation.phone')}>
                <MaskedPhone phone={c.citizenPhone} entity="conversation" recordId={c.id} primary />
              </Text>
            )}
            <Text size="sm" c="dimmed">
              {assignee ? t('conversation.assignee', { name: assignee }) : t('list.unassigned')}
            </Text>
          </Group>
        </Group>
        {c.status === 'held' && (
          <Text size="xs" c="dimmed">
            {c.heldUntil ? t('conversation.held', { time: kst(c.heldUntil).locale(i18n.language).format('M/D HH:mm') }) : t('conversation.heldUntilReply')}
          </Text>
        )}
        <CrisisPanel key={c.crisis?.messageId ?? 'none'} conversation={c} />
        <WorkflowBar conversation={c} me={me} />
        <CitizenHistory earlier={detail.earlierConversations} callLogs={detail.callLogs} citizenKey={c.citizenKey} />
      </Stack>
      <div className="visually-hidden" aria-live="polite" role="status" aria-label={t('conversation.newMessages')}>
        {announcement}
      </div>
      <MessageList
        conversationId={c.id}
        messages={messages}
        newFromId={newFromId}
        authorNames={names}
        hasOlder={older.has}
        loadingOlder={older.loading}
        onLoadOlder={older.load}
      />
      <Composer key={c.id} conversation={c} me={me} />
    </>
  );
}
