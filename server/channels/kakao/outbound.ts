import { isHttpUrl } from '../../../common/domain/index.js';
import { KAKAO_MESSAGE_MAX_LENGTH, type KakaoButton, type KakaoOutboundMessage } from './event.js';
import type { BackoffPolicy } from '../../../common/retry/index.js';
import type { KakaoInboxPort, KakaoOutbound, PendingDelivery } from './port.js';
import { httpPost, nextAttempt, sendToKakao, type KakaoPost } from './send.js';

export interface OutboundLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export interface KakaoOutboundOptions {
  port: KakaoInboxPort;
  /** KAKAO_SEND_URL; null marks every delivery failed with a message saying so (never silent). */
  sendUrl: string | null;
  senderKey: string;
  logger: OutboundLogger;
  /** The POST to the provider (default httpPost; tests observe or fail sends through it). */
  post?: KakaoPost;
  now?: () => Date;
  /** Attempts before a delivery is marked failed (default 6). */
  maxAttempts?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** Per-request time-out (default 10 s). */
  requestTimeoutMs?: number;
  /** Deliveries claimed per round (default 50; at most one per citizen). */
  batchSize?: number;
  /** Parallel sends (default 4). */
  concurrency?: number;
  /** How often to look for due retries without a poke (default 2 s). */
  pollIntervalMs?: number;
  random?: () => number;
  /** Source page of a programme for a card's link button, when the port does not include it. */
  programmeLink?: (programmeId: string) => Promise<{ url: string | null; name?: string | null } | null>;
  /** Start the loop immediately (default true); tests may drive it with `runOnce`. */
  autoStart?: boolean;
}

export interface KakaoOutboundStats {
  delivered: number;
  retried: number;
  failed: number;
}

export interface KakaoOutboundLoop extends KakaoOutbound {
  /** Sends everything due now, once; resolves when those sends have settled. */
  runOnce(): Promise<number>;
  stats(): KakaoOutboundStats;
}


/**
 * The outbound half of the channel: a loop that claims due deliveries from the port and POSTs them
 * to KAKAO_SEND_URL. 2xx = delivered; 429, 5xx, time-outs and network errors are retried with
 * backoff (honouring Retry-After) up to maxAttempts; any other 4xx is a permanent failure recorded
 * with the provider's message. Order and exactly-once are the claim's (the database's) business:
 * it hands out at most one item per citizen, the earliest not yet settled, leased to this process,
 * so a citizen never reads replies out of order whichever server instance sends them.
 */
