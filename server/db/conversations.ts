import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { Conversation, ConversationPatch, Message } from '../../common/domain/index.js';
import { CRISIS_KIND_LABELS } from '../../common/crisis/index.js';
import { maskResidentNumbers } from '../../common/privacy/index.js';
import { fromJson, toJson } from './json.js';
import { enqueueReply } from './reply-deliveries.js';
import type { Database } from './schema.js';
import { lockingRead, type WriteTx } from './store.js';

type Q = Kysely<Database> | Transaction<Database>;

const searchText = (c: Conversation) =>
  [c.citizenName, c.citizenPhone, c.citizenKey, c.lastMessagePreview].filter(Boolean).join(' ').toLowerCase();

/** Inside a write transaction this takes the row's lock (lockingRead): the caller may rewrite it. */
export async function getConversation(q: Q, id: string): Promise<Conversation | null> {
  const row = await q.selectFrom('conversations').select('data').where('id', '=', id).$if(lockingRead(q), (qb) => qb.forUpdate()).executeTakeFirst();
  return row ? fromJson<Conversation>(row.data) : null;
}

const rowOf = (c: Conversation) => ({
  id: c.id,
  citizen_key: c.citizenKey,
  status: c.status,
  assignee_id: c.assigneeId,
  held_until: c.status === 'held' ? c.heldUntil : null,
  search_text: searchText(c),
  updated_at: c.updatedAt,
  created_at: c.createdAt,
  version: c.version,
  data: toJson(c),
});

/**
 * Inserts the conversation row WITHOUT its change-feed entry; the caller writes that entry
 * (tx.change) later in the same transaction. Throws a unique violation when the citizen already
 * has a conversation not yet 종료 (migration 003; see unique-violation.ts).
 */
export async function insertConversationRow(tx: WriteTx, c: Conversation): Promise<void> {
  await tx.trx.insertInto('conversations').values(rowOf(c)).execute();
}

/** Writes the conversation row (insert or update) and its change-feed entry. */
export async function putConversation(tx: WriteTx, c: Conversation, isNew: boolean): Promise<void> {
  const row = rowOf(c);
  if (isNew) await tx.trx.insertInto('conversations').values(row).execute();
  else await tx.trx.updateTable('conversations').set(row).where('id', '=', c.id).execute();
  await tx.change('conversation', c.id, c);
}

export function newConversation(citizenKey: string, now: string): Conversation {
  return {
    id: randomUUID(),
    channel: 'kakao',
    citizenKey,
    citizenName: null,
    citizenPhone: null,
    status: 'open',
    assigneeId: null,
    unreadCount: 0,
    lastMessageAt: null,
    lastMessagePreview: null,
    waitingSince: null,
    heldUntil: null,
    afterHoursNoticeAt: null,
    field: null,
    summary: null,
    crisis: null,
    crisisAnsweredAt: null, satisfaction: null,
    closedAt: null,
    createdAt: now,
    updatedAt: now,
    version: 1,
  };
}

export interface MessageRowExtra {
  serialNumber?: string | null;
  /** The citizen (Kakao user_key) an outbound message with delivery 'pending' is queued for. */
  deliverTo?: string;
}

/**
 * Appends one message (append-only) and its feed entry; bodies never keep a 주민등록번호. An
 * outbound message pending delivery is queued for its citizen in the same transaction.
 */
export async function appendMessage(tx: WriteTx, message: Message, extra: MessageRowExtra = {}): Promise<Message> {
  const m: Message = { ...message, body: maskResidentNumbers(message.body) };
  const queued = m.direction === 'outbound' && m.delivery === 'pending';
  if (queued && !extra.deliverTo) throw new Error('appendMessage: an outbound message pending delivery needs deliverTo (the citizen)');
  await tx.trx
    .insertInto('messages')
    .values({
      id: m.id,
      conversation_id: m.conversationId,
      direction: m.direction,
      delivery: m.delivery,
      attempts: 0,
      next_attempt_at: null,
      serial_number: extra.serialNumber ?? null,
      created_at: m.createdAt,
      data: toJson(m),
    })
    .execute();
  if (queued && extra.deliverTo) await enqueueReply(tx, m, extra.deliverTo);
  await tx.change('message', m.id, m);
  return m;
}

export const preview = (body: string) => {
  const flat = maskResidentNumbers(body).replace(/\s+/g, ' ').trim();
  return flat.length > 200 ? flat.slice(0, 199) + '…' : flat;
};

export function systemMessage(conversationId: string, body: string, authorId: string | null, now: string): Message {
  return {
    id: randomUUID(),
    conversationId,
    direction: 'system',
    kind: 'event',
    body: body.slice(0, 4000),
    imageUrl: null,
    programmeId: null,
    authorId,
    delivery: null,
    deliveryError: null,
    createdAt: now,
  };
}

/**
 * A message the service itself sends the citizen (운영시간 안내, the crisis lines, the channel's
 * 구독 answers, the satisfaction question): outbound, no author, waiting for the outbound loop.
 */
export function automaticReply(conversationId: string, body: string, now: string): Message {
  return {
    id: randomUUID(),
    conversationId,
    direction: 'outbound',
    kind: 'text',
    body: body.slice(0, 4000),
    imageUrl: null,
    programmeId: null,
    authorId: null,
    delivery: 'pending',
    deliveryError: null,
    createdAt: now,
  };
}

export class TransitionError extends Error {}

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
