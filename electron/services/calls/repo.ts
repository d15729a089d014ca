import { type CallLog, Conversation, CtiCall, type Counsellor } from '../../../common/domain/index.js';
import { CallLogDraft, type CallLogView } from '../../../common/desk-api/index.js';
import { normaliseKoreanPhone, phoneMatchKey } from '../../../common/phone/index.js';
import { enqueue, pendingCopies } from '../outbox/pending-store.js';
import type { StoreTx } from '../store/index.js';
import type { CallLogOutboxItem } from './deps.js';
import { byStartedDesc, type CallLogFilter, matchesFilter } from './filter.js';
import { foldText, indexCanAnswer, textCondition } from './search-index.js';
import type { StatsRow } from './stats.js';

/**
 * The calls feature's reads and writes on the local replica. `call_logs` mirrors the server;
 * `local_pending` (entity 'callLog') holds what this desk saved and the server has not confirmed
 * yet, and wins over the replica row until the sync engine clears it.
 */

const DAY_MS = 86_400_000;

interface DataRow { data: string }

/**
 * Rows were validated on the way in (the sync engine parses the feed, save parses the record),
 * so reading trusts the shape; a full schema parse per row made a 20,000-record list 10x slower.
 */
function parseLog(json: string): CallLog | null {
  try {
    const v = JSON.parse(json) as Partial<CallLog> | null;
    return v && typeof v.id === 'string' && typeof v.startedAt === 'string' ? (v as CallLog) : null;
  } catch {
    return null;
  }
}

const asView = (log: CallLog, state: CallLogView['localState'] = null, error: string | null = null): CallLogView => ({
  ...log,
  localState: state,
  localError: error,
});

export async function getPending(db: StoreTx, id: string): Promise<CallLogView | null> {
  const [row] = await pendingCopies(db, 'callLog', { id });
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
  const rows = await pendingCopies(db, 'callLog');
  return rows.flatMap((r) => {
    const log = parseLog(r.data);
    return log ? [asView(log, r.state, r.error)] : [];
  });
}

export interface QueryOptions {
  /** The calls_search table is built (ensureSearchIndex) and may narrow text searches. */
  textIndex?: boolean;
}

/**
 * The replica rows a filter can match, narrowed in SQL: always a superset of matchesFilter, which
 * decides (one predicate for list, export and stats, so their counts agree).
 */
