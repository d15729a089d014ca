import {
  createDeskClient, DESK_EVENT_CHANNELS, dispatchDeskCall, type DeskApi, type DeskEventName,
  type DeskEventPayload, type DeskHandlers,
} from '../../common/desk-api/index.js';

type PartialHandlers = { [NS in keyof DeskHandlers]?: Partial<DeskHandlers[NS]> };

export interface FakeDesk {
  desk: DeskApi;
  /** Push an event to the renderer as the main side would. */
  emit<N extends DeskEventName>(name: N, payload: DeskEventPayload<N>): void;
  /** Every call made, in order: [channel, argument]. */
  calls: Array<[string, unknown]>;
}

/**
 * A DeskApi for jsdom tests that goes through the real schema validation and envelope code
 * (dispatchDeskCall + createDeskClient); only the handlers are the test's own.
 */
export function createFakeDesk(handlers: PartialHandlers): FakeDesk {
  const subs = new Map<string, Set<(p: unknown) => void>>();
  const calls: Array<[string, unknown]> = [];
  const desk = createDeskClient({
    invoke: (channel, arg) => {
      calls.push([channel, arg]);
      return dispatchDeskCall(handlers as DeskHandlers, channel, arg);
    },
    subscribe: (channel, listener) => {
      if (!DESK_EVENT_CHANNELS.includes(channel)) throw new Error(`unknown event ${channel}`);
      let set = subs.get(channel);
      if (!set) subs.set(channel, (set = new Set()));
      set.add(listener);
      return () => set.delete(listener);
    },
  });
  return {
    desk,
    calls,
    emit: (name, payload) => {
      for (const l of subs.get(name) ?? []) l(payload);
    },
  };
}
