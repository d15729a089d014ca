import type { DeskHandlers, WindowState } from '../../../common/desk-api/index.js';
import type { EventHub } from '../events/event-hub.js';
import type { DeskServicesConfig } from '../host.js';
import type { Vault } from '../vault/vault.js';

/**
 * The pin (always-on-top) state: a workstation setting (workstation.json, it exists before
 * anyone signs in), applied through the host's WindowControl.
 */
export function createWindowService(vault: Vault, events: EventHub, config: Pick<DeskServicesConfig, 'windowControl' | 'host'>) {
  // A desk assistant beside the phone: pinned until the counsellor says otherwise.
  let pinned = vault.workstation().pinned;
  config.windowControl.setAlwaysOnTop(pinned);
  const state = (): WindowState => ({ pinned, host: config.host });
  const setPinned = async (next: boolean): Promise<WindowState> => {
    await vault.setPinned(next);
    const changed = next !== pinned;
    pinned = next;
    config.windowControl.setAlwaysOnTop(pinned);
    if (changed) events.emit('window:onStateChange', state());
    return state();
  };
  const handlers: DeskHandlers['window'] = {
    getState: async () => state(),
    setPinned: async ({ pinned: next }) => setPinned(next),
    togglePinned: async () => setPinned(!pinned),
  };
  return { handlers };
}
