import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import type { Store, WriteTx } from '../db/store.js';
import { createWriteQueue } from '../db/write-queue.js';

/**
 * Outbound work claimed in the database with a lease (table outbound_work, migration 004), the
 * one mechanism through which every server instance sends to citizens: replies, automatic
 * notices, broadcasts. It guarantees
 * - exactly-once claiming across instances: a claim is `UPDATE … WHERE id IN (SELECT … FOR
 *   UPDATE SKIP LOCKED)` on PostgreSQL (one statement on SQLite's single writer), leased until
 *   `claimed_until`; a crashed claimant's items become claimable again when the lease runs out,
 *   and the provider recognises the redelivery by its serial_number (the item id);
 * - order per citizen: an item is claimable only while no earlier item of the same `order_key`
 *   is still pending (claimed, waiting for a retry or not yet tried) — inside the claim query, so
 *   it holds whichever instance sends.
 *
 * A kind of work plugs in with enqueueOutbound() in the transaction that writes its record, and
 * an OutboundKind that says what to send (load) and records the outcome in its own tables
 * (settle, in the transaction that releases the claim).
 */

export type OutboundStatus = 'pending' | 'delivered' | 'failed';

/** What a claim returns: one item, leased to this claimant until `claimedUntil`. */
export interface ClaimedWork {
  /** The item's uuid: the provider's serial_number. */
  id: string;
  kind: string;
  /** The record the kind delivers (message id, broadcast recipient id …). */
  refId: string;
  orderKey: string;
  /** Attempts made before this claim. */
  attempts: number;
  claimToken: string;
  claimedUntil: string;
}

export type OutboundOutcome =
  | { status: 'delivered' }
  | { status: 'failed'; error: string }
  | { status: 'retry'; error: string; nextAttemptAt: Date };

/** What the channel sends for one item (the Kakao send API's fields, before the wire format). */
export interface OutboundPayload {
  userKey: string;
  /** The conversation the item belongs to, if any (for logs and the counsellor's view). */
  conversationId: string | null;
  kind: 'text' | 'programme_card';
  body: string;
  programmeId: string | null;
  programmeUrl?: string | null;
  programmeName?: string | null;
}

/** One kind of outbound work (reply, broadcast …). */
export interface OutboundKind {
  kind: string;
  /**
   * What to send for these claimed items, read outside any write transaction. An item left out
   * of the map is settled failed ("record not found"), never silently dropped.
   */
  load(db: Kysely<Database>, items: readonly ClaimedWork[]): Promise<Map<string, OutboundPayload>>;
  /**
   * Records the outcomes in the kind's own tables (status, error, change feed), in the same
   * transaction that releases the claims: every item settled in that transaction, in one call.
   * Not called for an item whose claim was lost (lease expired and taken over), since the new
   * claimant records its own outcome.
   */
  settle: KindSettle;
}

/** One claimed item and the outcome of its send. */
export interface SettledWork {
  item: ClaimedWork;
  outcome: OutboundOutcome;
}

export type KindSettle = (tx: WriteTx, settled: readonly SettledWork[]) => Promise<void>;

export interface NewOutboundWork {
  /** uuid; the provider's serial_number. A reply uses its message id. */
  id: string;
  kind: string;
  refId: string;
  /** The citizen (Kakao user_key): its items are sent one at a time, in enqueue order. */
  orderKey: string;
  /** Not before this time (quiet hours of a broadcast); default now. */
  notBefore?: Date;
}

/** Queues one item in the caller's write transaction (commits with the record it delivers). */
export async function enqueueOutbound(tx: WriteTx, work: NewOutboundWork): Promise<void> {
  await tx.later(tx.trx
    .insertInto('outbound_work')
    .values({
      id: work.id, kind: work.kind, ref_id: work.refId, order_key: work.orderKey, status: 'pending', attempts: 0,
      next_attempt_at: work.notBefore?.toISOString() ?? null, claimed_until: null, claim_token: null, last_error: null, created_at: tx.now, updated_at: tx.now,
    }));
}

/**
 * Makes a settled item pending again (a counsellor's "다시 보내기" of a failed reply). It goes
 * behind nothing: its place in the citizen's order is where it was first queued. Returns false
 * when there is no such item.
 */
