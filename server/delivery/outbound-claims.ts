import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import type { Store, WriteTx } from '../db/store.js';

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
   * Records the outcome in the kind's own tables (status, error, change feed), in the same
   * transaction that releases the claim. Not called when the claim was lost (lease expired and
   * taken over), since the new claimant records its own outcome.
   */
  settle(tx: WriteTx, item: ClaimedWork, outcome: OutboundOutcome): Promise<void>;
}

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
   * instance took the item over): nothing is written then.
   */
  settle(item: ClaimedWork, outcome: OutboundOutcome, kindSettle?: OutboundKind['settle']): Promise<boolean>;
}

export interface OutboundClaimsOptions {
  /**
   * How long a claim holds (default 60 s). Longer than a send can take (its time-out), so that a
   * live claimant never loses its item; short enough that a crashed one's items go out soon.
   */
  leaseMs?: number;
}

const ERROR_MAX = 500;

export function createOutboundClaims(store: Store, options: OutboundClaimsOptions = {}): OutboundClaims {
  const leaseMs = options.leaseMs ?? 60_000;
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

    async settle(item, outcome, kindSettle) {
      return store.write(null, async (tx) => {
        const released = await tx.trx
          .updateTable('outbound_work')
          .set({
            status: outcome.status === 'retry' ? 'pending' : outcome.status,
            next_attempt_at: outcome.status === 'retry' ? outcome.nextAttemptAt.toISOString() : null,
            last_error: outcome.status === 'delivered' ? null : outcome.error.slice(0, ERROR_MAX),
            claimed_until: null,
            claim_token: null,
            updated_at: tx.now,
          })
          .where('id', '=', item.id)
          .where('claim_token', '=', item.claimToken)
          .executeTakeFirst();
        if (Number(released.numUpdatedRows) === 0) return false;
        await kindSettle?.(tx, item, outcome);
        return true;
      }, { lockFeedFirst: false });
    },
  };
}
