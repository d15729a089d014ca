import { EventEmitter } from 'node:events';

/**
 * In-process "the change feed grew" signal: the write path calls notify(seq) after a commit,
 * SSE connections listen. One process per database is the supported setup.
 */
export class ChangeNotifier {
  #emitter = new EventEmitter();
  #latest = 0;

  constructor() {
    // Every SSE connection is a listener; there can be hundreds of desktops.
    this.#emitter.setMaxListeners(0);
  }

  get latest(): number {
    return this.#latest;
  }

  notify(seq: number): void {
    if (seq <= this.#latest) return;
    this.#latest = seq;
    this.#emitter.emit('change', seq);
  }

  subscribe(listener: (seq: number) => void): () => void {
    this.#emitter.on('change', listener);
    return () => this.#emitter.off('change', listener);
  }
}
