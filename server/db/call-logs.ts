import { randomUUID } from 'node:crypto';
import { sql, type Kysely, type Transaction } from 'kysely';
import { CallLog, type CallLogInput, CallLogRevision } from '../../common/domain/index.js';
import { maskResidentNumbers } from '../../common/privacy/index.js';
import { linkCallLog } from './cti.js';
import { parseStored, toJson } from './json.js';
import { keysetPage, likePattern } from './paging.js';
import type { PageOf, PageRequest } from './conversations.js';
import type { CallLogsTable, Database } from './schema.js';
import type { WriteTx } from './store.js';

type Q = Kysely<Database> | Transaction<Database>;

export async function getCallLog(q: Q, id: string): Promise<CallLog | null> {
  const row = await q.selectFrom('call_logs').select('data').where('id', '=', id).executeTakeFirst();
  return row ? parseStored(CallLog, row.data, 'call_logs', id) : null;
}

/** What the call-log list is narrowed to; `phone` is digits only, `q` already trimmed and non-empty. */
export interface CallLogFilter {
  from?: string | undefined;
  to?: string | undefined;
  counsellor?: string | undefined;
  field?: string | undefined;
  channel?: string | undefined;
  action?: string | undefined;
  phone?: string | undefined;
  q?: string | undefined;
}

/** The call-log list, newest call first. */
export async function listCallLogs(q: Q, filter: CallLogFilter, page: PageRequest): Promise<PageOf<CallLog>> {
  let query = q.selectFrom('call_logs').select(['id', 'started_at', 'data']);
  if (filter.from) query = query.where('started_at', '>=', filter.from);
  if (filter.to) query = query.where('started_at', '<', filter.to);
  if (filter.counsellor) query = query.where('counsellor_id', '=', filter.counsellor);
  if (filter.field) query = query.where('field', '=', filter.field);
  if (filter.channel) query = query.where('channel', '=', filter.channel);
  if (filter.action) query = query.where('action', '=', filter.action);
  if (filter.phone !== undefined) query = query.where('caller_phone', '=', filter.phone);
  if (filter.q) query = query.where(sql<boolean>`search_text like ${likePattern(filter.q)} escape '\\'`);
  const rows = await keysetPage(query, { column: 'started_at', order: 'desc', cursor: page.cursor, limit: page.limit });
  return { items: rows.rows.map((r) => parseStored(CallLog, r.data, 'call_logs', r.id)), nextCursor: rows.nextCursor };
}

/** Free text never keeps a 주민등록번호 (DESIGN §7). */
function scrub(input: CallLogInput): CallLogInput {
  return {
    ...input,
    need: maskResidentNumbers(input.need),
    notes: maskResidentNumbers(input.notes),
    callerName: input.callerName === null ? null : maskResidentNumbers(input.callerName),
  };
}

function toRow(log: CallLog): CallLogsTable {
  return {
    id: log.id,
    counsellor_id: log.counsellorId,
    started_at: log.startedAt,
    field: log.field,
    channel: log.channel,
    action: log.action,
    caller_phone: log.callerPhone,
    search_text: [log.callerName, log.callerPhone, log.dong, log.subTopic, log.need, log.notes, log.agency]
      .filter(Boolean)
      .join(' ')
      .toLowerCase(),
    updated_at: log.updatedAt,
    version: log.version,
    data: toJson(log),
  };
}

export async function createCallLog(tx: WriteTx, id: string, input: CallLogInput, counsellorId: string): Promise<CallLog> {
  const log: CallLog = {
    ...scrub(input),
    id,
    counsellorId,
    createdAt: tx.now,
    updatedAt: tx.now,
    version: 1,
  };
  await tx.trx.insertInto('call_logs').values(toRow(log)).execute();
  await tx.change('callLog', id, log);
  if (log.ctiCallId) await linkCallLog(tx, log.ctiCallId, id);
  await tx.audit('create', 'callLog', id, `${log.channel} ${log.field ?? ''}`.trim());
  return log;
}

/** Replaces the record's fields, keeping a revision of which fields changed from what to what. */
export async function updateCallLog(tx: WriteTx, previous: CallLog, input: CallLogInput, counsellorId: string): Promise<CallLog> {
  const next: CallLog = {
    ...previous,
    ...scrub(input),
    updatedAt: tx.now,
    version: previous.version + 1,
  };
  const changes: CallLogRevision['changes'] = {};
  for (const key of Object.keys(input) as (keyof CallLogInput)[]) {
    if (toJson(previous[key]) !== toJson(next[key])) changes[key] = { from: previous[key], to: next[key] };
  }
  await tx.trx.updateTable('call_logs').set(toRow(next)).where('id', '=', previous.id).execute();
  await tx.trx
    .insertInto('call_log_revisions')
    .values({
      id: randomUUID(),
      call_log_id: previous.id,
      version: next.version,
      counsellor_id: counsellorId,
      changed_at: tx.now,
      changes: toJson(changes),
    })
    .execute();
  await tx.change('callLog', next.id, next);
  await tx.audit('update', 'callLog', next.id, Object.keys(changes).join(', ') || '(no field changed)');
  return next;
}

export async function callLogHistory(q: Q, id: string): Promise<CallLogRevision[]> {
  const rows = await q.selectFrom('call_log_revisions').selectAll().where('call_log_id', '=', id).orderBy('version').execute();
  return rows.map((r) => ({
    callLogId: r.call_log_id,
    version: r.version,
    counsellorId: r.counsellor_id,
    changedAt: r.changed_at,
    changes: parseStored(CallLogRevision.shape.changes, r.changes, 'call_log_revisions', `${r.call_log_id} v${r.version}`),
  }));
}
