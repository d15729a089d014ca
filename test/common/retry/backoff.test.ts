import fc from 'fast-check';
import { fullJitterDelay, parseRetryAfter, retryDelay } from '../../../common/retry/index.js';

describe('retry timing (exponential backoff, full jitter, Retry-After up to the cap)', () => {
  it('stays within [0, min(cap, base * 2^(failures-1))]; Retry-After wins up to the cap', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 60 }), fc.integer({ min: 1, max: 5_000 }), fc.integer({ min: 1, max: 600_000 }),
        fc.option(fc.integer({ min: 0, max: 1_200_000 }), { nil: null }), fc.double({ min: 0, max: 0.999999, noNaN: true }),
        (failures, baseMs, capMs, retryAfter, r) => {
          const d = retryDelay(failures, retryAfter, { baseMs, capMs }, () => r);
          const ceiling = Math.min(capMs, baseMs * 2 ** Math.min(failures - 1, 30));
          expect(d).toBeGreaterThanOrEqual(0);
          expect(d).toBeLessThanOrEqual(capMs);
          if (retryAfter === null) expect(d).toBeLessThan(Math.max(ceiling, 1));
          else expect(d).toBeGreaterThanOrEqual(Math.min(retryAfter, capMs));
        },
      ),
    );
  });

  it('spreads retries: the same failure count gives different delays for different draws', () => {
    const delays = [0.1, 0.5, 0.9].map((r) => fullJitterDelay(6, { baseMs: 100, capMs: 10_000 }, () => r));
    expect(new Set(delays).size).toBe(3);
    expect(delays[2]).toBe(Math.floor(0.9 * 3200));
  });

  it('doubles per failure until the cap', () => {
    const policy = { baseMs: 1000, capMs: 10_000 };
    const r = () => 0.999;
    expect(fullJitterDelay(1, policy, r)).toBe(999);
    expect(fullJitterDelay(3, policy, r)).toBe(3996);
    expect(fullJitterDelay(10, policy, r)).toBe(9990);
    expect(fullJitterDelay(2, policy, () => 0)).toBe(0);
  });

  it('reads Retry-After as seconds or an HTTP date and lets it win up to the cap', () => {
    const now = new Date('2026-11-30T00:00:00Z');
    expect(parseRetryAfter('30', now)).toBe(30_000);
    expect(parseRetryAfter('Mon, 30 Nov 2026 00:01:00 GMT', now)).toBe(60_000);
    expect(parseRetryAfter('soon', now)).toBeNull();
    expect(parseRetryAfter(null, now)).toBeNull();
    expect(parseRetryAfter('', now)).toBeNull();
    const policy = { baseMs: 1000, capMs: 300_000 };
    expect(retryDelay(1, 30_000, policy, () => 0.1)).toBe(30_000);
    expect(retryDelay(1, 86_400_000, policy, () => 0.1)).toBe(300_000);
    expect(retryDelay(1, null, policy, () => 0.1)).toBe(100);
  });
});
