/** storage.session and storage.local, shaped as the interfaces core expects. */
import type { KeyValueStore } from '../core/cache.js';
import type { Settings, SettingsStore } from '../core/settings.js';
import { ext } from './browser.js';

export interface SessionStore extends KeyValueStore {
  remove(keys: readonly string[]): Promise<void>;
}

/** storage.session: survives the worker being stopped, cleared when the browser closes. */
export function sessionStore(): SessionStore {
  const area = ext().storage.session;
  return {
    get: (keys) => area.get([...keys]) as Promise<Record<string, unknown>>,
    set: (items) => area.set(items),
    remove: (keys) => area.remove([...keys]),
  };
}

const SETTINGS_KEY = 'settings';

/** storage.local's `settings` entry. */
export function settingsStore(): SettingsStore {
  const area = ext().storage.local;
  return {
    async load() {
      return (await area.get(SETTINGS_KEY))[SETTINGS_KEY];
    },
    save: (settings: Settings) => area.set({ [SETTINGS_KEY]: settings }),
  };
}
