import type { Kysely } from 'kysely';
import type { Counsellor, Presence } from '../../common/domain/index.js';
import { toCounsellor } from '../db/counsellors.js';
import type { Database } from '../db/schema.js';
import type { Store, WriteTx } from '../db/store.js';

/**
 * Who set a presence. Automatic changes only undo their own kind: a hang-up ends 통화 중 set by
 * the CTI, a desk coming back online lifts the 오프라인 that liveness (not the counsellor) set.
 */
export type PresenceSource = 'manual' | 'lock' | 'cti' | 'liveness' | 'desk' | 'logout' | 'deactivated';

/** 오프라인 after this long without any desk of the counsellor holding the SSE stream. */
export const DEFAULT_OFFLINE_AFTER_MS = 60_000;

/**
 * Sets a counsellor's presence in the caller's transaction: the row, a counsellor entry in the
 * change feed (so every desk and the board see it) and the audit log. No-op when unchanged.
 */
export async function setPresence(
  tx: WriteTx,
  counsellorId: string,
  status: Presence,
  source: PresenceSource,
  opts: { touch?: boolean } = {},
): Promise<Counsellor | null> {
  const row = await tx.trx.selectFrom('counsellors').selectAll().where('id', '=', counsellorId).executeTakeFirst();
  if (!row) return null;
  if (opts.touch) await tx.trx.updateTable('counsellors').set({ last_seen_at: tx.now }).where('id', '=', counsellorId).execute();
  if (row.presence === status && row.presence_source === source) return toCounsellor(row);
  const beforeCall = status === 'on_call' && row.presence !== 'on_call' ? row.presence : status === 'on_call' ? row.presence_before_call : null;
  await tx.trx
    .updateTable('counsellors')
    .set({ presence: status, presence_source: source, presence_since: row.presence === status ? row.presence_since : tx.now, presence_before_call: beforeCall })
    .where('id', '=', counsellorId)
    .execute();
  const next = await tx.trx.selectFrom('counsellors').selectAll().where('id', '=', counsellorId).executeTakeFirstOrThrow();
  const counsellor = toCounsellor(next);
  if (row.presence !== status) {
    await tx.change('counsellor', counsellor.id, counsellor);
    await tx.audit('presence', 'counsellor', counsellor.id, `${row.presence} -> ${status} (${source})`);
  }
  return counsellor;
}

/** CTI answer: 통화 중 until the hang-up, remembering what to return to. */
export async function presenceOnAnswer(tx: WriteTx, counsellorId: string): Promise<void> {
  await setPresence(tx, counsellorId, 'on_call', 'cti');
}

/** CTI hang-up: back to what the counsellor was before the call, unless they changed it meanwhile. */
export async function presenceOnHangup(tx: WriteTx, counsellorId: string): Promise<void> {
  const row = await tx.trx.selectFrom('counsellors').select(['presence', 'presence_source', 'presence_before_call']).where('id', '=', counsellorId).executeTakeFirst();
  if (!row || row.presence !== 'on_call' || row.presence_source !== 'cti') return;
  const back = row.presence_before_call === 'away' || row.presence_before_call === 'offline' ? row.presence_before_call : 'available';
  await setPresence(tx, counsellorId, back, back === 'offline' ? 'liveness' : 'manual');
}

/**
 * A desk of this counsellor opened the SSE stream: it is alive. A counsellor whom liveness (or
 * nothing yet) had made 오프라인 becomes 상담 가능 again; a chosen status is kept.
 */
export async function presenceOnDeskConnected(store: Store, counsellorId: string): Promise<void> {
  await store.write(counsellorId, async (tx) => {
    const row = await tx.trx.selectFrom('counsellors').select(['presence', 'presence_source']).where('id', '=', counsellorId).executeTakeFirst();
    await tx.trx.updateTable('counsellors').set({ last_seen_at: tx.now }).where('id', '=', counsellorId).execute();
    if (row && row.presence === 'offline' && row.presence_source !== 'manual' && row.presence_source !== 'deactivated') {
      await setPresence(tx, counsellorId, 'available', 'desk');
    }
  });
}

/** Marks the desks that hold a stream on this instance as alive (no feed entry: nothing visible changed). */
export async function touchLiveness(db: Kysely<Database>, counsellorIds: readonly string[], now: string): Promise<void> {
  if (counsellorIds.length === 0) return;
  await db.updateTable('counsellors').set({ last_seen_at: now }).where('id', 'in', [...counsellorIds]).execute();
}

/**
 * 오프라인 for every counsellor not offline whose desks have not held a stream (nor set a
 * presence) for offlineAfterMs. Checked again inside the transaction. Returns how many changed.
 */
export async function sweepOffline(store: Store, now: Date, offlineAfterMs: number): Promise<number> {
  const cutoff = new Date(now.getTime() - offlineAfterMs).toISOString();
  const stale = await store.db
    .selectFrom('counsellors')
    .select('id')
    .where('presence', '!=', 'offline')
    .where((eb) => eb.or([eb('last_seen_at', 'is', null), eb('last_seen_at', '<', cutoff)]))
    .execute();
  if (stale.length === 0) return 0;
  return store.write(null, async (tx) => {
    let changed = 0;
    for (const { id } of stale) {
      const row = await tx.trx.selectFrom('counsellors').select(['presence', 'last_seen_at']).where('id', '=', id).executeTakeFirst();
      if (!row || row.presence === 'offline' || (row.last_seen_at !== null && row.last_seen_at >= cutoff)) continue;
      await setPresence(tx, id, 'offline', 'liveness');
      changed++;
    }
    return changed;
  });
}

/** Open SSE streams of this instance per counsellor, refreshed in the database while held. */
export class DeskStreams {
  #counts = new Map<string, number>();

  add(counsellorId: string): () => void {
    this.#counts.set(counsellorId, (this.#counts.get(counsellorId) ?? 0) + 1);
    let done = false;
    return () => {
      if (done) return;
      done = true;
      const n = (this.#counts.get(counsellorId) ?? 1) - 1;
      if (n <= 0) this.#counts.delete(counsellorId);
      else this.#counts.set(counsellorId, n);
    };
  }

  holders(): string[] {
    return [...this.#counts.keys()];
  }
}
