import { parseRetryAfter, retryDelay, type BackoffPolicy } from '../../../common/retry/index.js';
import type { KakaoOutboundMessage } from './event.js';

/**
 * The one POST to KAKAO_SEND_URL, shared by replies (outbound.ts) and notices
 * (server/broadcasts/sender.ts): what came of it, in the terms both act on. 2xx = delivered;
 * 429, 408, 5xx, time-outs and network errors = retry (with the provider's Retry-After); any other
 * 4xx = failed for good, with the provider's message. No URL configured = failed, saying so.
 */
export type KakaoSendResult =
  | { outcome: 'delivered' }
  | { outcome: 'retry'; error: string; retryAfterMs: number | null }
  | { outcome: 'failed'; error: string; status: number | null };

export interface KakaoSendOptions {
  /** KAKAO_SEND_URL; null fails every send with a message saying so (never silent). */
  sendUrl: string | null;
  fetch: typeof globalThis.fetch;
  requestTimeoutMs: number;
  now: () => Date;
}

export const NO_SEND_URL = 'KAKAO_SEND_URL이 설정되지 않아 카카오톡으로 보낼 수 없습니다 (KAKAO_SEND_URL is not set).';

/** What the provider said, for the counsellor's "failed" badge and the report: the JSON message or the text. */
export async function providerMessage(res: Response): Promise<string> {
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

export async function sendToKakao(options: KakaoSendOptions, wire: KakaoOutboundMessage): Promise<KakaoSendResult> {
  const { sendUrl, requestTimeoutMs } = options;
  if (!sendUrl) return { outcome: 'failed', error: NO_SEND_URL, status: null };
  let res: Response;
  try {
    res = await options.fetch(sendUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: JSON.stringify(wire),
      signal: AbortSignal.timeout(requestTimeoutMs),
    });
  } catch (err) {
    const reason = err instanceof Error && err.name === 'TimeoutError' ? `응답 시간 초과 (${requestTimeoutMs} ms)` : `연결 실패: ${(err as Error).message}`;
    return { outcome: 'retry', error: reason, retryAfterMs: null };
  }
  if (res.ok) {
    await res.body?.cancel().catch(() => undefined);
    return { outcome: 'delivered' };
  }
  const said = await providerMessage(res);
  if (res.status === 429 || res.status === 408 || res.status >= 500) {
    return { outcome: 'retry', error: said, retryAfterMs: parseRetryAfter(res.headers.get('retry-after'), options.now()) };
  }
  return { outcome: 'failed', error: said, status: res.status };
}

/**
 * After a retryable failure on attempt `attempt` (1-based): give up with the final message once
 * the attempts are used up, else the time of the next attempt (backoff with jitter, Retry-After honoured).
 */
export function nextAttempt(
  attempt: number, maxAttempts: number, error: string, retryAfterMs: number | null,
  policy: BackoffPolicy, random: () => number, now: Date,
): { giveUp: true; error: string } | { giveUp: false; at: Date } {
  if (attempt >= maxAttempts) return { giveUp: true, error: `${attempt}회 시도 후 실패: ${error}`.slice(0, 500) };
  return { giveUp: false, at: new Date(now.getTime() + retryDelay(attempt, retryAfterMs, policy, random)) };
}
