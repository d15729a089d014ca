import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import type { Store, WriteTx } from '../db/store.js';
import {
  createOutboundClaims, enqueueOutbound, requeueOutbound, type ClaimedWork, type OutboundClaims, type OutboundOutcome,
} from '../delivery/outbound-claims.js';

/**
 * Notice recipients as outbound work (server/delivery/outbound-claims.ts, the one claim-with-lease
 * mechanism of every outbound message): each recipient is an outbound_work item of kind
 * 'broadcast' with the same id, which is also the provider's serial_number. The claim gives
 * exactly-once claiming across instances, a lease that a crashed instance's items outlive, and
 * the per-citizen order (a notice to a citizen waits behind a pending reply to them, and the
 * other way round). Because a pending item holds the citizen's later replies back, recipients
 * are fed into the queue in small windows while the notice is sending, and taken out again
 * (settled, queued = 0) when it is paused, cancelled or held for the night. The notice sender
 * (sender.ts) claims only this kind; the Kakao reply loop never sees it.
 */
export const BROADCAST_KIND = 'broadcast';

export interface ClaimedRecipient {
  work: ClaimedWork;
  id: string;
  broadcastId: string;
  citizenKey: string;
  status: string;
  /** POSTs made so far (the claim's own count also counts give-backs without a send). */
  attempts: number;
}

export interface RecipientUpdate {
  status: 'pending' | 'delivered' | 'failed' | 'opted_out' | 'cancelled';
  attempts?: number;
  error?: string | null;
  sentAt?: string | null;
}

export interface BroadcastClaims {
  /** Tops the notice's queued window up to `window` items (several instances may call it at once). */
  feed(broadcastId: string, window: number): Promise<number>;
  claim(limit: number, now: Date): Promise<ClaimedRecipient[]>;
  /** Records a recipient's outcome and releases its item; false when the lease was lost meanwhile. */
  settle(r: ClaimedRecipient, outcome: OutboundOutcome, recipient: RecipientUpdate): Promise<boolean>;
  /** Takes a claimed item out of the queue unsent (paused, night, shutting down): fed again later. */
  giveBack(r: ClaimedRecipient, why: string): Promise<boolean>;
}

async function loadRecipients(db: Kysely<Database>, items: readonly ClaimedWork[]): Promise<ClaimedRecipient[]> {
  if (items.length === 0) return [];
  const rows = await db
    .selectFrom('broadcast_recipients')
    .select(['id', 'broadcast_id', 'citizen_key', 'status', 'attempts'])
    .where('id', 'in', items.map((w) => w.refId))
    .execute();
  const byId = new Map(rows.map((r) => [r.id, r]));
  const out: ClaimedRecipient[] = [];
  for (const work of items) {
    const r = byId.get(work.refId);
    if (r) out.push({ work, id: r.id, broadcastId: r.broadcast_id, citizenKey: r.citizen_key, status: r.status, attempts: r.attempts });
  }
  return out;
}

