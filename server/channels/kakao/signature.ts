import { createHmac, timingSafeEqual } from 'node:crypto';

/** Header carrying `sha256=<hex HMAC-SHA256 of the raw body>` (DESIGN.md §3). */
export const SIGNATURE_HEADER = 'x-bokji-signature';
const PREFIX = 'sha256=';

/** The signature header value of a body; the provider (and our simulator) sends it. */
export function signKakaoBody(body: string | Uint8Array, secret: string): string {
  return PREFIX + createHmac('sha256', secret).update(body).digest('hex');
}

/**
 * Checks the header against the exact bytes received. Compares digests in constant time so the
 * response time leaks nothing about how much of a forged signature was right.
 */
export function verifyKakaoSignature(rawBody: Uint8Array, header: string | string[] | undefined, secret: string): boolean {
  if (typeof header !== 'string') return false;
  const value = header.trim();
  if (!value.toLowerCase().startsWith(PREFIX)) return false;
  const hex = value.slice(PREFIX.length);
  if (!/^[0-9a-fA-F]{64}$/.test(hex)) return false;
  const given = Buffer.from(hex, 'hex');
  const expected = createHmac('sha256', secret).update(rawBody).digest();
  return given.length === expected.length && timingSafeEqual(given, expected);
}
