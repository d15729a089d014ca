import type { DeskEventName, DeskEventPayload } from '../../../common/desk-api/index.js';
import type { DeskEventListener } from '../host.js';

/** Fan-out of DeskApi events to the host (IPC or harness socket); a throwing listener cannot break sync. */
export function createEventHub(onListenerError: (err: unknown) => void = () => undefined) {
  const listeners = new Set<DeskEventListener>();
  return {
    emit<N extends DeskEventName>(name: N, payload: DeskEventPayload<N>): void {
      for (const l of [...listeners]) {
        try {
          l(name, payload);
        } catch (err) {
          onListenerError(err);
        }
      }
    },
    onEvent(listener: DeskEventListener): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
export type EventHub = ReturnType<typeof createEventHub>;
