import { type Problem } from '../../../common/rest/index.js';

/**
 * What went wrong with a request, in the terms the outbox and the handlers act on:
 * unauthenticated (401) signs out; conflict (412) keeps both versions; rejected (4xx) will
 * not get better by retrying; retryable (network, time-out, 408/425/429/5xx) is tried again.
 */
export type RestErrorKind = 'unauthenticated' | 'forbidden' | 'not_found' | 'conflict' | 'rejected' | 'retryable';

export class RestError extends Error {
  constructor(
    readonly kind: RestErrorKind,
    message: string,
    readonly status: number | null = null,
    /** From Retry-After, when the server sent one. */
    readonly retryAfterMs: number | null = null,
    readonly problem: Problem | null = null,
  ) {
    super(message);
    this.name = 'RestError';
  }
}

export function kindForStatus(status: number): RestErrorKind {
  if (status === 401) return 'unauthenticated';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not_found';
  if (status === 412) return 'conflict';
  if (status === 408 || status === 425 || status === 429 || status >= 500) return 'retryable';
  return 'rejected';
}

