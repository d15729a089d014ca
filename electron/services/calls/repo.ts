import { CallLog, Conversation, CtiCall, type Counsellor } from '../../../common/domain/index.js';
import { CallLogDraft, type CallLogView } from '../../../common/desk-api/index.js';
import { normaliseKoreanPhone, phoneMatchKey } from '../../../common/phone/index.js';
import type { StoreTx } from '../store/index.js';
import { byStartedDesc, type CallLogFilter, matchesFilter } from './filter.js';

/**
 * The calls feature's reads and writes on the local replica. `call_logs` mirrors the server;
 * `local_pending` (entity 'callLog') holds what this desk saved and the server has not confirmed
 * yet, and wins over the replica row until the sync engine clears it.
 */

const DAY_MS = 86_400_000;

interface DataRow { data: string }
interface PendingRow { data: string; state: 'sending' | 'failed'; error: string | null }

function parseLog(json: string): CallLog | null {
  const r = CallLog.safeParse(JSON.parse(json));
  return r.success ? r.data : null;
}

const asView = (log: CallLog, state: CallLogView['localState'] = null, error: string | null = null): CallLogView => ({
  ...log,
  localState: state,
  localError: error,
});

export async function getPending(db: StoreTx, id: string): Promise<CallLogView | null> {
  const row = await db.get<PendingRow>("SELECT data, state, error FROM local_pending WHERE entity = 'callLog' AND id = ?", [id]);
  const log = row ? parseLog(row.data) : null;
  return log && row ? asView(log, row.state, row.error) : null;
}

export async function getReplica(db: StoreTx, id: string): Promise<CallLog | null> {
  const row = await db.get<DataRow>('SELECT data FROM call_logs WHERE id = ?', [id]);
  return row ? parseLog(row.data) : null;
}

/** The record as this desk sees it: its own unconfirmed edit if any, else the replica. */
export async function getView(db: StoreTx, id: string): Promise<CallLogView | null> {
  const pending = await getPending(db, id);
  if (pending) return pending;
  const log = await getReplica(db, id);
  return log ? asView(log) : null;
}

async function allPending(db: StoreTx): Promise<CallLogView[]> {
  const rows = await db.all<PendingRow>("SELECT data, state, error FROM local_pending WHERE entity = 'callLog'");
  return rows.flatMap((r) => {
    const log = parseLog(r.data);
    return log ? [asView(log, r.state, r.error)] : [];
  });
}

/** Every record matching the filter, newest first (pending edits merged over the replica). */
export async function queryViews(db: StoreTx, f: CallLogFilter): Promise<CallLogView[]> {
  const where: string[] = ["id NOT IN (SELECT id FROM local_pending WHERE entity = 'callLog')"];
  const params: string[] = [];
  // Column filters narrow in SQL; matchesFilter below is the single source of truth for the result.
  const columns = { counsellor_id: f.counsellor, field: f.field, channel: f.channel, action: f.action };
  for (const [column, value] of Object.entries(columns)) {
    if (!value) continue;
    where.push(`${column} = ?`);
    params.push(value);
  }
  // Caller history must use the phone index, not scan every record.
  const phone = f.phone ? normaliseKoreanPhone(f.phone) : null;
  if (phone) {
    where.push('caller_phone = ?');
    params.push(phone);
  }
  // Stored instants may carry an offset instead of Z; a day of slack keeps the string range a superset.
  if (f.from) {
    where.push('started_at >= ?');
    params.push(new Date(Date.parse(f.from) - DAY_MS).toISOString());
  }
  if (f.to) {
    where.push('started_at < ?');
    params.push(new Date(Date.parse(f.to) + DAY_MS).toISOString());
  }
  const rows = await db.all<DataRow>(`SELECT data FROM call_logs WHERE ${where.join(' AND ')}`, params);
  const replica = rows.flatMap((r) => {
    const log = parseLog(r.data);
    return log ? [asView(log)] : [];
  });
  return [...replica, ...(await allPending(db))].filter((l) => matchesFilter(l, f)).sort(byStartedDesc);
}

