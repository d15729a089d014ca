import type { Store } from '../db/store.js';

/**
 * Delivery claims for notice recipients: a sender takes due rows with a lease (claimed_until)
 * in one statement, so that several server instances never take the same row, and a crashed
 * instance's rows come free when its lease runs out. On PostgreSQL the inner SELECT locks the
 * rows it picks and skips those another instance is claiming (FOR UPDATE SKIP LOCKED); SQLite
 * writes are serial, the UPDATE … RETURNING alone is atomic.
 */
export interface ClaimedRecipient {
  id: string;
  citizenKey: string;
  attempts: number;
}

export interface ClaimRequest {
  broadcastId: string;
  limit: number;
  now: Date;
  leaseMs: number;
  owner: string;
}

export async function claimDueRecipients(store: Store, req: ClaimRequest): Promise<ClaimedRecipient[]> {
  const now = req.now.toISOString();
  const until = new Date(req.now.getTime() + req.leaseMs).toISOString();
  const db = store.db;
  const due = db
    .selectFrom('broadcast_recipients')
    .select('id')
    .where('broadcast_id', '=', req.broadcastId)
    .where('status', '=', 'pending')
    .where((eb) => eb.or([eb('next_attempt_at', 'is', null), eb('next_attempt_at', '<=', now)]))
    .where((eb) => eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<=', now)]))
    .orderBy('seq')
    .limit(req.limit)
    .$if(store.engine === 'postgres', (qb) => qb.forUpdate().skipLocked());
  const rows = await db
    .updateTable('broadcast_recipients')
    .set({ claimed_until: until, claimed_by: req.owner })
    .where('id', 'in', due)
    .returning(['id', 'citizen_key', 'attempts', 'seq'])
    .execute();
  return rows.sort((a, b) => a.seq - b.seq).map((r) => ({ id: r.id, citizenKey: r.citizen_key, attempts: r.attempts }));
}

/** Gives rows back unsent (quiet hours began, the notice was paused): another round takes them at once. */
export async function releaseClaims(store: Store, ids: readonly string[], owner: string): Promise<void> {
  if (ids.length === 0) return;
  await store.db
    .updateTable('broadcast_recipients')
    .set({ claimed_until: null, claimed_by: null })
    .where('id', 'in', [...ids])
    .where('claimed_by', '=', owner)
    .where('status', '=', 'pending')
    .execute();
}

/**
 * SQLite: one process owns the file, so a claim still held at start belongs to the previous
 * process (it died mid-send): free it now rather than after the lease.
 */
export async function releaseStaleClaimsAtStart(store: Store): Promise<void> {
  if (store.engine !== 'sqlite') return;
  await store.db.updateTable('broadcast_recipients').set({ claimed_until: null, claimed_by: null }).where('status', '=', 'pending').where('claimed_until', 'is not', null).execute();
}
