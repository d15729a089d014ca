import { byCrisisFirst } from '../../../common/crisis/index.js';
import { CallLog, Conversation, Message } from '../../../common/domain/index.js';
import { defaultInboxSort, type ConversationListItem, type InboxSort, type InboxView, type MessageView } from '../../../common/desk-api/index.js';
import { phoneMatchKey } from '../../../common/phone/index.js';
import { parseRows, readConversation } from '../replica/read.js';
import type { StoreTx } from '../store/index.js';

/**
 * Reads of the inbox over the replica, with this desk's unconfirmed writes (local_pending)
 * laid over the server's rows so that they show at once.
 */

interface PendingRow {
  id: string;
  data: string;
  state: 'sending' | 'failed';
  error: string | null;
}

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
  const rows = await db.all<PendingRow>("SELECT id, data, state, error FROM local_pending WHERE entity = 'conversation'");
  return new Map(rows.map((r) => [r.id, parseOverlay(r.data)]));
}

export async function overlayOf(db: StoreTx, id: string): Promise<Overlay> {
  const row = await db.get<PendingRow>("SELECT id, data, state, error FROM local_pending WHERE entity = 'conversation' AND id = ?", [id]);
  return row ? parseOverlay(row.data) : {};
}

/** The conversation as this desk sees it: the replica with its own unconfirmed changes on top. */
export async function conversationView(db: StoreTx, id: string): Promise<Conversation | null> {
  const replica = await readConversation(db, id);
  if (!replica) return null;
  const merged = Conversation.safeParse({ ...replica, ...(await overlayOf(db, id)) });
  return merged.success ? merged.data : replica;
}

function viewFilter(view: InboxView, me: string | null): { sql: string; params: string[]; test: (c: Conversation) => boolean } {
  switch (view) {
    case 'mine':
      return { sql: "assignee_id = ? AND status <> 'closed'", params: [me ?? ''], test: (c) => c.assigneeId === me && c.status !== 'closed' };
    case 'unassigned':
      return { sql: "assignee_id IS NULL AND status <> 'closed'", params: [], test: (c) => c.assigneeId === null && c.status !== 'closed' };
    case 'all':
      return { sql: "status <> 'closed'", params: [], test: (c) => c.status !== 'closed' };
    case 'closed':
      return { sql: "status = 'closed'", params: [], test: (c) => c.status === 'closed' };
  }
}

/** Flagged (crisis) conversations first, then the newest activity. */
const byLastMessageDesc = (a: Conversation, b: Conversation) =>
  byCrisisFirst(a, b) || (b.lastMessageAt ?? b.createdAt).localeCompare(a.lastMessageAt ?? a.createdAt) || a.id.localeCompare(b.id);

/** Who has waited longest for an answer comes first; chats with nothing waiting follow, oldest first. */
const byLongestWaiting = (a: Conversation, b: Conversation) => {
  if (a.waitingSince && b.waitingSince) return a.waitingSince.localeCompare(b.waitingSince) || a.id.localeCompare(b.id);
  if (a.waitingSince || b.waitingSince) return a.waitingSince ? -1 : 1;
  return (a.lastMessageAt ?? a.createdAt).localeCompare(b.lastMessageAt ?? b.createdAt) || a.id.localeCompare(b.id);
};

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

/** A view of the inbox, searched by citizen name, phone number or message text. */
export async function listConversations(
  db: StoreTx, view: InboxView, q: string, me: string | null, sort: InboxSort = defaultInboxSort(view),
): Promise<ConversationListItem[]> {
  const filter = viewFilter(view, me);
  const pending = await pendingOverlays(db);
  const where = [filter.sql];
  const params: string[] = [...filter.params];
  const query = q.trim();
  const digits = query.replace(/\D/g, '');
  let matchIds: Set<string> | null = null;
  if (query) {
    const like = `%${likeEscape(query)}%`;
    const conds = ["citizen_name LIKE ? ESCAPE '\\'", "id IN (SELECT conversation_id FROM messages WHERE body LIKE ? ESCAPE '\\')"];
    params.push(like, like);
    if (digits.length >= 3) {
      conds.push("replace(replace(citizen_phone, '-', ''), ' ', '') LIKE ?");
      params.push(`%${digits}%`);
    }
    where.push(`(${conds.join(' OR ')})`);
    if (pending.size) {
      const ids = [...pending.keys()];
      const hits = await db.all<{ id: string }>(
        `SELECT DISTINCT conversation_id AS id FROM messages WHERE body LIKE ? ESCAPE '\\' AND conversation_id IN (${ids.map(() => '?').join(',')})`,
        [like, ...ids],
      );
      matchIds = new Set(hits.map((h) => h.id));
    }
  }
  const rows = await db.all<{ id: string; data: string }>(`SELECT id, data FROM conversations WHERE ${where.join(' AND ')}`, params);
  const out = parseRows(Conversation, rows.filter((r) => !pending.has(r.id)));
  for (const id of pending.keys()) {
    const c = await conversationView(db, id);
    if (!c) continue;
    if (!filter.test(c)) continue;
    if (query) {
      const byName = (c.citizenName ?? '').includes(query);
      const byPhone = digits.length >= 3 && phoneMatchKey(c.citizenPhone ?? '').includes(digits);
      if (!byName && !byPhone && !matchIds?.has(c.id)) continue;
    }
    out.push(c);
  }
  out.sort(sort === 'waiting' ? byLongestWaiting : byLastMessageDesc);
  const nameless = out.filter((c) => !c.citizenName).map((c) => c.id);
  const questions = nameless.length ? await firstQuestions(db, nameless) : new Map<string, string>();
  return withMyUnread(db, me, out.map((c) => ({ ...c, firstQuestion: questions.get(c.id) ?? null })));
}

/** The replica's messages and this desk's unconfirmed ones, in time order. */
export async function messageViews(db: StoreTx, conversationId: string): Promise<MessageView[]> {
  const replica = parseRows(Message, await db.all<{ data: string }>('SELECT data FROM messages WHERE conversation_id = ?', [conversationId]));
  const seen = new Set(replica.map((m) => m.id));
  const views: MessageView[] = replica.map((m) => ({ ...m, localState: null, localError: null }));
  const pending = await db.all<PendingRow>("SELECT id, data, state, error FROM local_pending WHERE entity = 'message' AND conversation_id = ?", [conversationId]);
  for (const p of pending) {
    if (seen.has(p.id)) continue;
    const [m] = parseRows(Message, [p]);
    if (m) views.push({ ...m, localState: p.state, localError: p.error });
  }
  return views.sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
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
  const pending = await db.all<PendingRow>(
    `SELECT id, data, state, error FROM local_pending WHERE entity = 'callLog' AND conversation_id IN (${marks})`,
    ids,
  );
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
