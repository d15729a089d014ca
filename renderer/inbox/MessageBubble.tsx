import { Anchor, Button, Group, Text } from '@mantine/core';
import { IconAlertTriangle, IconCheck, IconClock, IconLock, IconPhoto } from '@tabler/icons-react';
import { memo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MessageView } from '../../common/desk-api/index.js';
import { getDesk } from '../app/desk.js';
import { useErrorText, useScreenText } from '../app/errors.js';
import { formatTime } from '../app/time.js';
import { request } from '../app/workspace-bus.js';
import { useConfirmLink } from './LinkConfirm.js';
import { safeWebUrl } from './links.js';
import { MessageText } from './MessageText.js';

type Delivery = 'sending' | 'delivered' | 'failed';

/** The outbox's local state wins over the server's delivery field: it is the newer news. */
export function deliveryOf(m: MessageView): { state: Delivery; error: string | null } | null {
  if (m.direction !== 'outbound') return null;
  if (m.localState === 'failed') return { state: 'failed', error: m.localError };
  if (m.localState === 'sending') return { state: 'sending', error: null };
  if (m.delivery === 'failed') return { state: 'failed', error: m.deliveryError };
  if (m.delivery === 'delivered') return { state: 'delivered', error: null };
  return { state: 'sending', error: null };
}

function DeliveryStatus({ m }: { m: MessageView }) {
  const { t } = useTranslation('inbox');
  const errorText = useErrorText();
  const screenText = useScreenText();
  const [busy, setBusy] = useState(false);
  const [retryError, setRetryError] = useState<string | null>(null);
  const d = deliveryOf(m);
  if (!d) return null;
  const Icon = d.state === 'delivered' ? IconCheck : d.state === 'failed' ? IconAlertTriangle : IconClock;
  return (
    <Group gap={4} justify="flex-end" wrap="wrap" className="delivery" data-delivery={d.state}>
      <Icon size={14} aria-hidden />
      <Text size="xs" c={d.state === 'failed' ? 'red.8' : 'dimmed'}>
        {t(`conversation.delivery.${d.state}`)}
        {d.error ? `: ${screenText(d.error)}` : ''}
      </Text>
      {d.state === 'failed' && (
        <Button
          size="compact-xs"
          color="red"
          variant="light"
          loading={busy}
          onClick={async () => {
            setBusy(true);
            setRetryError(null);
            try {
              await getDesk().inbox.retry({ messageId: m.id });
            } catch (err) {
              setRetryError(errorText(err));
            } finally {
              setBusy(false);
            }
          }}
        >
          {t('conversation.retry')}
        </Button>
      )}
      {retryError && (
        <Text size="xs" c="red.8" role="alert">
          {retryError}
        </Text>
      )}
    </Group>
  );
}

function ImageLink({ url }: { url: string | null }) {
  const { t } = useTranslation('inbox');
  const confirm = useConfirmLink();
  const safe = safeWebUrl(url);
  if (!safe) {
    return (
      <Text size="sm" c="dimmed">
        <IconPhoto size={14} aria-hidden /> {t('conversation.imageInvalid')}
      </Text>
    );
  }
  return (
    <Anchor component="button" type="button" onClick={() => confirm(safe)} className="message-link">
      <IconPhoto size={14} aria-hidden /> {t('conversation.image')}: {safe}
    </Anchor>
  );
}

/** One message. Notes look different and say they never reach the citizen. */
export const MessageBubble = memo(function MessageBubble({ m, authorName }: { m: MessageView; authorName: string | null }) {
  const { t, i18n } = useTranslation('inbox');
  const time = formatTime(m.createdAt, i18n.language);
  if (m.direction === 'system') {
    return (
      <div className="msg msg-system" data-direction="system">
        <Text size="xs" c="dimmed" ta="center">
          <MessageText body={m.body} /> · <time dateTime={m.createdAt}>{time}</time>
        </Text>
      </div>
    );
  }
  const who =
    m.direction === 'inbound'
      ? t('conversation.citizen')
      : m.direction === 'note'
        ? t('conversation.note')
        : m.authorId === null
          ? // The service's own replies (운영시간 안내 and the like) were written by nobody at this desk.
            t('conversation.automatic')
          : (authorName ?? t('conversation.me'));
  return (
    <div className={`msg msg-${m.direction}`} data-direction={m.direction} data-kind={m.kind}>
      <div className="msg-bubble">
        <Group gap={6} justify="space-between" wrap="nowrap" className="msg-meta">
          <Text size="xs" fw={600} c={m.direction === 'note' ? 'yellow.9' : 'dimmed'}>
            {m.direction === 'note' && <IconLock size={12} aria-hidden />} {who}
            {m.direction === 'note' && authorName ? ` · ${authorName}` : ''}
          </Text>
          <Text size="xs" c="dimmed" component="time" dateTime={m.createdAt}>
            {time}
          </Text>
        </Group>
        {m.kind === 'programme_card' && (
          <Text size="xs" fw={700} c="indigo.8">
            {t('conversation.programmeCard')}
          </Text>
        )}
        {m.kind === 'image' && <ImageLink url={m.imageUrl} />}
        {m.body && (
          <div className="msg-body">
            <MessageText body={m.body} />
          </div>
        )}
        <DeliveryStatus m={m} />
        {m.direction === 'inbound' && m.body.trim() && (
          <Button
            variant="subtle"
            size="compact-xs"
            className="msg-find"
            onClick={() => request('programmes:search', { q: m.body })}
          >
            {t('conversation.findByMessage')}
          </Button>
        )}
      </div>
    </div>
  );
});
