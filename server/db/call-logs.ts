import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import { CallLog, type CallLogInput, CallLogRevision } from '../../common/domain/index.js';
import { maskResidentNumbers } from '../../common/privacy/index.js';
import { linkCallLog } from './cti.js';
import { parseStored, toJson } from './json.js';
import type { CallLogsTable, Database } from './schema.js';
import type { WriteTx } from './store.js';

type Q = Kysely<Database> | Transaction<Database>;

export async function getCallLog(q: Q, id: string): Promise<CallLog | null> {
  const row = await q.selectFrom('call_logs').select('data').where('id', '=', id).executeTakeFirst();
  return row ? parseStored(CallLog, row.data, 'call_logs', id) : null;
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
