import { describe, expect, it } from 'vitest';
import { commitWithRetry } from '../../../../electron/services/store/store.js';
import type { StoreTx } from '../../../../electron/services/store/index.js';

function opsFailing(times: number, code: string): { ops: StoreTx; commits: () => number } {
  let calls = 0;
  const ops = {
    exec: async (sql: string) => {
      expect(sql).toBe('COMMIT');
      calls += 1;
      if (calls <= times) throw Object.assign(new Error(`${code}: cannot commit transaction`), { code });
    },
  } as unknown as StoreTx;
  return { ops, commits: () => calls };
}

describe('commitWithRetry', () => {
  it('retries a COMMIT that answered SQLITE_BUSY until it goes through', async () => {
    const { ops, commits } = opsFailing(2, 'SQLITE_BUSY');
    await commitWithRetry(ops);
    expect(commits()).toBe(3);
  });

  it('gives up after the bounded number of attempts', async () => {
    const { ops, commits } = opsFailing(100, 'SQLITE_BUSY');
    await expect(commitWithRetry(ops, 3)).rejects.toThrow(/SQLITE_BUSY/);
    expect(commits()).toBe(3);
  });

  it('does not retry other errors', async () => {
    const { ops, commits } = opsFailing(1, 'SQLITE_CONSTRAINT');
    await expect(commitWithRetry(ops)).rejects.toThrow(/SQLITE_CONSTRAINT/);
    expect(commits()).toBe(1);
  });
});
