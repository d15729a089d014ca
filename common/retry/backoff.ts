/**
 * The one retry timing of the product, used by the desk (outbox, pulls, the event stream) and by
 * the server's outbound deliveries: exponential backoff with full jitter — a uniform pick in
 * [0, min(cap, base·2^(failures−1))] — so that a room of desks that lost the server together, or
 * many failed sends, do not come back in lock-step. A Retry-After from the other side wins when it
 * asks for longer, up to the cap: a peer asking for a day must not park a write.
 */
export interface BackoffPolicy {
  baseMs: number;
  capMs: number;
}

/** A delay drawn after `failures` failed attempts in a row (1 for the first failure). */
export function fullJitterDelay(failures: number, policy: BackoffPolicy, random: () => number = Math.random): number {
  const exponent = Math.min(Math.max(0, failures - 1), 30);
  const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** exponent);
  return Math.floor(random() * ceiling);
}

export function retryDelay(failures: number, retryAfterMs: number | null, policy: BackoffPolicy, random: () => number = Math.random): number {
  const jitter = fullJitterDelay(failures, policy, random);
  return retryAfterMs === null ? jitter : Math.min(policy.capMs, Math.max(retryAfterMs, jitter));
}

/** Retry-After as delta-seconds or an HTTP date, in ms from `now`; null when absent or unreadable. */
export function parseRetryAfter(value: string | null | undefined, now: Date): number | null {
  if (!value) return null;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return null;
  return Math.max(0, at - now.getTime());
}
