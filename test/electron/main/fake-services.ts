import type { DeskEventName, DeskEventPayload, DeskHandlers } from '../../../common/desk-api/index.js';
import type { DeskEventListener, DeskServices, DeskServicesConfig } from '../../../electron/services/host.js';

export interface FakeServices extends DeskServices {
  config: DeskServicesConfig | null;
  calls: Array<[string, unknown]>;
  closed: boolean;
  pinned: boolean;
  emit<N extends DeskEventName>(name: N, payload: DeskEventPayload<N>): void;
}

/** Services with just the window namespace implemented; every call is recorded. */
export function createFakeServices(): FakeServices {
  const listeners = new Set<DeskEventListener>();
  const svc: FakeServices = {
    config: null,
    calls: [],
    closed: false,
    pinned: true,
    handlers: {
      window: {
        getState: async (arg: undefined) => {
          svc.calls.push(['window:getState', arg]);
          return { pinned: svc.pinned, host: 'electron' as const };
        },
        setPinned: async (arg: { pinned: boolean }) => {
          svc.calls.push(['window:setPinned', arg]);
          svc.pinned = arg.pinned;
          svc.config?.windowControl.setAlwaysOnTop(arg.pinned);
          return { pinned: svc.pinned, host: 'electron' as const };
        },
        togglePinned: async (arg: undefined) => {
          svc.calls.push(['window:togglePinned', arg]);
          svc.pinned = !svc.pinned;
          svc.config?.windowControl.setAlwaysOnTop(svc.pinned);
          return { pinned: svc.pinned, host: 'electron' as const };
        },
      },
    } as unknown as DeskHandlers,
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async close() {
      svc.closed = true;
    },
    emit(name, payload) {
      for (const l of listeners) l(name, payload);
    },
  };
  return svc;
}
