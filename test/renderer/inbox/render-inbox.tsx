import type { z } from 'zod';
import type { ConversationDetail } from '../../../common/desk-api/index.js';
import type { Conversation } from '../../../common/domain/index.js';
import { ConversationPane } from '../../../renderer/inbox/ConversationPane.js';
import { InboxList } from '../../../renderer/inbox/InboxList.js';
import { InboxSelectionProvider } from '../../../renderer/inbox/selection.js';
import { giveElementsASize, pageOf, renderWithDesk } from '../app/render-desk.js';

type Handlers = Parameters<typeof renderWithDesk>[1];

/** The list and the conversation pane without the shell, over conversations held in memory. */
export function renderInbox(conversations: Conversation[], details: Record<string, Omit<z.input<typeof ConversationDetail>, 'conversation'>> = {}, handlers: Handlers = {}) {
  giveElementsASize();
  const inbox = {
    page: pageOf(({ view, q }) =>
      conversations
        .filter((c) => (view === 'closed' ? c.status === 'closed' : true) && (!q || (c.citizenName ?? '').includes(q) || (c.lastMessagePreview ?? '').includes(q)))
        .map((c) => ({ ...c, firstQuestion: details[c.id]?.messages.find((m) => m.direction === 'inbound')?.body ?? null }))),
    get: async ({ conversationId }: { conversationId: string }) => {
      const conversation = conversations.find((c) => c.id === conversationId);
      if (!conversation) throw new Error('not found');
      return { conversation, messages: [], earlierConversations: [], callLogs: [], ...details[conversationId] };
    },
    ...handlers?.inbox,
  };
  return renderWithDesk(
    <InboxSelectionProvider>
      <InboxList />
      <ConversationPane />
    </InboxSelectionProvider>,
    { ...handlers, inbox },
  );
}
