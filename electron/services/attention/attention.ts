import type { Message } from '../../../common/domain/index.js';
import { maskPersonName } from '../../../common/privacy/index.js';
import type { EventHub } from '../events/event-hub.js';
import type { WindowControl } from '../host.js';
import { totalUnread } from '../inbox/inbox-queries.js';
import { readConversation } from '../replica/read.js';
import type { SettingsService } from '../settings/settings-service.js';
import type { Store } from '../store/index.js';


/**
 * New citizen messages from sync: a desktop notification per conversation (masked name, no
 * message text; silent when muted) and the tray badge. The counsellor's own actions never come through here.
 */
export function createAttention(deps: { store: Store; windowControl: WindowControl; settings: SettingsService; events: EventHub; me: () => string | null }) {
  let lastBadge = -1;

  async function refreshBadge(): Promise<void> {
    const n = await totalUnread(deps.store);
    if (n !== lastBadge) {
      lastBadge = n;
      deps.windowControl.setUnreadBadge(n);
    }
  }

  async function onNewInbound(messages: Message[]): Promise<void> {
    const settings = deps.settings.current();
    if (messages.length && settings.notifications) {
      const latest = new Map<string, Message>();
      for (const m of messages) latest.set(m.conversationId, m);
      const me = deps.me();
      for (const [conversationId, m] of latest) {
        const c = await readConversation(deps.store, conversationId);
        // Someone else's conversation is theirs to answer.
        if (c && c.assigneeId !== null && c.assigneeId !== me) continue;
        // Read by whoever stands at the screen: a masked name, never the phone or the need text.
        const name = maskPersonName(c?.citizenName);
        deps.windowControl.notify({
          title: name ? `${name} 님` : '새 상담 메시지',
          body: m.kind === 'image' ? '사진을 보냈습니다' : '새 메시지가 있습니다',
          silent: settings.soundMuted,
          onClick: () => deps.events.emit('inbox:onFocusRequest', { conversationId }),
        });
      }
    }
    await refreshBadge();
  }

  return { onNewInbound, refreshBadge };
}
export type Attention = ReturnType<typeof createAttention>;
