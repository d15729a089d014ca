import { EventEmitter } from 'node:events';

/** Default of ChangeNotifier's coalescing window: at most this many pokes a second is 1000 / it. */
export const POKE_WINDOW_MS = 50;

/**
 * In-process "the change feed grew" signal: the write path calls notify(seq) after a commit (and
 * the LISTEN connection for other instances' commits), SSE connections and the assigner listen.
 *
 * Pokes are coalesced: the first change after a quiet spell is passed on at once, later ones
 * within the window are folded into one trailing poke with the latest seq. Under a burst of
 * writes each desk then hears at most one poke per window instead of one per commit, and pulls
 * (one in flight, one queued) cover the whole burst; `latest` is always current.
 */
export class ChangeNotifier {
  #emitter = new EventEmitter();
  #latest = 0;
  #generation = 0;
  #emitted = 0;
  #lastEmitAt = -Infinity;
  #timer: NodeJS.Timeout | null = null;

  constructor(private readonly windowMs = POKE_WINDOW_MS) {
    // Every SSE connection is a listener; there can be hundreds of desktops.
    this.#emitter.setMaxListeners(0);
  }

  get latest(): number {
    return this.#latest;
  }

  /**
   * Counts every notify() call, also those that do not raise `latest`: what was read from the
   * feed before the last call may be out of date (sync/feed-pages.ts), even if a deleted head
   * entry's seq was numbered again.
   */
  get generation(): number {
    return this.#generation;
  }

  notify(seq: number): void {
    this.#generation++;
    if (seq <= this.#latest) return;
    this.#latest = seq;
    if (this.#timer) return;
    const wait = this.#lastEmitAt + this.windowMs - performance.now();
    if (wait <= 0) this.#emit();
    else {
      this.#timer = setTimeout(() => {
        this.#timer = null;
        this.#emit();
      }, wait);
      this.#timer.unref();
    }
  }

  #emit(): void {
    if (this.#latest <= this.#emitted) return;
    this.#emitted = this.#latest;
    this.#lastEmitAt = performance.now();
    this.#emitter.emit('change', this.#latest);
  }

  subscribe(listener: (seq: number) => void): () => void {
    this.#emitter.on('change', listener);
    return () => this.#emitter.off('change', listener);
  }
}
