import { CallLog, Conversation, Message } from '../../../common/domain/index.js';
import {
  defaultInboxSort, type ConversationListItem, type InboxSort, type InboxView, type MessageCursor, type MessageView,
} from '../../../common/desk-api/index.js';
import { phoneMatchKey } from '../../../common/phone/index.js';
import { parseRows, readConversation } from '../replica/read.js';
import { pendingCopies } from '../outbox/pending-store.js';
import type { StoreTx } from '../store/index.js';

/**
 * Reads of the inbox over the replica, with this desk's unconfirmed writes (local_pending)
 * laid over the server's rows so that they show at once.
 */


const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

type Overlay = Partial<Conversation>;

function parseOverlay(json: string): Overlay {
  try {
    const v: unknown = JSON.parse(json);
    return v && typeof v === 'object' ? (v as Overlay) : {};
  } catch {
    return {};
  }
}

/**
 * This desk's unconfirmed conversation changes: only the fields it changed, laid over the
 * replica's current copy, so a message that arrives meanwhile still shows.
 */
export async function pendingOverlays(db: StoreTx): Promise<Map<string, Overlay>> {
  const rows = await pendingCopies(db, 'conversation');
  return new Map(rows.map((r) => [r.id, parseOverlay(r.data)]));
}

export async function overlayOf(db: StoreTx, id: string): Promise<Overlay> {
  const [row] = await pendingCopies(db, 'conversation', { id });
  return row ? parseOverlay(row.data) : {};
}

/** The conversation as this desk sees it: the replica with its own unconfirmed changes on top. */
export async function conversationView(db: StoreTx, id: string): Promise<Conversation | null> {
  const replica = await readConversation(db, id);
  if (!replica) return null;
  const merged = Conversation.safeParse({ ...replica, ...(await overlayOf(db, id)) });
  return merged.success ? merged.data : replica;
}

/** The filter of each view over the list's columns (see source). */
function viewFilter(view: InboxView, me: string | null): { sql: string; params: string[] } {
  switch (view) {
    case 'mine':
      return { sql: "assignee_id = ? AND status <> 'closed'", params: [me ?? ''] };
    case 'unassigned':
      return { sql: "assignee_id IS NULL AND status <> 'closed'", params: [] };
    case 'all':
      return { sql: "status <> 'closed'", params: [] };
    case 'closed':
      return { sql: "status = 'closed'", params: [] };
  }
}

/**
 * Orders in SQL, so that a window can be cut with LIMIT/OFFSET (the indexes of migration 004
 * follow these). 최근 순: flagged (crisis) conversations first, then the newest activity.
 * 오래 기다린 순: who has waited longest for an answer first; chats with nothing waiting follow,
 * oldest activity first.
 */
const ORDER: Record<InboxSort, string> = {
  recent: 'crisis DESC, at DESC, id',
  waiting: 'waiting_since IS NULL, coalesce(waiting_since, at), id',
};

/**
 * The rows the list filters and orders on, when this desk has unconfirmed conversation changes
 * (few: one row per changed conversation): they come in as one JSON parameter holding their
 * merged values, so that replica and pending rows are filtered, counted and cut in one query.
 * Without any, the list reads `conversations` itself and its indexes.
 */
const WITH_PENDING = `
WITH pend AS (
  SELECT json_extract(value, '$.id') AS id, json_extract(value, '$.status') AS status, json_extract(value, '$.assigneeId') AS assignee_id,
         json_extract(value, '$.crisis') AS crisis, json_extract(value, '$.waitingSince') AS waiting_since, json_extract(value, '$.at') AS at,
         json_extract(value, '$.name') AS citizen_name, json_extract(value, '$.phone') AS citizen_phone
    FROM json_each(?)
),
eff AS (
  SELECT c.id AS id, c.data AS data,
         CASE WHEN p.id IS NULL THEN c.status ELSE p.status END AS status,
         CASE WHEN p.id IS NULL THEN c.assignee_id ELSE p.assignee_id END AS assignee_id,
         CASE WHEN p.id IS NULL THEN c.crisis ELSE p.crisis END AS crisis,
         CASE WHEN p.id IS NULL THEN c.waiting_since ELSE p.waiting_since END AS waiting_since,
         CASE WHEN p.id IS NULL THEN c.at ELSE p.at END AS at,
         CASE WHEN p.id IS NULL THEN c.citizen_name ELSE p.citizen_name END AS citizen_name,
         CASE WHEN p.id IS NULL THEN c.citizen_phone ELSE p.citizen_phone END AS citizen_phone
    FROM conversations c LEFT JOIN pend p ON p.id = c.id
)`;

