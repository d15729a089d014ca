/**
 * Group writing for a writer that many callers hand work to: whatever queues up while one batch
 * is being written goes into the next, so a burst costs one transaction, not one per caller. The
 * access log's appender, the settling of outbound work and SQLite's group commit (store.ts) use it.
 */
export interface WriteQueue<T, R> {
  /** Queues the item; resolves with its result once the batch that holds it is written. */
  push(item: T): Promise<R>;
  /** Resolves when everything queued so far is written. */
  idle(): Promise<void>;
}

export interface WriteQueueOptions<T, R> {
  /** Writes one batch; resolves with one result per item, in order. */
  write(batch: readonly T[]): Promise<R[]>;
  /** How many of the queued items the next batch takes (at least one is always taken). */
  take(queued: readonly T[]): number;
  /**
   * When a batch of several fails, write each of its items alone, so that only the one at fault
   * fails (its caller's work happened and must be recorded); otherwise every caller of the batch
   * gets the error.
   */
  isolateFailures?: boolean;
  /**
   * How long the first item of a burst waits for companions before its batch is written (default
   * 0: at once). Items that queue while a batch is being written never wait: they make up the next.
   */
  gatherMs?: number;
}

interface Queued<T, R> {
  item: T;
  resolve(result: R): void;
  reject(err: unknown): void;
}

export function createWriteQueue<T, R>(options: WriteQueueOptions<T, R>): WriteQueue<T, R> {
  const queue: Queued<T, R>[] = [];
  let draining: Promise<void> | null = null;

  async function writeAlone(q: Queued<T, R>): Promise<void> {
    await options.write([q.item]).then((results) => q.resolve(results[0]!), (err: unknown) => q.reject(err));
  }

  async function drain(): Promise<void> {
    try {
      while (queue.length > 0) {
        const batch = queue.splice(0, Math.max(1, options.take(queue.map((q) => q.item))));
        try {
          const results = await options.write(batch.map((q) => q.item));
          batch.forEach((q, i) => q.resolve(results[i]!));
        } catch (err) {
          if (options.isolateFailures && batch.length > 1) {
            for (const q of batch) await writeAlone(q);
          } else {
            for (const q of batch) q.reject(err);
          }
        }
      }
    } finally {
      // In the same turn as the last look at the queue, not a microtask later: a caller whose
      // push has just resolved and who pushes again at once starts the next drain, instead of
      // queueing behind one that has already ended (and waiting forever).
      draining = null;
    }
  }

  return {
    push(item) {
      return new Promise<R>((resolve, reject) => {
        queue.push({ item, resolve, reject });
        draining ??= options.gatherMs ? new Promise<void>((r) => setTimeout(r, options.gatherMs)).then(drain) : drain();
      });
    },
    async idle() {
      while (draining) await draining;
    },
  };
}