export async function upsertPending(db: StoreTx, log: CallLog, now: string): Promise<void> {
  await db.run(
    `INSERT INTO local_pending (entity, id, conversation_id, data, state, error, created_at)
     VALUES ('callLog', ?, ?, ?, 'sending', NULL, ?)
     ON CONFLICT (entity, id) DO UPDATE SET data = excluded.data, conversation_id = excluded.conversation_id,
       state = 'sending', error = NULL`,
    [log.id, log.conversationId, JSON.stringify(log), now],
  );
}

/* ---------- drafts (table drafts, kind 'callLog'); the store runs synchronous=FULL ---------- */

export async function putDraft(db: StoreTx, draft: CallLogDraft, now: string): Promise<void> {
  await db.run(
    `INSERT INTO drafts (kind, key, body, updated_at) VALUES ('callLog', ?, ?, ?)
     ON CONFLICT (kind, key) DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at`,
    [draft.id, JSON.stringify(draft), now],
  );
}

function parseDraft(body: string): CallLogDraft | null {
  try {
    const r = CallLogDraft.safeParse(JSON.parse(body));
    return r.success ? r.data : null;
  } catch {
    return null;
  }
}

export async function getDraft(db: StoreTx, id: string): Promise<CallLogDraft | null> {
  const row = await db.get<{ body: string }>("SELECT body FROM drafts WHERE kind = 'callLog' AND key = ?", [id]);
  return row ? parseDraft(row.body) : null;
}

export async function listDrafts(db: StoreTx): Promise<CallLogDraft[]> {
  const rows = await db.all<{ body: string }>("SELECT body FROM drafts WHERE kind = 'callLog' ORDER BY updated_at DESC");
  return rows.flatMap((r) => {
    const d = parseDraft(r.body);
    return d ? [d] : [];
  });
}

export async function deleteDraft(db: StoreTx, id: string): Promise<void> {
  await db.run("DELETE FROM drafts WHERE kind = 'callLog' AND key = ?", [id]);
}

/* ---------- caller history ---------- */

export async function conversationsByPhone(db: StoreTx, key: string): Promise<Conversation[]> {
  // Stored numbers may carry dashes, spaces or +82; strip in SQL for the index-free match, then confirm in JS.
  const intl = `+82${key.slice(1)}`;
  const rows = await db.all<DataRow & { citizen_phone: string }>(
    `SELECT data, citizen_phone FROM conversations
     WHERE citizen_phone = ? OR replace(replace(replace(citizen_phone, '-', ''), ' ', ''), '+82', '0') = ?
        OR replace(replace(citizen_phone, '-', ''), ' ', '') = ?
     ORDER BY last_message_at DESC LIMIT 100`,
    [key, key, intl],
  );
  return rows.flatMap((r) => {
    if (phoneMatchKey(r.citizen_phone) !== key) return [];
    const c = Conversation.safeParse(JSON.parse(r.data));
    return c.success ? [c.data] : [];
  });
}

/* ---------- CTI ---------- */

export async function missedCalls(db: StoreTx, counsellorId: string | null, limit = 200): Promise<CtiCall[]> {
  const rows = await db.all<DataRow>(
    `SELECT data FROM cti_calls WHERE missed = 1 AND (counsellor_id IS NULL OR counsellor_id = ?)
     ORDER BY ringing_at DESC LIMIT ?`,
    [counsellorId, limit],
  );
  return rows.flatMap((r) => {
    const c = CtiCall.safeParse(JSON.parse(r.data));
    return c.success ? [c.data] : [];
  });
}

export async function counsellorNames(db: StoreTx, me: Counsellor | null): Promise<Map<string, string>> {
  const rows = await db.all<DataRow>('SELECT data FROM counsellors');
  const names = new Map<string, string>();
  for (const r of rows) {
    const c = JSON.parse(r.data) as { id?: unknown; displayName?: unknown };
    if (typeof c.id === 'string' && typeof c.displayName === 'string') names.set(c.id, c.displayName);
  }
  if (me) names.set(me.id, me.displayName);
  return names;
}
