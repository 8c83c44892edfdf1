/**
 * Sites the user chose to continue to in this browser session. Kept in storage.session so a
 * stopped worker still remembers; the browser forgets them when it closes.
 */
import type { SessionStore } from '../platform/storage.js';

const KEY = 'allowed-sites';

export interface SessionAllowList {
  has(site: string): boolean;
  add(site: string): Promise<void>;
}

/** Loads this session's allowed sites. */
export async function loadSessionAllowList(store: SessionStore): Promise<SessionAllowList> {
  const stored = (await store.get([KEY]))[KEY];
  const sites = new Set<string>(Array.isArray(stored) ? stored.filter((s): s is string => typeof s === 'string') : []);
  return {
    has: (site) => sites.has(site),
    async add(site) {
      sites.add(site);
      await store.set({ [KEY]: [...sites] });
    },
  };
}
