import { describe, expect, it } from 'vitest';
import { createWriteQueue } from '../../../server/db/write-queue.js';

/** A queue over a fake writer that records each batch and can refuse items. */
function recorder(options: { refuse?: (item: number) => boolean; isolateFailures?: boolean; max?: number } = {}) {
  const batches: number[][] = [];
  const queue = createWriteQueue<number, number>({
    async write(batch) {
      batches.push([...batch]);
      await new Promise((r) => setTimeout(r, 5));
      if (batch.some((i) => options.refuse?.(i))) throw new Error(`refused ${batch.join(',')}`);
      return batch.map((i) => i * 10);
    },
    take: (queued) => Math.min(queued.length, options.max ?? 100),
    isolateFailures: options.isolateFailures ?? false,
  });
  return { queue, batches };
}

describe('write queue', () => {
  it('writes the first item at once and everything queued meanwhile in the next batch, each caller getting its own result', async () => {
    const { queue, batches } = recorder();
    const results = await Promise.all([1, 2, 3, 4, 5].map((i) => queue.push(i)));
    expect(results).toEqual([10, 20, 30, 40, 50]);
    expect(batches).toEqual([[1], [2, 3, 4, 5]]);
  });

  it('takes no more than `take` says, at least one', async () => {
    const { queue, batches } = recorder({ max: 2 });
    await Promise.all([1, 2, 3, 4, 5, 6].map((i) => queue.push(i)));
    expect(batches).toEqual([[1], [2, 3], [4, 5], [6]]);
    const none = createWriteQueue<number, number>({ write: async (b) => b.map((i) => i), take: () => 0 });
    expect(await none.push(7)).toBe(7);
  });

  it('a caller who pushes again as soon as its push resolved is written too (no drain left behind)', async () => {
    const { queue } = recorder();
    const results: number[] = [];
    for (let i = 1; i <= 5; i++) results.push(await queue.push(i));
    expect(results).toEqual([10, 20, 30, 40, 50]);
  });

  it('without isolation every caller of a failed batch gets the error', async () => {
    const { queue } = recorder({ refuse: (i) => i === 3 });
    const outcomes = await Promise.allSettled([1, 2, 3, 4].map((i) => queue.push(i)));
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'rejected', 'rejected']);
  });

  it('with isolation only the item at fault fails, the others of its batch are written alone', async () => {
    const { queue, batches } = recorder({ refuse: (i) => i === 3, isolateFailures: true });
    const outcomes = await Promise.allSettled([1, 2, 3, 4].map((i) => queue.push(i)));
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
    expect(batches).toEqual([[1], [2, 3, 4], [2], [3], [4]]);
  });

  it('with gatherMs the first item waits for companions, so a burst pushed over a few turns is one batch', async () => {
    const batches: number[][] = [];
    const queue = createWriteQueue<number, number>({
      async write(batch) {
        batches.push([...batch]);
        return batch.map((i) => i);
      },
      take: (queued) => queued.length,
      gatherMs: 20,
    });
    const first = queue.push(1);
    await new Promise((r) => setTimeout(r, 5));
    const rest = [2, 3].map((i) => queue.push(i));
    expect(await Promise.all([first, ...rest])).toEqual([1, 2, 3]);
    expect(batches).toEqual([[1, 2, 3]]);
  });

  it('idle() resolves once everything queued is written', async () => {
    const { queue, batches } = recorder();
    void queue.push(1);
    void queue.push(2);
    await queue.idle();
    expect(batches.flat()).toEqual([1, 2]);
  });
});
