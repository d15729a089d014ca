import http from 'node:http';
import https from 'node:https';
import { parseRetryAfter, retryDelay, type BackoffPolicy } from '../../../common/retry/index.js';
import type { KakaoOutboundMessage } from './event.js';

/** What came back from one POST: the status, the provider's Retry-After and its text. */
export interface KakaoPostAnswer {
  status: number;
  retryAfter: string | null;
  text: string;
}

/**
 * One JSON POST to the provider. Rejects on a network error, and with an error named
 * 'TimeoutError' when no whole answer came within timeoutMs.
 */
export type KakaoPost = (url: string, body: string, timeoutMs: number) => Promise<KakaoPostAnswer>;

/** The provider's answer beyond this is not kept (an error page, say): the message needs the start. */
const ANSWER_MAX_BYTES = 64 * 1024;

// Connections to the provider are kept open between sends: one per parallel send.
const HTTP_AGENT = new http.Agent({ keepAlive: true });
const HTTPS_AGENT = new https.Agent({ keepAlive: true });

/**
 * KakaoPost over node:http(s) with kept-alive connections. Not fetch: a delivery is one small
 * POST, and fetch spends four to five times the CPU of http.request on it (`npm run bench --
 * kakao` measures both side by side), which the server pays for every reply and notice it sends.
 */
export const httpPost: KakaoPost = (url, body, timeoutMs) => new Promise<KakaoPostAnswer>((resolve, reject) => {
  const target = new URL(url);
  const secure = target.protocol === 'https:';
  const req = (secure ? https : http).request(target, {
    method: 'POST',
    agent: secure ? HTTPS_AGENT : HTTP_AGENT,
    headers: { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) },
  }, (res) => {
    const chunks: Buffer[] = [];
    let kept = 0;
    res.on('data', (chunk: Buffer) => {
      if (kept < ANSWER_MAX_BYTES) chunks.push(chunk);
      kept += chunk.length;
    });
    res.once('error', fail);
    res.once('end', () => {
      clearTimeout(timer);
      const retryAfter = res.headers['retry-after'];
      resolve({ status: res.statusCode ?? 0, retryAfter: typeof retryAfter === 'string' ? retryAfter : null, text: Buffer.concat(chunks).toString('utf8').slice(0, ANSWER_MAX_BYTES) });
    });
    // The connection dropped before the answer was whole: no outcome to trust, so a retry.
    res.once('close', () => {
      if (!res.complete) fail(new Error('the connection closed before the whole answer arrived'));
    });
  });
  function fail(err: Error) {
    clearTimeout(timer);
    reject(err);
  }
  const timer = setTimeout(() => {
    const err = new Error(`no answer within ${timeoutMs} ms`);
    err.name = 'TimeoutError';
    req.destroy(err);
    fail(err);
  }, timeoutMs);
  req.once('error', fail);
  req.end(body);
});

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
  post: KakaoPost;
  requestTimeoutMs: number;
  now: () => Date;
}

export const NO_SEND_URL = 'KAKAO_SEND_URL이 설정되지 않아 카카오톡으로 보낼 수 없습니다 (KAKAO_SEND_URL is not set).';

/** What the provider said, for the counsellor's "failed" badge and the report: the JSON message or the text. */
export function providerMessage(answer: KakaoPostAnswer): string {
  const text = answer.text.trim();
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
  return `카카오 발송 실패 HTTP ${answer.status}${said ? `: ${said}` : ''}`.slice(0, 500);
}

export async function sendToKakao(options: KakaoSendOptions, wire: KakaoOutboundMessage): Promise<KakaoSendResult> {
  const { sendUrl, requestTimeoutMs } = options;
  if (!sendUrl) return { outcome: 'failed', error: NO_SEND_URL, status: null };
  let answer: KakaoPostAnswer;
  try {
    answer = await options.post(sendUrl, JSON.stringify(wire), requestTimeoutMs);
  } catch (err) {
    const reason = err instanceof Error && err.name === 'TimeoutError' ? `응답 시간 초과 (${requestTimeoutMs} ms)` : `연결 실패: ${(err as Error).message}`;
    return { outcome: 'retry', error: reason, retryAfterMs: null };
  }
  if (answer.status >= 200 && answer.status < 300) return { outcome: 'delivered' };
  const said = providerMessage(answer);
  if (answer.status === 429 || answer.status === 408 || answer.status >= 500) {
    return { outcome: 'retry', error: said, retryAfterMs: parseRetryAfter(answer.retryAfter, options.now()) };
  }
  return { outcome: 'failed', error: said, status: answer.status };
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