export async function requeueOutbound(tx: WriteTx, id: string): Promise<boolean> {
  const r = await tx.trx
    .updateTable('outbound_work')
    .set({ status: 'pending', attempts: 0, next_attempt_at: null, claimed_until: null, claim_token: null, last_error: null, updated_at: tx.now })
    .where('id', '=', id)
    .where('status', '!=', 'pending')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

export interface ClaimOptions {
  limit: number;
  now: Date;
  /** Only these kinds (default: every kind). */
  kinds?: readonly string[];
}

export interface OutboundClaims {
  /** Leases up to `limit` due items, at most one per citizen (its earliest unsettled), oldest first. */
  claim(opts: ClaimOptions): Promise<ClaimedWork[]>;
  /**
   * Records the outcome and releases the claim in one transaction, with the kind's settle().
   * Returns false when the claim was no longer this claimant's (its lease ran out and another
   * instance took the item over): nothing is written then. Settles made while one is being
   * written share the next transaction (one commit, one feed notice for a round of sends).
   */
  settle(item: ClaimedWork, outcome: OutboundOutcome, kindSettle?: KindSettle): Promise<boolean>;
}

export interface OutboundClaimsOptions {
  /**
   * How long a claim holds (default 60 s). Longer than a send can take (its time-out), so that a
   * live claimant never loses its item; short enough that a crashed one's items go out soon.
   */
  leaseMs?: number;
}

const ERROR_MAX = 500;
/** Settles written in one transaction at most. */
const SETTLE_BATCH_MAX = 100;

interface QueuedSettle extends SettledWork {
  kindSettle: KindSettle | undefined;
}

/**
 * Releases the claims of these items with their outcome; returns the ids still held by their
 * claimant (the others were taken over and are left alone). Delivered items share one
 * statement; a retry or failure carries its own error and time.
 */
async function releaseClaims(tx: WriteTx, settled: readonly SettledWork[]): Promise<Set<string>> {
  const held = new Set<string>();
  const released = (rows: { id: string }[]) => rows.forEach((r) => held.add(r.id));
  const delivered = settled.filter((s) => s.outcome.status === 'delivered');
  if (delivered.length > 0) {
    released(await tx.trx
      .updateTable('outbound_work')
      .set({ status: 'delivered', next_attempt_at: null, last_error: null, claimed_until: null, claim_token: null, updated_at: tx.now })
      .where((eb) => eb.or(delivered.map(({ item }) => eb.and([eb('id', '=', item.id), eb('claim_token', '=', item.claimToken)]))))
      .returning('id')
      .execute());
  }
  for (const { item, outcome } of settled) {
    if (outcome.status === 'delivered') continue;
    released(await tx.trx
      .updateTable('outbound_work')
      .set({
        status: outcome.status === 'retry' ? 'pending' : outcome.status,
        next_attempt_at: outcome.status === 'retry' ? outcome.nextAttemptAt.toISOString() : null,
        last_error: outcome.error.slice(0, ERROR_MAX),
        claimed_until: null,
        claim_token: null,
        updated_at: tx.now,
      })
      .where('id', '=', item.id)
      .where('claim_token', '=', item.claimToken)
      .returning('id')
      .execute());
  }
  return held;
}

export function createOutboundClaims(store: Store, options: OutboundClaimsOptions = {}): OutboundClaims {
  const leaseMs = options.leaseMs ?? 60_000;
  /** One transaction: release the claims, then each kind records its items' outcomes. */
  const write = (batch: readonly QueuedSettle[]) => store.write(null, async (tx) => {
    const held = await releaseClaims(tx, batch);
    // Grouped by the kind's settle (a reply kind gets every reply at once; a closure its own item).
    const byKind = new Map<KindSettle, SettledWork[]>();
    for (const q of batch) {
      if (!q.kindSettle || !held.has(q.item.id)) continue;
      const group = byKind.get(q.kindSettle) ?? [];
      group.push({ item: q.item, outcome: q.outcome });
      byKind.set(q.kindSettle, group);
    }
    for (const [kindSettle, group] of byKind) await kindSettle(tx, group);
    return batch.map((q) => held.has(q.item.id));
  }, { lockFeedFirst: false });
  // The sends happened: one item whose record cannot be written must not lose the others' outcomes.
  const settles = createWriteQueue<QueuedSettle, boolean>({ write, take: (queued) => Math.min(queued.length, SETTLE_BATCH_MAX), isolateFailures: true });

  return {
    async claim({ limit, now, kinds }) {
      const at = now.toISOString();
      const until = new Date(now.getTime() + leaseMs).toISOString();
      const token = randomUUID();
      // The claim is one write; on SQLite it goes through the one writer like every write.
      return store.write(null, async (tx) => {
        let due = tx.trx
          .selectFrom('outbound_work as w')
          .select('w.ord')
          .where('w.status', '=', 'pending')
          .where((eb) => eb.or([eb('w.next_attempt_at', 'is', null), eb('w.next_attempt_at', '<=', at)]))
          .where((eb) => eb.or([eb('w.claimed_until', 'is', null), eb('w.claimed_until', '<=', at)]))
          // Per-citizen order: nothing earlier of this citizen may still be pending (claimed by
          // anyone, waiting for its retry, or not yet tried).
          .where(({ not, exists, selectFrom }) =>
            not(exists(
              selectFrom('outbound_work as e')
                .select('e.ord')
                .whereRef('e.order_key', '=', 'w.order_key')
                .where('e.status', '=', 'pending')
                .whereRef('e.ord', '<', 'w.ord'),
            )))
          .orderBy('w.ord')
          .limit(limit);
        if (kinds && kinds.length > 0) due = due.where('w.kind', 'in', kinds);
        // Two instances claiming at once skip each other's rows instead of waiting or doubling.
        if (store.engine === 'postgres') due = due.forUpdate().skipLocked();
        const rows = await tx.trx
          .updateTable('outbound_work')
          .set((eb) => ({ claimed_until: until, claim_token: token, attempts: eb('attempts', '+', 1), updated_at: at }))
          .where('ord', 'in', due)
          .returning(['ord', 'id', 'kind', 'ref_id', 'order_key', 'attempts'])
          .execute();
        return rows
          .sort((a, b) => Number(a.ord) - Number(b.ord))
          .map((r) => ({
            id: r.id, kind: r.kind, refId: r.ref_id, orderKey: r.order_key, attempts: r.attempts - 1, claimToken: token, claimedUntil: until,
          }));
      }, { lockFeedFirst: false });
    },

    settle(item, outcome, kindSettle) {
      return settles.push({ item, outcome, kindSettle });
    },
  };
}