/** The source of the list's rows: the table, or the table with this desk's pending changes over it. */
function source(merged: Map<string, Conversation>): { sql: string; params: string[] } {
  if (merged.size === 0) return { sql: 'SELECT id, data, status, assignee_id, crisis, waiting_since, at, citizen_name, citizen_phone FROM conversations', params: [] };
  const pend = JSON.stringify([...merged.values()].map((c) => ({
    id: c.id, status: c.status, assigneeId: c.assigneeId, crisis: c.crisis ? 1 : 0, waitingSince: c.waitingSince,
    at: c.lastMessageAt ?? c.createdAt, name: c.citizenName, phone: c.citizenPhone,
  })));
  return { sql: `${WITH_PENDING} SELECT * FROM eff`, params: [pend] };
}

/** The first thing each citizen wrote, for rows that have no name to show. */
async function firstQuestions(db: StoreTx, ids: string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  // SQLite's bound-parameter limit; a long list is read in slices.
  for (let i = 0; i < ids.length; i += 500) {
    const slice = ids.slice(i, i + 500);
    const rows = await db.all<{ id: string; body: string }>(
      `SELECT m.conversation_id AS id, m.body AS body FROM messages m
       WHERE m.conversation_id IN (${slice.map(() => '?').join(',')}) AND m.direction = 'inbound' AND m.body <> ''
         AND m.created_at = (SELECT min(created_at) FROM messages x WHERE x.conversation_id = m.conversation_id AND x.direction = 'inbound' AND x.body <> '')`,
      slice,
    );
    for (const r of rows) if (!out.has(r.id)) out.set(r.id, r.body.replace(/\s+/g, ' ').trim().slice(0, 200));
  }
  return out;
}

/** This desk's unconfirmed conversations, as it shows them (replica with its changes on top). */
async function pendingConversations(db: StoreTx): Promise<Map<string, Conversation>> {
  const merged = new Map<string, Conversation>();
  for (const id of (await pendingOverlays(db)).keys()) {
    const c = await conversationView(db, id);
    if (c) merged.set(id, c);
  }
  return merged;
}

export interface InboxQuery {
  view: InboxView;
  q: string;
  sort?: InboxSort | undefined;
  /** The window: rows offset … offset + limit − 1; no limit reads to the end. */
  offset?: number;
  limit?: number | null;
}

/**
 * A window of a view of the inbox, searched by citizen name, phone number or message text, with
 * the view's total. Only the window's rows are parsed, given their first question and counted
 * unread.
 */
export async function pageConversations(db: StoreTx, query: InboxQuery, me: string | null): Promise<{ items: ConversationListItem[]; total: number }> {
  const { view, offset = 0, limit = null } = query;
  const sort = query.sort ?? defaultInboxSort(view);
  const filter = viewFilter(view, me);
  const merged = await pendingConversations(db);
  const from = source(merged);
  const where = [filter.sql];
  const params: string[] = [...filter.params];
  const text = query.q.trim();
  if (text) {
    const like = `%${likeEscape(text)}%`;
    const conds = ["citizen_name LIKE ? ESCAPE '\\'", "id IN (SELECT conversation_id FROM messages WHERE body LIKE ? ESCAPE '\\')"];
    params.push(like, like);
    const digits = text.replace(/\D/g, '');
    if (digits.length >= 3) {
      conds.push("replace(replace(citizen_phone, '-', ''), ' ', '') LIKE ?");
      params.push(`%${digits}%`);
    }
    where.push(`(${conds.join(' OR ')})`);
  }
  const cond = where.join(' AND ');
  // Without pending changes these read the table and its indexes directly (SQLite flattens the subquery).
  const total = (await db.get<{ n: number }>(`SELECT count(*) AS n FROM (${from.sql}) WHERE ${cond}`, [...from.params, ...params]))?.n ?? 0;
  const rows = await db.all<{ id: string; data: string }>(
    `SELECT id, data FROM (${from.sql}) WHERE ${cond} ORDER BY ${ORDER[sort]} LIMIT ? OFFSET ?`,
    [...from.params, ...params, limit ?? -1, offset],
  );
  const window: Conversation[] = [];
  for (const r of rows) {
    const c = merged.get(r.id) ?? parseRows(Conversation, [r])[0];
    if (c) window.push(c);
  }
  const nameless = window.filter((c) => !c.citizenName).map((c) => c.id);
  const questions = nameless.length ? await firstQuestions(db, nameless) : new Map<string, string>();
  const items = await withMyUnread(db, me, window.map((c) => ({ ...c, firstQuestion: questions.get(c.id) ?? null })));
  return { items, total };
}

