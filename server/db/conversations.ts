import { randomUUID } from 'node:crypto';
import { sql, type Kysely, type Transaction } from 'kysely';
import { Conversation, type ConversationStatus, Message } from '../../common/domain/index.js';
import { maskResidentNumbers } from '../../common/privacy/index.js';
import { parseStored, toJson } from './json.js';
import { keysetPage, likePattern } from './paging.js';
import { enqueueReply, requeueReply } from './reply-deliveries.js';
import type { Database } from './schema.js';
import { lockingRead, type WriteTx } from './store.js';

type Q = Kysely<Database> | Transaction<Database>;

const searchText = (c: Conversation) =>
  [c.citizenName, c.citizenPhone, c.citizenKey, c.lastMessagePreview].filter(Boolean).join(' ').toLowerCase();

/** Inside a write transaction this takes the row's lock (lockingRead): the caller may rewrite it. */
export async function getConversation(q: Q, id: string): Promise<Conversation | null> {
  const row = await q.selectFrom('conversations').select('data').where('id', '=', id).$if(lockingRead(q), (qb) => qb.forUpdate()).executeTakeFirst();
  return row ? parseStored(Conversation, row.data, 'conversations', id) : null;
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
  // The caller read the row under its lock and decided this version: the update needs no answer.
  else await tx.later(tx.trx.updateTable('conversations').set(row).where('id', '=', c.id));
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
  // The id was checked free by the caller (or is fresh): nothing here reads the row back.
  await tx.later(tx.trx
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
    }));
  if (queued && extra.deliverTo) await enqueueReply(tx, m, extra.deliverTo);
  await tx.change('message', m.id, m);
  return m;
}

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

/** What the conversation list is narrowed to; `assignee` is an id, or 'none' for unassigned. */
export interface ConversationFilter {
  status?: ConversationStatus;
  assignee?: string;
  /** Searched in name, phone, key and the last message preview (already trimmed, non-empty). */
  q?: string;
}

export interface PageRequest {
  cursor?: string | undefined;
  limit: number;
}

export interface PageOf<T> {
  items: T[];
  nextCursor: string | null;
}

/** The conversation list, newest activity first. */
export async function listConversations(q: Q, filter: ConversationFilter, page: PageRequest): Promise<PageOf<Conversation>> {
  let query = q.selectFrom('conversations').select(['id', 'updated_at', 'data']);
  if (filter.status) query = query.where('status', '=', filter.status);
  if (filter.assignee === 'none') query = query.where('assignee_id', 'is', null);
  else if (filter.assignee) query = query.where('assignee_id', '=', filter.assignee);
  if (filter.q) query = query.where(sql<boolean>`search_text like ${likePattern(filter.q)} escape '\\'`);
  const rows = await keysetPage(query, { column: 'updated_at', order: 'desc', cursor: page.cursor, limit: page.limit });
  return { items: rows.rows.map((r) => parseStored(Conversation, r.data, 'conversations', r.id)), nextCursor: rows.nextCursor };
}

/** One conversation's messages, oldest first. */
export async function listMessages(q: Q, conversationId: string, page: PageRequest): Promise<PageOf<Message>> {
  const query = q.selectFrom('messages').select(['id', 'created_at', 'data']).where('conversation_id', '=', conversationId);
  const rows = await keysetPage(query, { column: 'created_at', order: 'asc', cursor: page.cursor, limit: page.limit });
  return { items: rows.rows.map((r) => parseStored(Message, r.data, 'messages', r.id)), nextCursor: rows.nextCursor };
}

/** The citizen's conversation not yet 종료 other than `exceptId`, if any (migration 003 allows one). */
export async function openConversationOfCitizen(q: Q, citizenKey: string, exceptId: string): Promise<string | null> {
  const row = await q
    .selectFrom('conversations')
    .select('id')
    .where('citizen_key', '=', citizenKey)
    .where('status', '!=', 'closed')
    .where('id', '!=', exceptId)
    .executeTakeFirst();
  return row?.id ?? null;
}

/** The access-log subject of a conversation: its citizen, or null when there is no such row. */
export async function citizenOf(q: Q, conversationId: string): Promise<{ citizenKey: string } | null> {
  const row = await q.selectFrom('conversations').select('citizen_key').where('id', '=', conversationId).executeTakeFirst();
  return row ? { citizenKey: row.citizen_key } : null;
}

/** Who a conversation is assigned to: null when unassigned, when there is no id, or no such row. */
export async function assigneeOf(q: Q, conversationId: string | null): Promise<string | null> {
  if (!conversationId) return null;
  const row = await q.selectFrom('conversations').select('assignee_id').where('id', '=', conversationId).executeTakeFirst();
  return row?.assignee_id ?? null;
}

/** A message by id; with `conversationId`, only if it belongs to that conversation. */
export async function findMessage(q: Q, id: string, conversationId?: string): Promise<Message | null> {
  const row = await q
    .selectFrom('messages')
    .select('data')
    .where('id', '=', id)
    .$if(conversationId !== undefined, (qb) => qb.where('conversation_id', '=', conversationId ?? ''))
    .executeTakeFirst();
  return row ? parseStored(Message, row.data, 'messages', id) : null;
}

/** Puts a failed reply back to pending, due now, requeued for its citizen, with its feed entry. */
export async function requeueDelivery(tx: WriteTx, next: Message): Promise<void> {
  await tx.trx
    .updateTable('messages')
    .set({ delivery: 'pending', next_attempt_at: null, data: JSON.stringify(next) })
    .where('id', '=', next.id)
    .execute();
  await requeueReply(tx, next.id, next.conversationId);
  await tx.change('message', next.id, next);
}
