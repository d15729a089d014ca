/**
 * Runs tasks one after another per key, different keys in parallel. The webhook files one
 * citizen's events in arrival order through it, so that their messages keep the order they
 * arrived in. (That a citizen never gets two open conversations is the database's job, across
 * server instances too: migration 003's unique index and fileInbound's retry.)
 */
export class KeyedQueue {
  private readonly tails = new Map<string, Promise<unknown>>();

  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const result = previous.then(task, task);
    const tail = result.catch(() => undefined);
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return result;
  }

  /** Keys with work queued or running (for tests and metrics). */
  get size(): number {
    return this.tails.size;
  }
}
