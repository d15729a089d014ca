import { noticeText } from '../../common/subscriptions/index.js';
import type { BackoffPolicy } from '../../common/retry/index.js';
import { KAKAO_MESSAGE_MAX_LENGTH, type KakaoButton, type KakaoOutboundMessage } from '../channels/kakao/event.js';
import type { OutboundLogger } from '../channels/kakao/outbound.js';
import { httpPost, nextAttempt, sendToKakao, type KakaoPost } from '../channels/kakao/send.js';
import type { Store } from '../db/store.js';
import { stillSubscribed } from '../subscriptions/store.js';
import type { OutboundOutcome } from '../delivery/outbound-claims.js';
import { createBroadcastClaims, releaseStaleClaimsAtStart, type ClaimedRecipient, type RecipientUpdate } from './claims.js';
import { isQuiet, type QuietHours } from './quiet-hours.js';
import { getRecord, saveRecord, type BroadcastRecord } from './store.js';

/** The wire of a notice: the reply format of DESIGN.md §3 plus the notice it belongs to. */
export type BroadcastWireMessage = KakaoOutboundMessage & { broadcast_id: string };

export interface BroadcastSenderOptions {
  store: Store;
  /** KAKAO_SEND_URL; null marks every recipient failed with a message saying so (never silent). */
  sendUrl: string | null;
  senderKey: string;
  logger: OutboundLogger;
  /** Messages per second from this instance; 0 = unlimited (benchmarks). */
  ratePerSecond: number;
  quietHours: QuietHours | null;
  now?: () => Date;
  /** The POST to the provider (default httpPost; tests observe or fail sends through it). */
  post?: KakaoPost;
  maxAttempts?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  requestTimeoutMs?: number;
  /** How long a claim holds before another instance may take the row (default 60 s + the batch's pacing). */
  leaseMs?: number;
  pollIntervalMs?: number;
  /** Recipients claimed at a time (default: one second's worth at the rate, 100 when unlimited). */
  batchSize?: number;
  /** Parallel POSTs (default 8). */
  concurrency?: number;
  random?: () => number;
  /** A programme's source page, for a "자세히 보기" button when the notice names a programme. */
  programmeLink?: (programmeId: string) => Promise<string | null>;
  autoStart?: boolean;
}

export interface BroadcastSenderStats {
  delivered: number;
  retried: number;
  failed: number;
  optedOut: number;
}

export interface BroadcastSender {
  poke(): void;
  close(): Promise<void>;
  runOnce(): Promise<number>;
  stats(): BroadcastSenderStats;
}

/** Re-read a notice's status this often while sending, so that a cancel or pause stops the rest soon. */
const STATUS_REFRESH_MS = 250;

/**
 * Sends approved notices to their frozen audience through KAKAO_SEND_URL, one claimed batch at a
 * time (claims.ts), paced to ratePerSecond, never in quiet hours. Each recipient is re-checked
 * right before its send: one who unsubscribed meanwhile is skipped as opted_out. Outcomes are
 * as for replies: 2xx delivered; 429/408/5xx/time-out/network retried with backoff (Retry-After
 * honoured) up to maxAttempts; other 4xx failed with the provider's message. The serial_number
 * is the recipient row's id, so a send repeated after a crash (the one in flight when the
 * process died) carries the same serial and the provider can drop it.
 */