export function createBroadcastClaims(store: Store, leaseMs: number): BroadcastClaims {
  const claims: OutboundClaims = createOutboundClaims(store, { leaseMs });
  const updateRecipient = (tx: WriteTx, id: string, u: RecipientUpdate & { queued?: number }) =>
    tx.trx
      .updateTable('broadcast_recipients')
      .set({
        status: u.status,
        ...(u.queued !== undefined ? { queued: u.queued } : u.status !== 'pending' ? { queued: 0 } : {}),
        ...(u.attempts !== undefined ? { attempts: u.attempts } : {}),
        ...(u.error !== undefined ? { error: u.error?.slice(0, 500) ?? null } : {}),
        ...(u.sentAt !== undefined ? { sent_at: u.sentAt } : {}),
        updated_at: tx.now,
      })
      .where('id', '=', id)
      .execute();
  return {
    async feed(broadcastId, window) {
      return store.write(null, async (tx) => {
        const queued = await tx.trx.selectFrom('broadcast_recipients').select((eb) => eb.fn.countAll().as('n'))
          .where('broadcast_id', '=', broadcastId).where('status', '=', 'pending').where('queued', '=', 1).executeTakeFirstOrThrow();
        const room = window - Number(queued.n);
        if (room <= 0) return 0;
        const next = tx.trx.selectFrom('broadcast_recipients').select('id')
          .where('broadcast_id', '=', broadcastId).where('status', '=', 'pending').where('queued', '=', 0).orderBy('seq').limit(room);
        // Conditional on queued = 0: an instance feeding the same rows at once gets none of them.
        const taken = await tx.trx.updateTable('broadcast_recipients').set({ queued: 1, updated_at: tx.now })
          .where('id', 'in', store.engine === 'postgres' ? next.forUpdate().skipLocked() : next).where('queued', '=', 0)
          .returning(['id', 'citizen_key']).execute();
        if (taken.length === 0) return 0;
        const before = new Set((await tx.trx.selectFrom('outbound_work').select('id').where('id', 'in', taken.map((t) => t.id)).execute()).map((r) => r.id));
        for (const t of taken) {
          // Given back earlier (paused, night): the same item, pending again.
          if (before.has(t.id)) await requeueOutbound(tx, t.id);
          else await enqueueOutbound(tx, { id: t.id, kind: BROADCAST_KIND, refId: t.id, orderKey: t.citizen_key });
        }
        return taken.length;
      }, { lockFeedFirst: false });
    },
    async claim(limit, now) {
      const items = await claims.claim({ limit, now, kinds: [BROADCAST_KIND] });
      const found = await loadRecipients(store.db, items);
      const known = new Set(found.map((r) => r.work.id));
      // An item without its recipient row is settled failed, never retried forever.
      for (const w of items) if (!known.has(w.id)) await claims.settle(w, { status: 'failed', error: '받는 사람 기록이 없습니다 (recipient not found)' });
      return found;
    },
    settle(r, outcome, recipient) {
      return claims.settle(r.work, outcome, (tx) => updateRecipient(tx, r.id, recipient).then(() => undefined));
    },
    giveBack(r, why) {
      return claims.settle(r.work, { status: 'failed', error: why }, (tx) => updateRecipient(tx, r.id, { status: 'pending', queued: 0 }).then(() => undefined));
    },
  };
}

/** Pause or cancel: the notice's queued items not in flight leave the queue (in-flight ones settle themselves). */
export async function dequeueWork(tx: WriteTx, broadcastId: string, why: 'paused' | 'cancelled'): Promise<void> {
  const queued = tx.trx.selectFrom('broadcast_recipients').select('id').where('broadcast_id', '=', broadcastId).where('status', '=', 'pending').where('queued', '=', 1);
  const free = await tx.trx.updateTable('outbound_work').set({ status: 'failed', last_error: why, updated_at: tx.now })
    .where('kind', '=', BROADCAST_KIND).where('status', '=', 'pending')
    .where((eb) => eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<=', tx.now)]))
    .where('ref_id', 'in', queued)
    .returning('ref_id').execute();
  if (free.length > 0) {
    await tx.trx.updateTable('broadcast_recipients').set({ queued: 0, updated_at: tx.now }).where('id', 'in', free.map((f) => f.ref_id)).execute();
  }
}

/** Cancel: every unsent recipient not in flight is cancelled; those in flight right now are settled by their sender. */
export async function cancelUnsent(tx: WriteTx, broadcastId: string): Promise<void> {
  await tx.trx.updateTable('broadcast_recipients').set({ status: 'cancelled', updated_at: tx.now })
    .where('broadcast_id', '=', broadcastId).where('status', '=', 'pending').where('queued', '=', 0).execute();
}

/**
 * SQLite: one process owns the file, so a broadcast claim still held at start belongs to the
 * previous process (it died mid-send): free it now instead of after the lease, as the
 * idempotency keys are freed (server/db/store.ts). PostgreSQL may have live claimants: it waits
 * for the lease.
 */
export async function releaseStaleClaimsAtStart(store: Store): Promise<void> {
  if (store.engine !== 'sqlite') return;
  await store.db.updateTable('outbound_work').set({ claimed_until: null, claim_token: null })
    .where('kind', '=', BROADCAST_KIND).where('status', '=', 'pending').where('claimed_until', 'is not', null).execute();
}