function sqlFilter(f: CallLogFilter, options: QueryOptions): { where: string; params: string[] } {
  const where: string[] = ['1 = 1'];
  const params: string[] = [];
  // Column filters narrow in SQL; matchesFilter below is the single source of truth for the result.
  const columns = { counsellor_id: f.counsellor, field: f.field, channel: f.channel, action: f.action };
  for (const [column, value] of Object.entries(columns)) {
    if (!value) continue;
    where.push(`${column} = ?`);
    params.push(value);
  }
  // Text search narrows in SQL through the folded-text index when it is ready and can answer this
  // query with a superset of matchesFilter (which still decides).
  const folded = f.q && f.q.trim() ? foldText(f.q) : '';
  if (folded && options.textIndex && indexCanAnswer(folded)) {
    const cond = textCondition(folded);
    where.push(cond.sql);
    params.push(...cond.params);
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
  return { where: where.join(' AND '), params };
}

/** Every record matching the filter, newest first (pending edits merged over the replica). */
export async function queryViews(db: StoreTx, f: CallLogFilter, options: QueryOptions = {}): Promise<CallLogView[]> {
  const { where, params } = sqlFilter(f, options);
  const rows = await db.all<DataRow>(`SELECT data FROM call_logs WHERE ${where}`, params);
  const pending = await allPending(db);
  // Few pending rows: dropping their replica twins here is cheaper than a NOT IN per row in SQL.
  const pendingIds = new Set(pending.map((p) => p.id));
  const replica = rows.flatMap((r) => {
    const log = parseLog(r.data);
    return log && !pendingIds.has(log.id) ? [asView(log)] : [];
  });
  return [...replica, ...pending].filter((l) => matchesFilter(l, f)).sort(byStartedDesc);
}

/**
 * One page of queryViews (same records, same order) reading only as many replica rows as the page
 * needs: newest first by the started_at index, in growing chunks until offset + limit matches are
 * in hand. Reading and parsing every match's JSON cost far more than the search itself.
 */
export async function queryPage(
  db: StoreTx,
  f: CallLogFilter,
  page: { offset: number; limit: number },
  options: QueryOptions = {},
): Promise<CallLogView[]> {
  const { where, params } = sqlFilter(f, options);
  const allLocal = await allPending(db);
  const pendingIds = new Set(allLocal.map((p) => p.id));
  const need = page.offset + page.limit;
  const replica: CallLogView[] = [];
  let after: { startedAt: string; id: string } | null = null;
  let chunk = Math.max(need, 100);
  for (;;) {
    const keyset = after ? ' AND (started_at < ? OR (started_at = ? AND id < ?))' : '';
    const rows: Array<DataRow & { id: string; started_at: string }> = await db.all(
      `SELECT id, started_at, data FROM call_logs WHERE ${where}${keyset} ORDER BY started_at DESC, id DESC LIMIT ?`,
      [...params, ...(after ? [after.startedAt, after.startedAt, after.id] : []), chunk],
    );
    for (const r of rows) {
      if (pendingIds.has(r.id)) continue;
      const log = parseLog(r.data);
      if (log && matchesFilter(log, f)) replica.push(asView(log));
    }
    const last = rows[rows.length - 1];
    if (replica.length >= need || rows.length < chunk || !last) break;
    after = { startedAt: last.started_at, id: last.id };
    chunk *= 2;
  }
  const local = allLocal.filter((l) => matchesFilter(l, f));
  return [...replica, ...local].sort(byStartedDesc).slice(page.offset, need);
}

/** What statistics count, read from the indexed columns (no JSON) over a KST-padded range; pending edits win. */
export async function statsRows(db: StoreTx, from: string, to: string): Promise<StatsRow[]> {
  const rows = await db.all<{ id: string; started_at: string; counsellor_id: string; field: string | null; channel: string; action: string | null }>(
    'SELECT id, started_at, counsellor_id, field, channel, action FROM call_logs WHERE started_at >= ? AND started_at < ?',
    [new Date(Date.parse(from) - DAY_MS).toISOString(), new Date(Date.parse(to) + DAY_MS).toISOString()],
  );
  const pending = await allPending(db);
  const pendingIds = new Set(pending.map((p) => p.id));
  const out: StatsRow[] = rows
    .filter((r) => !pendingIds.has(r.id))
    .map((r) => ({ id: r.id, startedAt: r.started_at, counsellorId: r.counsellor_id, field: r.field, channel: r.channel, action: r.action }));
  for (const p of pending) out.push({ id: p.id, startedAt: p.startedAt, counsellorId: p.counsellorId, field: p.field, channel: p.channel, action: p.action });
  return out;
}

/** A saved record on its way to the server: the request and the local copy shown until it is confirmed. */
export async function enqueueCallLog(tx: StoreTx, log: CallLog, now: Date, item: CallLogOutboxItem): Promise<void> {
  await enqueue(tx, item, now, { entity: 'callLog', id: log.id, conversationId: log.conversationId, data: log });
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

/** Programme id -> name from the replica's catalogue, for the ids given (exports show names, not WLF ids). */
export async function programmeNames(db: StoreTx, ids: readonly string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  const names = new Map<string, string>();
  // SQLite allows 999 parameters per statement in old builds: ask in slices.
  for (let i = 0; i < unique.length; i += 500) {
    const slice = unique.slice(i, i + 500);
    const rows = await db.all<{ id: string; name: string }>(`SELECT id, name FROM programmes WHERE id IN (${slice.map(() => '?').join(',')})`, slice);
    for (const r of rows) names.set(r.id, r.name);
  }
  return names;
}