export function createBroadcastSender(options: BroadcastSenderOptions): BroadcastSender {
  const { store, sendUrl, senderKey, logger, quietHours, maxAttempts = 6, requestTimeoutMs = 10_000, pollIntervalMs = 1_000, concurrency = 8 } = options;
  const post = options.post ?? httpPost;
  const now = options.now ?? (() => new Date());
  const policy: BackoffPolicy = { baseMs: options.baseDelayMs ?? 1_000, capMs: options.maxDelayMs ?? 5 * 60_000 };
  const random = options.random ?? Math.random;
  const interval = options.ratePerSecond > 0 ? 1000 / options.ratePerSecond : 0;
  // Small claims spread one notice over the instances and bound what a crash leaves to its lease.
  const batchSize = options.batchSize ?? (interval > 0 ? Math.max(1, Math.min(500, Math.ceil(options.ratePerSecond))) : 100);
  const stats: BroadcastSenderStats = { delivered: 0, retried: 0, failed: 0, optedOut: 0 };
  const db = store.db;
  const claims = createBroadcastClaims(store, options.leaseMs ?? 60_000 + batchSize * interval);

  let closed = false;
  let poked = false;
  let wake: (() => void) | null = null;
  let current: Promise<number> | null = null;
  let nextSlot = 0;

  /** Waits for this instance's next send slot (rate limit); shared by the parallel workers. */
  async function pace(): Promise<void> {
    if (interval === 0) return;
    const t = performance.now();
    const slot = Math.max(nextSlot, t);
    nextSlot = slot + interval;
    if (slot > t) await new Promise((r) => setTimeout(r, slot - t));
  }

  async function buttonsOf(b: BroadcastRecord): Promise<KakaoButton[] | undefined> {
    const buttons: KakaoButton[] = b.buttons.map((x) => ({ name: x.name, type: 'WL', url_mobile: x.url, url_pc: x.url }));
    if (b.programmeId && buttons.length < 2 && options.programmeLink) {
      const url = await options.programmeLink(b.programmeId).catch(() => null);
      if (url?.startsWith('https://')) buttons.push({ name: '자세히 보기', type: 'WL', url_mobile: url, url_pc: url });
    }
    return buttons.length > 0 ? buttons : undefined;
  }

  const settle = async (r: ClaimedRecipient, outcome: OutboundOutcome, recipient: RecipientUpdate) => {
    if (!(await claims.settle(r, outcome, recipient))) logger.warn({ recipientId: r.id }, 'broadcast delivery: the claim expired before the outcome was recorded');
  };

  async function deliver(b: BroadcastRecord, buttons: KakaoButton[] | undefined, r: ClaimedRecipient): Promise<void> {
    const attempts = r.attempts + 1;
    const wire: BroadcastWireMessage = {
      serial_number: r.id,
      sender_key: senderKey,
      user_key: r.citizenKey,
      message_type: 'TX',
      message: noticeText(b.title, b.body).slice(0, KAKAO_MESSAGE_MAX_LENGTH),
      ...(buttons ? { buttons } : {}),
      broadcast_id: b.id,
    };
    const sent = await sendToKakao({ sendUrl, post, requestTimeoutMs, now }, wire);
    if (sent.outcome === 'delivered') {
      stats.delivered++;
      await settle(r, { status: 'delivered' }, { status: 'delivered', attempts, error: null, sentAt: now().toISOString() });
      return;
    }
    if (sent.outcome === 'retry') {
      const next = nextAttempt(attempts, maxAttempts, sent.error, sent.retryAfterMs, policy, random, now());
      if (!next.giveUp) {
        stats.retried++;
        await settle(r, { status: 'retry', error: sent.error, nextAttemptAt: next.at }, { status: 'pending', attempts, error: sent.error });
        return;
      }
      logger.error({ recipientId: r.id, broadcastId: b.id, attempts, error: sent.error }, 'broadcast delivery failed for good');
      stats.failed++;
      await settle(r, { status: 'failed', error: next.error }, { status: 'failed', attempts, error: next.error });
      return;
    }
    stats.failed++;
    await settle(r, { status: 'failed', error: sent.error }, { status: 'failed', attempts, error: sent.error });
  }

  /** Right before the send: one who unsubscribed since approval is skipped (opted_out), not sent. */
  async function optedOut(b: BroadcastRecord, r: ClaimedRecipient): Promise<boolean> {
    if ((await stillSubscribed(db, [r.citizenKey], b.topics)).has(r.citizenKey)) return false;
    stats.optedOut++;
    await settle(r, { status: 'failed', error: 'opted out' }, { status: 'opted_out' });
    return true;
  }

  /** Gives an item back unsent (night, paused, shutting down): fed again when the notice sends again. */
  async function giveBack(r: ClaimedRecipient, why: 'quiet' | 'paused' | 'closing'): Promise<void> {
    await claims.giveBack(r, why === 'quiet' ? 'quiet hours' : why);
  }

  async function sendBatch(b: BroadcastRecord, batch: ClaimedRecipient[]): Promise<number> {
    const queue = [...batch];
    const buttons = await buttonsOf(b);
    let attempted = 0;
    let statusCheckedAt = performance.now();
    let stop: 'quiet' | 'paused' | 'cancelled' | 'closing' | null = null;
    const worker = async () => {
      for (let r = queue.shift(); r; r = queue.shift()) {
        if (!stop && r.status !== 'pending') {
          // Cancelled (or settled) meanwhile: the item is done, nothing is sent.
          await settle(r, { status: 'failed', error: r.status }, { status: r.status as RecipientUpdate['status'] });
          continue;
        }
        if (!stop && (await optedOut(b, r))) {
          attempted++;
          continue;
        }
        if (!stop) {
          await pace();
          if (performance.now() - statusCheckedAt > STATUS_REFRESH_MS) {
            statusCheckedAt = performance.now();
            const fresh = await getRecord(db, b.id);
            if (!fresh || fresh.status !== 'sending') stop = fresh?.status === 'cancelled' ? 'cancelled' : 'paused';
          }
          if (isQuiet(quietHours, now())) stop = 'quiet';
          if (closed) stop = 'closing';
        }
        if (stop === 'cancelled') {
          await settle(r, { status: 'failed', error: 'cancelled' }, { status: 'cancelled' });
          continue;
        }
        if (stop) {
          await giveBack(r, stop);
          continue;
        }
        attempted++;
        await deliver(b, buttons, r).catch((err: unknown) => {
          logger.error({ err, recipientId: r.id }, 'broadcast delivery: recording the outcome failed');
        });
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, queue.length) }, worker));
    return attempted;
  }

  /** scheduled -> sending once due; pausedReason follows the quiet hours. */
  async function updateStates(at: Date): Promise<BroadcastRecord[]> {
    const iso = at.toISOString();
    const quiet = isQuiet(quietHours, at);
    const rows = await db.selectFrom('broadcasts').select('id').where('status', 'in', ['scheduled', 'sending']).execute();
    const sending: BroadcastRecord[] = [];
    for (const { id } of rows) {
      const r = await store.write(null, async (tx) => {
        const b = await getRecord(tx.trx, id);
        if (!b) return null;
        let next = b;
        if (b.status === 'scheduled' && (b.scheduledAt === null || b.scheduledAt <= iso)) next = { ...next, status: 'sending' };
        if (next.status !== 'sending') return null;
        const reason = quiet ? 'quiet-hours' : null;
        if (next.pausedReason !== reason) next = { ...next, pausedReason: reason };
        if (next !== b) {
          next = { ...next, updatedAt: tx.now, version: b.version + 1 };
          await saveRecord(tx, next, false);
          if (b.status !== next.status) await tx.audit('broadcast-start', 'broadcast', b.id, b.title);
        }
        return next;
      }, { lockFeedFirst: false });
      if (r) sending.push(r);
    }
    return quiet ? [] : sending;
  }

  async function completeIfDone(b: BroadcastRecord): Promise<void> {
    const left = await db.selectFrom('broadcast_recipients').select('id').where('broadcast_id', '=', b.id).where('status', '=', 'pending').limit(1).executeTakeFirst();
    if (left) return;
    await store.write(null, async (tx) => {
      const fresh = await getRecord(tx.trx, b.id);
      if (!fresh || fresh.status !== 'sending') return;
      await saveRecord(tx, { ...fresh, status: 'sent', pausedReason: null, completedAt: tx.now, updatedAt: tx.now, version: fresh.version + 1 }, false);
      await tx.audit('broadcast-sent', 'broadcast', b.id, fresh.title);
    }, { lockFeedFirst: false });
  }

  async function round(): Promise<number> {
    const at = now();
    const sending = await updateStates(at);
    if (sending.length === 0) return 0;
    for (const b of sending) await claims.feed(b.id, batchSize * 2);
    const claimed = await claims.claim(batchSize, at);
    const byBroadcast = new Map<string, ClaimedRecipient[]>();
    for (const r of claimed) byBroadcast.set(r.broadcastId, [...(byBroadcast.get(r.broadcastId) ?? []), r]);
    let attempted = 0;
    for (const [broadcastId, batch] of byBroadcast) {
      const b = sending.find((x) => x.id === broadcastId) ?? (await getRecord(db, broadcastId));
      if (!b || b.status !== 'sending') {
        // Paused or cancelled since its items were queued: give them back (pause) or close them.
        for (const r of batch) {
          if (b?.status === 'cancelled' || r.status !== 'pending') await settle(r, { status: 'failed', error: 'cancelled' }, { status: r.status === 'pending' ? 'cancelled' : (r.status as RecipientUpdate['status']) });
          else await giveBack(r, 'paused');
        }
        continue;
      }
      attempted += await sendBatch(b, batch);
      if (closed) break;
    }
    for (const b of sending) if (!byBroadcast.has(b.id)) await completeIfDone(b);
    return attempted;
  }

  function runOnce(): Promise<number> {
    current ??= round().finally(() => {
      current = null;
    });
    return current;
  }

  function sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      timer.unref?.();
      function done() {
        clearTimeout(timer);
        wake = null;
        resolve();
      }
      wake = done;
    });
  }

  async function loop(): Promise<void> {
    await releaseStaleClaimsAtStart(store).catch((err: unknown) => logger.warn({ err }, 'broadcast claims: could not free stale claims'));
    while (!closed) {
      poked = false;
      let attempted = 0;
      try {
        attempted = await runOnce();
      } catch (err) {
        logger.error({ err }, 'broadcast sender round failed; will try again');
      }
      if (closed) break;
      if (poked || attempted > 0) continue;
      await sleep(pollIntervalMs);
    }
  }

  const running = options.autoStart === false ? Promise.resolve() : loop();
  return {
    poke() {
      poked = true;
      wake?.();
    },
    async close() {
      closed = true;
      wake?.();
      await running;
      await current;
    },
    runOnce,
    stats: () => ({ ...stats }),
  };
}
