import { describe, expect, it } from 'vitest';
import { monthRange } from '../../../server/access-log/review.js';

describe('monthRange', () => {
  it('bounds a month from its first instant to the first instant of the next, UTC', () => {
    expect(monthRange('2026-03')).toEqual({ start: '2026-03-01T00:00:00.000Z', end: '2026-04-01T00:00:00.000Z' });
  });

  it('rolls December over into January of the next year', () => {
    expect(monthRange('2025-12')).toEqual({ start: '2025-12-01T00:00:00.000Z', end: '2026-01-01T00:00:00.000Z' });
  });
});
