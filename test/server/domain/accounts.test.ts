import { PASSWORD_HISTORY } from '../../../common/accounts/index.js';
import { historyAfterChange, lockAfterFailure, reuseCandidates } from '../../../server/domain/accounts.js';

describe('lockout', () => {
  const lockout = { threshold: 5, minutes: 15 };
  const now = '2026-11-27T05:00:00.000Z';

  it('does not lock below the threshold', () => {
    expect(lockAfterFailure(4, lockout, now)).toBeNull();
  });

  it('locks for the configured minutes from now at the threshold', () => {
    expect(lockAfterFailure(5, lockout, now)).toBe('2026-11-27T05:15:00.000Z');
    expect(lockAfterFailure(6, lockout, now)).toBe('2026-11-27T05:15:00.000Z');
  });
});

describe('password history', () => {
  const history = ['h1', 'h2', 'h3', 'h4', 'h5'];

  it('checks a new password against the current one and the last ones, PASSWORD_HISTORY in all', () => {
    expect(reuseCandidates('now', history)).toEqual(['now', ...history].slice(0, PASSWORD_HISTORY));
    expect(reuseCandidates('now', [])).toEqual(['now']);
  });

  it('keeps the replaced hash first, so that with the new one PASSWORD_HISTORY are known', () => {
    const kept = historyAfterChange('now', history);
    expect(kept[0]).toBe('now');
    expect(kept).toHaveLength(PASSWORD_HISTORY - 1);
    expect(reuseCandidates('next', kept)).toEqual(['next', ...kept]);
  });
});