/** Every row of a view (see pageConversations). */
export async function listConversations(
  db: StoreTx, view: InboxView, q: string, me: string | null, sort: InboxSort = defaultInboxSort(view),
): Promise<ConversationListItem[]> {
  return (await pageConversations(db, { view, q, sort }, me)).items;
}

/** Open chats per assignee (배정/이관 shows how busy each counsellor is). */
export async function openChatCounts(db: StoreTx): Promise<Array<{ assigneeId: string; count: number }>> {
  const from = source(await pendingConversations(db));
  return db.all<{ assigneeId: string; count: number }>(
    `SELECT assignee_id AS assigneeId, count(*) AS count FROM (${from.sql}) WHERE assignee_id IS NOT NULL AND status <> 'closed' GROUP BY assignee_id`,
    from.params,
  );
}

const keyOf = (m: { createdAt: string; id: string }) => `${m.createdAt}\u0000${m.id}`;

/**
 * One page of a conversation's history, in time order: the `limit` messages before `before` (the
 * newest when null), with this desk's unconfirmed messages of that stretch laid in. `olderCursor`
 * says where the next older page starts.
 */
export async function messagePage(
  db: StoreTx, conversationId: string, before: MessageCursor | null, limit: number,
): Promise<{ messages: MessageView[]; olderCursor: MessageCursor | null }> {
  const rows = before
    ? await db.all<{ data: string }>(
        'SELECT data FROM messages WHERE conversation_id = ? AND (created_at, id) < (?, ?) ORDER BY created_at DESC, id DESC LIMIT ?',
        [conversationId, before.createdAt, before.id, limit + 1],
      )
    : await db.all<{ data: string }>('SELECT data FROM messages WHERE conversation_id = ? ORDER BY created_at DESC, id DESC LIMIT ?', [conversationId, limit + 1]);
  const hasOlder = rows.length > limit;
  const replica = parseRows(Message, rows.slice(0, limit));
  const views: MessageView[] = replica.map((m) => ({ ...m, localState: null, localError: null }));
  const oldest = hasOlder ? replica.at(-1) : undefined;
  const pending = await pendingCopies(db, 'message', { conversationIds: [conversationId] });
  if (pending.length) {
    // A confirmed message is shown from the replica (wherever its page is), never twice.
    const ids = pending.map((p) => p.id);
    const confirmed = new Set((await db.all<{ id: string }>(`SELECT id FROM messages WHERE id IN (${ids.map(() => '?').join(',')})`, ids)).map((r) => r.id));
    for (const p of pending) {
      if (confirmed.has(p.id)) continue;
      const [m] = parseRows(Message, [p]);
      if (!m) continue;
      // Each unconfirmed message belongs to the page whose stretch of time holds it.
      if (before && keyOf(m) >= keyOf(before)) continue;
      if (oldest && keyOf(m) < keyOf(oldest)) continue;
      views.push({ ...m, localState: p.state, localError: p.error });
    }
  }
  views.sort((a, b) => (keyOf(a) < keyOf(b) ? -1 : keyOf(a) > keyOf(b) ? 1 : 0));
  return { messages: views, olderCursor: oldest ? { createdAt: oldest.createdAt, id: oldest.id } : null };
}

/** The same citizen's other conversations (by channel user key or phone number). */
export async function earlierConversations(db: StoreTx, c: Conversation): Promise<Conversation[]> {
  const rows = await db.all<{ data: string }>(
    `SELECT data FROM conversations WHERE id <> ? AND (citizen_key = ? OR (? IS NOT NULL AND citizen_phone = ?))
     ORDER BY last_message_at DESC LIMIT 50`,
    [c.id, c.citizenKey, c.citizenPhone, c.citizenPhone],
  );
  return parseRows(Conversation, rows);
}

