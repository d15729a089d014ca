import { isHttpUrl } from '../../../common/domain/index.js';
import { KAKAO_MESSAGE_MAX_LENGTH, type KakaoButton, type KakaoOutboundMessage } from './event.js';
import { parseRetryAfter, retryDelay, type BackoffPolicy } from './backoff.js';
import type { KakaoInboxPort, KakaoOutbound, PendingDelivery } from './port.js';

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
  fetch?: typeof globalThis.fetch;
  now?: () => Date;
  /** Attempts before a delivery is marked failed (default 6). */
  maxAttempts?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** Per-request time-out (default 10 s). */
  requestTimeoutMs?: number;
  /** Deliveries fetched per round (default 50). */
  batchSize?: number;
  /** Parallel conversations per round (default 4); one conversation's messages go in order. */
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


/** What the provider said, for the counsellor's "failed" badge: the JSON message or the text. */
async function providerMessage(res: Response): Promise<string> {
  const text = (await res.text().catch(() => '')).trim();
  let said = text;
  try {
    const json: unknown = JSON.parse(text);
    if (json && typeof json === 'object') {
      const o = json as Record<string, unknown>;
      const candidate = o.message ?? o.detail ?? o.error ?? o.title;
      if (typeof candidate === 'string') said = candidate;
    }
  } catch {
    // not JSON: keep the text
  }
  return `카카오 발송 실패 HTTP ${res.status}${said ? `: ${said}` : ''}`.slice(0, 500);
}

/**
 * The outbound half of the channel: a loop that takes due deliveries from the port and POSTs them
 * to KAKAO_SEND_URL. 2xx = delivered; 429, 5xx, time-outs and network errors are retried with
 * backoff (honouring Retry-After) up to maxAttempts; any other 4xx is a permanent failure recorded
 * with the provider's message. A conversation whose message waits for a retry holds its later
 * messages back, so a citizen never reads replies out of order (within this process).
 */
export function createKakaoOutbound(options: KakaoOutboundOptions): KakaoOutboundLoop {
  const {
    port, sendUrl, senderKey, logger, maxAttempts = 6, requestTimeoutMs = 10_000, batchSize = 50, concurrency = 4,
    pollIntervalMs = 2_000,
  } = options;
  const fetchImpl = options.fetch ?? globalThis.fetch;
  const now = options.now ?? (() => new Date());
  const policy: BackoffPolicy = { baseMs: options.baseDelayMs ?? 1_000, capMs: options.maxDelayMs ?? 5 * 60_000, random: options.random ?? Math.random };
  const stats: KakaoOutboundStats = { delivered: 0, retried: 0, failed: 0 };
  /** conversationId -> epoch ms until which its later messages wait for an earlier retry. */
  const heldUntil = new Map<string, number>();

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

  /** 'failed' once attempts run out (later messages may go), otherwise 'retry' (they wait). */
  async function retryOrFail(d: PendingDelivery, error: string, retryAfterMs: number | null): Promise<'failed' | 'retry'> {
    const attempt = d.attempts + 1;
    if (attempt >= maxAttempts) {
      stats.failed++;
      logger.error({ messageId: d.messageId, attempt, error }, 'kakao delivery failed for good');
      await port.setDelivery(d.messageId, { status: 'failed', error: `${attempt}회 시도 후 실패: ${error}`.slice(0, 500) });
      return 'failed';
    }
    const delay = retryDelay(attempt, retryAfterMs, policy);
    const nextAttemptAt = new Date(now().getTime() + delay);
    stats.retried++;
    heldUntil.set(d.conversationId, nextAttemptAt.getTime());
    logger.warn({ messageId: d.messageId, attempt, delayMs: delay, error }, 'kakao delivery will be retried');
    await port.setDelivery(d.messageId, { status: 'pending', error: error.slice(0, 500), nextAttemptAt });
    return 'retry';
  }

  async function deliver(d: PendingDelivery): Promise<'delivered' | 'failed' | 'retry'> {
    if (!sendUrl) {
      stats.failed++;
      await port.setDelivery(d.messageId, { status: 'failed', error: 'KAKAO_SEND_URL이 설정되지 않아 카카오톡으로 보낼 수 없습니다 (KAKAO_SEND_URL is not set).' });
      return 'failed';
    }
    let res: Response;
    try {
      res = await fetchImpl(sendUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json; charset=utf-8' },
        body: JSON.stringify(await payloadOf(d)),
        signal: AbortSignal.timeout(requestTimeoutMs),
      });
    } catch (err) {
      const reason = err instanceof Error && err.name === 'TimeoutError' ? `응답 시간 초과 (${requestTimeoutMs} ms)` : `연결 실패: ${(err as Error).message}`;
      return retryOrFail(d, reason, null);
    }
    if (res.ok) {
      await res.body?.cancel().catch(() => undefined);
      stats.delivered++;
      await port.setDelivery(d.messageId, { status: 'delivered' });
      return 'delivered';
    }
    const said = await providerMessage(res);
    if (res.status === 429 || res.status === 408 || res.status >= 500) {
      return retryOrFail(d, said, parseRetryAfter(res.headers.get('retry-after'), now()));
    }
    stats.failed++;
    logger.error({ messageId: d.messageId, status: res.status, error: said }, 'kakao rejected the message');
    await port.setDelivery(d.messageId, { status: 'failed', error: said });
    return 'failed';
  }

  /** One conversation's due messages, in order; stops at the first that has to wait. */
  async function deliverInOrder(queue: PendingDelivery[]): Promise<number> {
    let attempted = 0;
    for (const d of queue) {
      attempted++;
      const outcome = await deliver(d).catch((err: unknown) => {
        logger.error({ err, messageId: d.messageId }, 'kakao delivery: recording the outcome failed');
        return 'retry' as const;
      });
      if (outcome === 'retry') return attempted;
    }
    return attempted;
  }

  /** One pass over what is due; returns how many deliveries it attempted. */
  async function round(): Promise<number> {
    const at = now().getTime();
    for (const [conversationId, until] of heldUntil) if (until <= at) heldUntil.delete(conversationId);
    const due = await port.pendingDeliveries(batchSize, now());
    lastFetched = due.length;
    const byConversation = new Map<string, PendingDelivery[]>();
    for (const d of due) {
      if (heldUntil.has(d.conversationId)) continue;
      const queue = byConversation.get(d.conversationId) ?? [];
      queue.push(d);
      byConversation.set(d.conversationId, queue);
    }
    const queues = [...byConversation.values()];
    let attempted = 0;
    const workers = Array.from({ length: Math.min(concurrency, queues.length) }, async () => {
      for (let q = queues.shift(); q; q = queues.shift()) attempted += await deliverInOrder(q);
    });
    await Promise.all(workers);
    return attempted;
  }

  function runOnce(): Promise<number> {
    // One round at a time: a poke during a round is remembered and runs the next one.
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
    while (!closed) {
      poked = false;
      let attempted = 0;
      try {
        attempted = await runOnce();
      } catch (err) {
        logger.error({ err }, 'kakao outbound round failed; will try again');
      }
      if (closed) break;
      // A full batch with progress means more may be due right now.
      if (poked || (attempted > 0 && lastFetched >= batchSize)) continue;
      const nextHeld = Math.min(...heldUntil.values()) - now().getTime();
      await sleep(Math.max(10, Math.min(pollIntervalMs, nextHeld)));
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
