import { CRISIS_KIND_LABELS } from '../../../common/crisis/index.js';
import type { Conversation, Message } from '../../../common/domain/index.js';
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
    const n = await totalUnread(deps.store, deps.me());
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

  /**
   * A chat given to this counsellor by someone else (automatic assignment, a transfer, the
   * supervisor): a notification with sound, since nobody else will answer it now.
   */
  async function onAssigned(assignments: readonly { conversationId: string; assigneeId: string }[]): Promise<void> {
    const me = deps.me();
    const settings = deps.settings.current();
    if (!me || !settings.notifications) return;
    for (const { conversationId } of assignments.filter((a) => a.assigneeId === me)) {
      const c = await readConversation(deps.store, conversationId);
      deps.windowControl.notify({
        title: '새 상담이 배정되었습니다',
        // The need stays in the window: a notification shows only a partly masked name.
        body: maskPersonName(c?.citizenName) ?? '카카오톡 상담',
        silent: settings.soundMuted,
        onClick: () => deps.events.emit('inbox:onFocusRequest', { conversationId }),
      });
    }
  }

  /**
   * A crisis signal reaches every desk, the supervisor's included, whoever is assigned: someone
   * may be in danger now. Sound even when muted would be too much; the notification is enough.
   */
  async function onNewCrisis(conversations: Conversation[]): Promise<void> {
    const settings = deps.settings.current();
    if (!settings.notifications) return;
    for (const c of conversations) {
      if (!c.crisis || c.status === 'closed') continue;
      deps.windowControl.notify({
        title: `위기 신호: ${CRISIS_KIND_LABELS[c.crisis.kind]}`,
        // No citizen's words on the screen's edge: the kind says what to look at.
        body: `${maskPersonName(c.citizenName) ?? '시민'} — 상담 창에서 확인하세요`,
        silent: settings.soundMuted,
        onClick: () => deps.events.emit('inbox:onFocusRequest', { conversationId: c.id }),
      });
    }
  }

  return { onNewInbound, onAssigned, onNewCrisis, refreshBadge };
}
export type Attention = ReturnType<typeof createAttention>;
