/**
 * Account rules of sign-in, pure: when repeated wrong passwords lock an account, and which earlier
 * passwords a new one may not repeat.
 */
import { PASSWORD_HISTORY } from '../../common/accounts/index.js';

/** The end of the lock a failed login starts, or null while the count is below the threshold. */
export function lockAfterFailure(failedLogins: number, lockout: { threshold: number; minutes: number }, now: string): string | null {
  if (failedLogins < lockout.threshold) return null;
  return new Date(Date.parse(now) + lockout.minutes * 60_000).toISOString();
}

/** The hashes a new password is checked against: the current one and the kept history, the last PASSWORD_HISTORY. */
export const reuseCandidates = (currentHash: string, history: readonly string[]) => [currentHash, ...history].slice(0, PASSWORD_HISTORY);

/** The history kept after a change: the replaced hash first, so that with the new one the last PASSWORD_HISTORY are known. */
export const historyAfterChange = (replacedHash: string, history: readonly string[]) => [replacedHash, ...history].slice(0, PASSWORD_HISTORY - 1);