/** Call logs of these conversations or of this phone number, with unconfirmed ones laid over. */
export async function callLogsFor(db: StoreTx, conversationIds: string[], phone: string | null): Promise<CallLog[]> {
  const ids = conversationIds.length ? conversationIds : [''];
  const marks = ids.map(() => '?').join(',');
  const key = phone ? phoneMatchKey(phone) : '';
  const rows = await db.all<{ data: string }>(
    `SELECT data FROM call_logs WHERE conversation_id IN (${marks}) OR (? <> '' AND caller_phone = ?) ORDER BY started_at DESC LIMIT 100`,
    [...ids, key, key],
  );
  const byId = new Map(parseRows(CallLog, rows).map((l) => [l.id, l]));
  const pending = await pendingCopies(db, 'callLog', { conversationIds });
  for (const l of parseRows(CallLog, pending)) byId.set(l.id, l);
  return [...byId.values()].sort((a, b) => b.startedAt.localeCompare(a.startedAt));
}

/**
 * Unread is per counsellor. The server's count is the team's "needs answer" state, which only the
 * assignee's reading clears; anyone else has read what came before their own read mark. So: the
 * assignee sees the team count; another counsellor sees the citizen messages after their mark (never
 * more than the team count: what the assignee read is answered), or the team count if they never looked.
 */
async function myUnreadCounts(db: StoreTx, me: string | null, ids: string[] | null): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  const scope = ids === null ? '' : `AND c.id IN (${ids.map(() => '?').join(',')})`;
  const rows = await db.all<{ id: string; unread: number; assignee: string | null; after: number | null }>(
    `SELECT c.id AS id, c.unread_count AS unread, c.assignee_id AS assignee,
            CASE WHEN r.read_at IS NULL THEN NULL ELSE
              (SELECT count(*) FROM messages m WHERE m.conversation_id = c.id AND m.direction = 'inbound' AND m.created_at > r.read_at) END AS after
       FROM conversations c LEFT JOIN read_marks r ON r.conversation_id = c.id AND r.counsellor_id = ?
      WHERE c.status <> 'closed' AND c.unread_count > 0 ${scope}`,
    [me ?? '', ...(ids ?? [])],
  );
  for (const r of rows) out.set(r.id, r.assignee === me || r.after === null ? r.unread : Math.min(r.unread, r.after));
  return out;
}

/** The conversations with the unread count as this counsellor sees it. */
export async function withMyUnread<C extends Conversation>(db: StoreTx, me: string | null, conversations: C[]): Promise<C[]> {
  const counted = conversations.filter((c) => c.unreadCount > 0 && c.status !== 'closed').map((c) => c.id);
  const mine = new Map<string, number>();
  for (let i = 0; i < counted.length; i += 500) {
    for (const [id, n] of await myUnreadCounts(db, me, counted.slice(i, i + 500))) mine.set(id, n);
  }
  return conversations.map((c) => (c.unreadCount > 0 ? { ...c, unreadCount: mine.get(c.id) ?? (c.status === 'closed' ? c.unreadCount : 0) } : c));
}

/** The tray badge: what this counsellor has not read. */
export async function totalUnread(db: StoreTx, me: string | null): Promise<number> {
  let n = 0;
  for (const v of (await myUnreadCounts(db, me, null)).values()) n += v;
  return n;
}

/** Marks a conversation read by this counsellor up to now (or its newest message, if the server's clock is ahead). */
export async function writeReadMark(db: StoreTx, me: string, conversationId: string, now: string): Promise<void> {
  const newest = await db.get<{ at: string | null }>('SELECT max(created_at) AS at FROM messages WHERE conversation_id = ?', [conversationId]);
  const at = newest?.at && newest.at > now ? newest.at : now;
  await db.run(
    `INSERT INTO read_marks (counsellor_id, conversation_id, read_at) VALUES (?, ?, ?)
     ON CONFLICT (counsellor_id, conversation_id) DO UPDATE SET read_at = excluded.read_at`,
    [me, conversationId, at],
  );
}
