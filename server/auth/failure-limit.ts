/**
 * Failed authentications per client IP (bad or stale tokens, bad CTI tokens, wrong passwords).
 * Over the limit, the address may not try again until its window ends: a guessing client gets
 * 429, while counsellors behind the same address with valid tokens keep working. In memory per
 * instance: a bound on guessing speed, not a shared account state (lockout is in the database).
 */
export class AuthFailureLimiter {
  private readonly windows = new Map<string, { count: number; resetAt: number }>();

  constructor(private readonly maxPerWindow: number, private readonly windowMs = 60_000) {}

  fail(ip: string, now = Date.now()): void {
    const w = this.windows.get(ip);
    if (!w || w.resetAt <= now) this.windows.set(ip, { count: 1, resetAt: now + this.windowMs });
    else w.count += 1;
    if (this.windows.size > 10_000) this.sweep(now);
  }

  /** Seconds until the address may try again, or 0 when it may now. */
  blockedFor(ip: string, now = Date.now()): number {
    const w = this.windows.get(ip);
    if (!w || w.resetAt <= now || w.count < this.maxPerWindow) return 0;
    return Math.max(1, Math.ceil((w.resetAt - now) / 1000));
  }

  private sweep(now: number): void {
    for (const [ip, w] of this.windows) if (w.resetAt <= now) this.windows.delete(ip);
  }
}
