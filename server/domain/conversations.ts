/**
 * The conversation workflow's rules, pure (no Kysely, no HTTP): what a PATCH does to a
 * conversation, what a counsellor's reply does to it, and when a transfer or a new message is
 * refused. Routes and repositories call these; the errors carry the Korean sentence a route
 * answers with (DomainRefusal → 422, CapacityRefusal → 409).
 */
import type { AssignmentSettings, Conversation, ConversationPatch, Counsellor, Message, NewMessage } from '../../common/domain/index.js';
import { CRISIS_KIND_LABELS } from '../../common/crisis/index.js';
import { maskResidentNumbers } from '../../common/privacy/index.js';

/** A request the workflow refuses (HTTP 422). */
export class TransitionError extends Error {}

/** One line of the list preview: masked, one line, at most 200 characters. */
export const preview = (body: string) => {
  const flat = maskResidentNumbers(body).replace(/\s+/g, ' ').trim();
  return flat.length > 200 ? flat.slice(0, 199) + '…' : flat;
};

/**
 * Applies a PATCH to a conversation: status workflow (열림/대기/보류/종료), assignment, hold,
 * read marker. Returns the new record and the system message describing it, if any.
 */
export function applyPatch(
  c: Conversation,
  patch: ConversationPatch,
  now: string,
  names: { actor: string; actorId: string; assignee: string | null },
): { next: Conversation; events: string[] } {
  const next: Conversation = { ...c, updatedAt: now, version: c.version + 1 };
  const events: string[] = [];
  if (patch.status !== undefined && patch.status !== c.status) {
    next.status = patch.status;
    if (patch.status === 'closed') {
      next.closedAt = now;
      next.heldUntil = null;
      next.waitingSince = null;
      events.push(`${names.actor} 님이 상담을 종료했습니다.`);
    } else if (c.status === 'closed') {
      next.closedAt = null;
      events.push(`${names.actor} 님이 상담을 다시 열었습니다.`);
    } else if (patch.status === 'held') {
      events.push(`${names.actor} 님이 상담을 보류했습니다.`);
    } else if (c.status === 'held') {
      events.push(`${names.actor} 님이 보류를 해제했습니다.`);
    }
    if (patch.status !== 'held') next.heldUntil = null;
  }
  if (patch.heldUntil !== undefined) {
    if (patch.heldUntil !== null && next.status !== 'held') {
      throw new TransitionError('heldUntil 은 보류(held) 상태에서만 정할 수 있습니다 (set status "held" with heldUntil).');
    }
    next.heldUntil = patch.heldUntil;
  }
  if (patch.assigneeId !== undefined && patch.assigneeId !== c.assigneeId) {
    next.assigneeId = patch.assigneeId;
    events.push(
      patch.assigneeId === null
        ? `${names.actor} 님이 담당을 해제했습니다.`
        : patch.assigneeId === names.actorId
          ? `${names.actor} 님이 상담을 맡았습니다.`
          : `${names.actor} 님이 ${names.assignee ?? '상담원'} 님에게 배정했습니다.`,
    );
  }
  if (patch.field !== undefined) next.field = patch.field;
  if (patch.summary !== undefined) next.summary = patch.summary === null ? null : maskResidentNumbers(patch.summary);
  if (patch.citizenName !== undefined) next.citizenName = patch.citizenName;
  if (patch.citizenPhone !== undefined) next.citizenPhone = patch.citizenPhone;
  // The unread count is the team's "needs answer" state: only the assignee's reading clears it.
  // Anyone else opening the chat (an unassigned one, a colleague's) leaves it for the assignee.
  if (patch.markRead && next.assigneeId === names.actorId) next.unreadCount = 0;
  if (patch.dismissCrisis !== undefined) {
    if (!c.crisis) throw new TransitionError('해제할 위기 신호가 없습니다 (the conversation has no crisis signal; it may have been dismissed already).');
    next.crisis = null;
    events.push(`${names.actor} 님이 위기 신호(${CRISIS_KIND_LABELS[c.crisis.kind]}: "${c.crisis.phrase}")를 해제했습니다. 사유: ${maskResidentNumbers(patch.dismissCrisis.trim())}`);
  }
  return { next, events: events.filter(Boolean) };
}

/** A 종료 conversation made not 종료 again: the one-open-conversation-per-citizen rule applies. */
export const reopens = (before: Conversation, after: Conversation) => before.status === 'closed' && after.status !== 'closed';

/** Capacity binds counsellors; a supervisor or admin may override it. */
export const capacityBinds = (me: Pick<Counsellor, 'role'>) => me.role === 'counsellor';

/**
 * A transfer to someone at capacity (while automatic assignment is on) is refused for a
 * counsellor; a supervisor or admin may override it. Returns the refusal, or null.
 */
export function capacityRefusal(
  me: Pick<Counsellor, 'role'>,
  assignee: Pick<Counsellor, 'displayName'>,
  settings: Pick<AssignmentSettings, 'enabled' | 'maxOpenPerCounsellor'>,
  assigneeOpen: number,
): string | null {
  if (!capacityBinds(me) || !settings.enabled || assigneeOpen < settings.maxOpenPerCounsellor) return null;
  return `${assignee.displayName} 님은 이미 상담 ${assigneeOpen}건을 맡고 있어 더 배정할 수 없습니다 (최대 ${settings.maxOpenPerCounsellor}건). 팀장에게 요청하세요 (assignee at capacity).`;
}

/** Whether a PATCH's transfer needs the capacity check: a new assignee other than oneself. */
export const transfersToSomeoneElse = (c: Conversation, assigneeId: string, actorId: string) => assigneeId !== c.assigneeId && assigneeId !== actorId;

/** Why a new message may not be written into this conversation, or null. */
export function newMessageRefusal(c: Conversation, input: Pick<NewMessage, 'kind' | 'programmeId' | 'direction'>): string | null {
  if (input.kind === 'programme_card' && !input.programmeId) {
    return 'programme_card 메시지에는 programmeId 가 필요합니다 (programme card needs programmeId).';
  }
  if (input.direction === 'outbound' && c.status === 'closed') {
    return '종료된 상담에는 답장할 수 없습니다. 먼저 다시 여세요 (conversation is closed; reopen it first).';
  }
  return null;
}

/** The stored message is the same write again (its response was lost): the client UUID makes it idempotent. */
export const isSameMessage = (stored: Message, c: Conversation, input: Pick<NewMessage, 'direction' | 'kind'>, authorId: string) =>
  stored.conversationId === c.id && stored.direction === input.direction && stored.kind === input.kind && stored.authorId === authorId;

/**
 * The conversation after a message is written into it. A reply (outbound) answers the citizen:
 * nothing is unread or waiting any more, and the first reply claims an unassigned conversation.
 */
export function afterMessage(c: Conversation, message: Pick<Message, 'direction' | 'body'>, authorId: string, now: string): Conversation {
  const next: Conversation = { ...c, updatedAt: now, version: c.version + 1 };
  if (message.direction === 'outbound') {
    next.lastMessageAt = now;
    next.lastMessagePreview = preview(message.body);
    next.waitingSince = null;
    next.unreadCount = 0;
    next.assigneeId ??= authorId;
    if (next.status === 'waiting') next.status = 'open';
  }
  return next;
}

/** Only a failed delivery may be retried; the retry puts it back to pending. */
export function retryDelivery(m: Message): Message {
  if (m.delivery !== 'failed') throw new TransitionError('전송 실패한 답장만 다시 보낼 수 있습니다 (only failed deliveries can be retried).');
  return { ...m, delivery: 'pending', deliveryError: null };
}
