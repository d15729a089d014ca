/**
 * Retry timing for outbound deliveries: exponential backoff with full jitter (a random delay in
 * [0, min(cap, base·2^attempt)]), so that many failed sends do not retry in lock-step, and the
 * provider's Retry-After wins when it asks for longer.
 */
export interface BackoffPolicy {
  baseMs: number;
  capMs: number;
  random: () => number;
}

export function fullJitterDelay(attempt: number, policy: BackoffPolicy): number {
  const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.floor(policy.random() * ceiling);
}

/** Retry-After as delta-seconds or an HTTP date, in ms from `now`; null when absent or unreadable. */
export function parseRetryAfter(value: string | null, now: Date): number | null {
  if (value === null) return null;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return null;
  return Math.max(0, at - now.getTime());
}

export function retryDelay(attempt: number, retryAfterMs: number | null, policy: BackoffPolicy): number {
  const jitter = fullJitterDelay(attempt, policy);
  // Retry-After is bounded by the cap as well: a provider asking for a day must not park a reply.
  return retryAfterMs === null ? jitter : Math.min(policy.capMs, Math.max(retryAfterMs, jitter));
}
