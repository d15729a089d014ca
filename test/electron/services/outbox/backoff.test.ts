import fc from 'fast-check';
import { backoffDelay } from '../../../../electron/services/outbox/backoff.js';

describe('backoffDelay (exponential, full jitter)', () => {
  it('stays within [0, min(cap, base * 2^attempt)] and never below Retry-After', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 60 }), fc.integer({ min: 1, max: 5_000 }), fc.integer({ min: 1, max: 600_000 }),
        fc.option(fc.integer({ min: 0, max: 120_000 }), { nil: null }), fc.double({ min: 0, max: 0.999999, noNaN: true }),
        (attempt, baseMs, capMs, retryAfter, r) => {
          const d = backoffDelay(attempt, { baseMs, capMs }, retryAfter, () => r);
          const ceiling = Math.min(capMs, baseMs * 2 ** Math.min(attempt, 30));
          expect(d).toBeGreaterThanOrEqual(retryAfter ?? 0);
          if (retryAfter === null) expect(d).toBeLessThan(Math.max(ceiling, 1));
        },
      ),
    );
  });

  it('spreads retries: the same attempt gives different delays for different draws', () => {
    const delays = [0.1, 0.5, 0.9].map((r) => backoffDelay(5, { baseMs: 100, capMs: 10_000 }, null, () => r));
    expect(new Set(delays).size).toBe(3);
    expect(delays[2]).toBe(Math.floor(0.9 * 3200));
  });
});
