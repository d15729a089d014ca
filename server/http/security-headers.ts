import type { FastifyInstance } from 'fastify';

/**
 * Headers on every response (고시 제7조 transmission safeguards): personal data must not be kept
 * by a browser, proxy or the desk's HTTP cache (no-store), a response is never sniffed into
 * something executable, and no URL (with a conversation id in it) leaks through Referer. With
 * TLS on, HSTS tells clients to come back over HTTPS only.
 */
export function installSecurityHeaders(app: FastifyInstance, opts: { hsts: boolean }): void {
  app.addHook('onSend', async (_request, reply, payload) => {
    reply.header('cache-control', 'no-store');
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'no-referrer');
    if (opts.hsts) reply.header('strict-transport-security', 'max-age=31536000; includeSubDomains');
    return payload;
  });
}

/** Headers of a hijacked response (the SSE stream), which onSend never sees. */
export const RAW_SECURITY_HEADERS = {
  'cache-control': 'no-store, no-transform',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
} as const;

/** Query parameters that never hold personal data and stay readable in request logs. */
const PLAIN_QUERY = new Set(['cursor', 'limit', 'status', 'field', 'channel', 'action', 'life', 'household', 'theme', 'provider', 'missed', 'from', 'to']);

/**
 * The URL as request logs show it: path, and query values replaced by [redacted] except for
 * paging and filter keys (q=, phone=, names, subject= never reach a log file).
 */
export function redactUrl(url: string): string {
  const at = url.indexOf('?');
  if (at < 0) return url;
  const params = new URLSearchParams(url.slice(at + 1));
  const parts: string[] = [];
  for (const [k, v] of params) parts.push(`${encodeURIComponent(k)}=${PLAIN_QUERY.has(k) ? encodeURIComponent(v) : '[redacted]'}`);
  return `${url.slice(0, at)}?${parts.join('&')}`;
}
