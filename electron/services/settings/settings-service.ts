import { Settings } from '../../../common/desk-api/index.js';
import type { DeskHandlers } from '../../../common/desk-api/index.js';
import type { EventHub } from '../events/event-hub.js';
import type { Store } from '../store/index.js';
import { readSetting, writeSetting } from './kv.js';

export const DEFAULT_SETTINGS: Settings = { language: 'ko', soundMuted: false, notifications: true };
const KEY = 'settings';

/** The counsellor's preferences, persisted in the settings table; `settings:onChange` on every change. */
export async function createSettingsService(store: Store, events: EventHub) {
  const stored = await readSetting(store, KEY, Settings.partial());
  let current: Settings = { ...DEFAULT_SETTINGS, ...stored };
  const handlers: Pick<DeskHandlers['settings'], 'get' | 'set'> = {
    get: async () => current,
    set: async (patch) => {
      const next: Settings = Settings.parse({ ...current, ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) });
      await writeSetting(store, KEY, next);
      const changed = JSON.stringify(next) !== JSON.stringify(current);
      current = next;
      if (changed) events.emit('settings:onChange', current);
      return current;
    },
  };
  return { handlers, current: () => current };
}
export type SettingsService = Awaited<ReturnType<typeof createSettingsService>>;