export function createKakaoOutbound(options: KakaoOutboundOptions): KakaoOutboundLoop {
  const {
    port, sendUrl, senderKey, logger, maxAttempts = 6, requestTimeoutMs = 10_000, batchSize = 50, concurrency = 4,
    pollIntervalMs = 2_000,
  } = options;
  const post = options.post ?? httpPost;
  const now = options.now ?? (() => new Date());
  const policy: BackoffPolicy = { baseMs: options.baseDelayMs ?? 1_000, capMs: options.maxDelayMs ?? 5 * 60_000 };
  const random = options.random ?? Math.random;
  const stats: KakaoOutboundStats = { delivered: 0, retried: 0, failed: 0 };
  /** Epoch ms of the earliest retry this process scheduled: the loop wakes for it. */
  let nextRetryAt = Number.POSITIVE_INFINITY;

  let closed = false;
  let poked = false;
  let wake: (() => void) | null = null;
  let current: Promise<number> | null = null;
  let lastFetched = 0;

  async function buttonsFor(d: PendingDelivery): Promise<KakaoButton[] | undefined> {
    if (d.kind !== 'programme_card' || !d.programmeId) return undefined;
    let url = d.programmeUrl ?? null;
    if (!isHttpUrl(url) && options.programmeLink) {
      url = (await options.programmeLink(d.programmeId).catch(() => null))?.url ?? null;
    }
    if (!isHttpUrl(url)) return undefined;
    return [{ name: '자세히 보기', type: 'WL', url_mobile: url, url_pc: url }];
  }

  async function payloadOf(d: PendingDelivery): Promise<KakaoOutboundMessage> {
    const buttons = await buttonsFor(d);
    const name = d.programmeName?.trim();
    const message = d.kind === 'programme_card' && name && !d.body.includes(name) ? `[${name}]\n${d.body}` : d.body;
    return {
      serial_number: d.messageId,
      sender_key: senderKey,
      user_key: d.userKey,
      message_type: 'TX',
      message: message.slice(0, KAKAO_MESSAGE_MAX_LENGTH),
      ...(buttons ? { buttons } : {}),
    };
  }

  async function settle(d: PendingDelivery, outcome: Parameters<KakaoInboxPort['setDelivery']>[1]): Promise<void> {
    // A lost lease means another instance took the item over (this send outlived it): its outcome is theirs to record.
    if (!(await port.setDelivery(d, outcome))) logger.warn({ messageId: d.messageId }, 'kakao delivery: the claim expired before the outcome was recorded');
  }

  /** 'failed' once attempts run out (later messages may go), otherwise 'retry' (they wait). */
  async function retryOrFail(d: PendingDelivery, error: string, retryAfterMs: number | null): Promise<'failed' | 'retry'> {
    const attempt = d.attempts + 1;
    const next = nextAttempt(attempt, maxAttempts, error, retryAfterMs, policy, random, now());
    if (next.giveUp) {
      stats.failed++;
      logger.error({ messageId: d.messageId, attempt, error }, 'kakao delivery failed for good');
      await settle(d, { status: 'failed', error: next.error });
      return 'failed';
    }
    stats.retried++;
    nextRetryAt = Math.min(nextRetryAt, next.at.getTime());
    logger.warn({ messageId: d.messageId, attempt, delayMs: next.at.getTime() - now().getTime(), error }, 'kakao delivery will be retried');
    await settle(d, { status: 'pending', error: error.slice(0, 500), nextAttemptAt: next.at });
    return 'retry';
  }

  async function deliver(d: PendingDelivery): Promise<'delivered' | 'failed' | 'retry'> {
    const sent = await sendToKakao({ sendUrl, post, requestTimeoutMs, now }, await payloadOf(d));
    if (sent.outcome === 'delivered') {
      stats.delivered++;
      await settle(d, { status: 'delivered' });
      return 'delivered';
    }
    if (sent.outcome === 'retry') return retryOrFail(d, sent.error, sent.retryAfterMs);
    stats.failed++;
    if (sent.status !== null) logger.error({ messageId: d.messageId, status: sent.status, error: sent.error }, 'kakao rejected the message');
    await settle(d, { status: 'failed', error: sent.error });
    return 'failed';
  }

  /** One claim and its sends; returns how many deliveries it attempted. */
  async function round(): Promise<number> {
    const due = await port.claimDeliveries(batchSize, now());
    lastFetched = due.length;
    const queue = [...due];
    let attempted = 0;
    const workers = Array.from({ length: Math.min(concurrency, queue.length) }, async () => {
      for (let d = queue.shift(); d; d = queue.shift()) {
        attempted++;
        await deliver(d).catch((err: unknown) => {
          // The claim's lease runs out and the item is claimed again: late, never lost.
          logger.error({ err, messageId: d.messageId }, 'kakao delivery: recording the outcome failed');
        });
      }
    });
    await Promise.all(workers);
    return attempted;
  }

  /** Rounds until nothing more is due now (a citizen's next item becomes claimable once the one before is settled). */
  async function drain(): Promise<number> {
    let total = 0;
    for (let rounds = 0; rounds < 50; rounds++) {
      const attempted = await round();
      total += attempted;
      if (attempted === 0) break;
    }
    return total;
  }

  function runOnce(): Promise<number> {
    // One round at a time: a poke during a round is remembered and runs the next one.
    current ??= drain().finally(() => {
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
    while (!closed) {
      poked = false;
      let attempted = 0;
      try {
        attempted = await runOnce();
      } catch (err) {
        logger.error({ err }, 'kakao outbound round failed; will try again');
      }
      if (closed) break;
      // Progress means more may be due right now (drain stops after a bounded number of rounds).
      if (poked || (attempted > 0 && lastFetched > 0)) continue;
      const untilRetry = nextRetryAt - now().getTime();
      if (untilRetry <= 0) nextRetryAt = Number.POSITIVE_INFINITY;
      // Other instances' writes are found by this poll (their pokes reach their own loop).
      await sleep(Math.max(10, Math.min(pollIntervalMs, untilRetry <= 0 ? pollIntervalMs : untilRetry)));
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
