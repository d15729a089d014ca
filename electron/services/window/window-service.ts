import { z } from 'zod';
import type { DeskHandlers, WindowState } from '../../../common/desk-api/index.js';
import type { EventHub } from '../events/event-hub.js';
import type { DeskServicesConfig } from '../host.js';
import { readSetting, writeSetting } from '../settings/kv.js';
import type { Store } from '../store/index.js';

const KEY = 'window.pinned';

/** The pin (always-on-top) state: remembered in settings, applied through the host's WindowControl. */
export async function createWindowService(store: Store, events: EventHub, config: Pick<DeskServicesConfig, 'windowControl' | 'host'>) {
  // A desk assistant beside the phone: pinned until the counsellor says otherwise.
  let pinned = (await readSetting(store, KEY, z.boolean())) ?? true;
  config.windowControl.setAlwaysOnTop(pinned);
  const state = (): WindowState => ({ pinned, host: config.host });
  const setPinned = async (next: boolean): Promise<WindowState> => {
    await writeSetting(store, KEY, next);
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
