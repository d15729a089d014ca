import type { Kysely, Transaction } from 'kysely';
import { CtiCall, type CtiEvent } from '../../common/domain/index.js';
import { findCounsellorByUsername } from './counsellors.js';
import { parseStored, toJson } from './json.js';
import type { Database } from './schema.js';
import type { WriteTx } from './store.js';

type Q = Kysely<Database> | Transaction<Database>;

/** One CTI call by the telephony's call id. */
export async function findCtiCall(q: Q, callId: string): Promise<CtiCall | null> {
  const row = await q.selectFrom('cti_calls').select('data').where('call_id', '=', callId).executeTakeFirst();
  return row ? parseStored(CtiCall, row.data, 'cti_calls', callId) : null;
}

async function putCall(tx: WriteTx, call: CtiCall, isNew: boolean): Promise<void> {
  const row = {
    call_id: call.callId,
    counsellor_id: call.counsellorId,
    missed: call.missed ? 1 : 0,
    ringing_at: call.ringingAt,
    version: call.version,
    data: toJson(call),
  };
  if (isNew) await tx.trx.insertInto('cti_calls').values(row).execute();
  else await tx.trx.updateTable('cti_calls').set(row).where('call_id', '=', call.callId).execute();
  await tx.change('ctiCall', call.callId, call);
}

/**
 * Applies one telephony event. Events may arrive repeated or out of order (an answer without
 * its newCall): the call row is created by whichever comes first, and a repeat changes nothing.
 */
export async function applyCtiEvent(tx: WriteTx, event: CtiEvent): Promise<CtiCall> {
  const at = event.at ? new Date(event.at).toISOString() : tx.now;
  const counsellor = event.counsellor ? await findCounsellorByUsername(tx.trx, event.counsellor) : undefined;
  const previous = await findCtiCall(tx.trx, event.callId);
  const call: CtiCall = previous
    ? { ...previous }
    : {
        callId: event.callId,
        from: event.from,
        to: event.to,
        counsellorId: null,
        ringingAt: at,
        answeredAt: null,
        endedAt: null,
        missed: false,
        callLogId: null,
        updatedAt: tx.now,
        version: 0,
      };
  if (counsellor && (event.type !== 'newCall' || call.counsellorId === null)) call.counsellorId = counsellor.id;
  if (event.type === 'answer' && call.answeredAt === null && call.endedAt === null) call.answeredAt = at;
  if (event.type === 'hangup' && call.endedAt === null) {
    call.endedAt = at;
    call.missed = call.answeredAt === null;
  }
  if (previous && toJson(previous) === toJson(call)) return previous;
  call.updatedAt = tx.now;
  call.version += 1;
  await putCall(tx, call, !previous);
  await tx.audit(`cti-${event.type}`, 'ctiCall', call.callId, `${event.type} ${call.missed ? '(missed)' : ''}`.trim());
  return call;
}

/** Links a saved call log to the CTI call it records. */
export async function linkCallLog(tx: WriteTx, callId: string, callLogId: string): Promise<void> {
  const call = await findCtiCall(tx.trx, callId);
  if (!call || call.callLogId === callLogId) return;
  await putCall(tx, { ...call, callLogId, updatedAt: tx.now, version: call.version + 1 }, false);
}

export async function listCtiCalls(db: Kysely<Database>, opts: { missed?: boolean; limit: number }): Promise<CtiCall[]> {
  let q = db.selectFrom('cti_calls').select('data');
  if (opts.missed !== undefined) q = q.where('missed', '=', opts.missed ? 1 : 0);
  const rows = await q.orderBy('ringing_at', 'desc').limit(opts.limit).execute();
  return rows.map((r) => parseStored(CtiCall, r.data, 'cti_calls'));
}
