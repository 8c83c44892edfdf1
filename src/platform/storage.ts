/** storage.session, storage.local and storage.managed, shaped as the interfaces core and the background expect. */
import type { Browser } from 'webextension-polyfill';
import type { KeyValueStore } from '../core/cache.js';
import type { Settings } from '../core/settings.js';
import type { Storage } from './background-api.js';
import { readManagedStorage } from './managed-storage.js';

export interface SessionStore extends KeyValueStore {
  remove(keys: readonly string[]): Promise<void>;
}

const SETTINGS_KEY = 'settings';
const HOST_LISTS_KEY = 'importedLists';

/** The background's storage areas over `browser.storage`. */
export function storageAreas(browser: Browser): Storage {
  const { local, session } = browser.storage;
  return {
    settings: {
      async load() {
        return (await local.get(SETTINGS_KEY))[SETTINGS_KEY];
      },
      save: (settings: Settings) => local.set({ [SETTINGS_KEY]: settings }),
    },
    session: {
      get: (keys) => session.get([...keys]) as Promise<Record<string, unknown>>,
      set: (items) => session.set(items),
      remove: (keys) => session.remove([...keys]),
    },
    hostLists: {
      async load() {
        return (await local.get(HOST_LISTS_KEY))[HOST_LISTS_KEY];
      },
      save: (lists) => local.set({ [HOST_LISTS_KEY]: lists }),
    },
    readManaged: () => readManagedStorage(browser),
    onChanged(listener) {
      browser.storage.onChanged.addListener((changes, area) => listener(area, Object.keys(changes)));
    },
  };
}
