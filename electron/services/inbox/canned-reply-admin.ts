import { randomUUID } from 'node:crypto';
import type { CannedReply } from '../../../common/domain/index.js';
import { DeskError, type DeskHandlers } from '../../../common/desk-api/index.js';
import type { EventHub } from '../events/event-hub.js';
import { putCannedReply } from '../replica/write.js';
import type { RestClient } from '../rest/index.js';
import { onlineCall } from '../rest/online-call.js';
import type { SessionService } from '../session/session-service.js';
import type { Store } from '../store/index.js';

export interface CannedReplyAdminDeps {
  store: Store;
  rest: RestClient;
  session: SessionService;
  events: EventHub;
}

type AdminHandlers = Pick<DeskHandlers['inbox'], 'saveCannedReply' | 'deleteCannedReply'>;

/**
 * 상용구 관리: admin edits of the shared canned replies. They go straight to the server (no
 * outbox) so that a refusal or a conflict is seen while the administrator is still looking at
 * the form; the replica is updated at once, and the feed brings the same change to every desk.
 */
export function createCannedReplyAdmin(deps: CannedReplyAdminDeps): AdminHandlers {
  const { store, rest, session, events } = deps;

  function requireAdmin(): void {
    if (session.requireCounsellor().role !== 'admin') throw new DeskError('forbidden', '상용구는 관리자만 고칠 수 있습니다.');
  }

  const online = <T>(what: string, call: () => Promise<T>) =>
    onlineCall(session, what, call, {
      conflict: () => '다른 관리자가 먼저 수정했습니다. 새로 불러온 뒤 다시 하세요.',
      forbidden: (m) => `관리자 권한이 없습니다. (${m})`,
      not_found: (m) => `상용구가 이미 삭제되었습니다. (${m})`,
    });

  async function keep(id: string, reply: CannedReply | null): Promise<void> {
    await store.transaction((tx) => putCannedReply(tx, id, reply));
    events.emit('inbox:onChange', { conversationIds: [], entities: ['cannedReply'] });
  }

  return {
    saveCannedReply: async ({ id, title, body, shortcut, baseVersion }) => {
      requireAdmin();
      // Trimmed here too: services are also called without the IPC schema in between (tests, harness).
      const input = { title: title.trim(), body: body.trim(), shortcut: shortcut?.trim() || null };
      let saved: CannedReply;
      if (id === null) {
        // The client-made id is also the Idempotency-Key, so a retried create cannot double.
        const newId = randomUUID();
        saved = (await online('저장', () => rest.postCannedReply(newId, input))).data;
      } else {
        if (baseVersion === null) throw new DeskError('invalid_argument', '수정할 상용구의 버전(baseVersion)이 필요합니다.');
        saved = (await online('저장', () => rest.putCannedReply(id, input, baseVersion))).data;
      }
      await keep(saved.id, saved);
      return saved;
    },
    deleteCannedReply: async ({ id, baseVersion }) => {
      requireAdmin();
      await online('삭제', () => rest.deleteCannedReply(id, baseVersion));
      await keep(id, null);
      return { ok: true as const };
    },
  };
}
