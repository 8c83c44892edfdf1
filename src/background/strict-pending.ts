/**
 * Strict mode's held navigations: each tab's last top-level navigation, the only address its
 * checking page may be forwarded to (in memory and in storage.session, so a restarted worker still
 * knows it). The checking page is web accessible (a DNR redirect must reach it), so a site can open it
 * with any target, and Chromium tells no worker when a page does: without a matching navigation
 * recorded here nothing is forwarded. Navigations the browser began before any worker of this session
 * could see them (tabs restored as the browser starts) are recorded by the session's first worker,
 * from the tabs it finds loading a held address or on the checking page; a site cannot add a tab to
 * that list, and no later worker makes one.
 */
import type { SessionStore } from '../platform/storage.js';
import { heldAddress, strictCatches } from './strict-rules.js';

const PENDING_KEY = 'strict-pending';
/** Set by the browser session's first worker once it recorded the tabs it found. */
const LISTED_KEY = 'strict-listed';
/** Tabs whose navigation is remembered across a worker restart (one navigation a tab). */
export const MAX_STRICT_PENDING = 64;
/** Longer addresses are remembered in memory only: storage.session has 10 MB for everything. */
const MAX_STORED_URL = 8_192;
/**
 * A worker woken by both the navigation event and the checking page's question may get the
 * question first: the answer waits this long for the tab's navigation to be recorded.
 */
export const CLAIM_WAIT_MS = 1_000;

/** A tab as the browser lists it: its page's address, the one it is loading, and whether it finished. */
export interface ListedTab {
  readonly tabId: number;
  readonly url: string;
  readonly pendingUrl?: string;
  readonly complete?: boolean;
}

export interface HeldNavigations {
  /** Records tab `tabId`'s top-level navigation to `url`; kept only if `held` resolves true. */
  expect(tabId: number, url: string, held: Promise<boolean>): void;
  /** Records that tab `tabId` navigated to the checking page itself (a link or a script did): it vouches for nothing. */
  openedDirectly(tabId: number): void;
  /** The address recorded for `tabId` when it is `target` (fragments aside), used up; otherwise null. */
  claim(tabId: number, target: string): Promise<string | null>;
}

type Pending = [number, string];

function isPending(value: unknown): value is Pending {
  return Array.isArray(value) && typeof value[0] === 'number' && typeof value[1] === 'string';
}

const withoutFragment = (url: string): string => {
  const hash = url.indexOf('#');
  return hash === -1 ? url : url.slice(0, hash);
};

/**
 * The navigations tabs listed at the browser session's start are held for: a tab on the checking
 * page (its target), or still loading an address the hold catches (a finished page was not held).
 */
export function heldAtStart(tabs: readonly ListedTab[], checkingPage: string): Pending[] {
  return tabs.flatMap(({ tabId, url, pendingUrl, complete }): Pending[] => {
    const address = pendingUrl ?? url;
    const held = heldAddress(address, checkingPage);
    if (held === null || tabId < 0) return [];
    const onCheckingPage = held !== address;
    return onCheckingPage || pendingUrl !== undefined || complete !== true ? [[tabId, held]] : [];
  });
}

export interface HeldNavigationOptions {
  /** The browser's tabs, listed by the session's first worker; absent, nothing is listed. */
  readonly listTabs?: () => Promise<readonly ListedTab[]>;
  readonly checkingPage?: string;
}

/** Held navigations in `store`. */
export function createHeldNavigations(store: SessionStore, options: HeldNavigationOptions = {}): HeldNavigations {
  const pending = new Map<number, string>();
  /** Tabs this worker saw navigate: what an earlier worker stored for them is out of date. */
  const seen = new Set<number>();
  /** Tabs that opened the checking page themselves since their last web navigation. */
  const opened = new Set<number>();
  /** Questions waiting for their tab's navigation event. */
  const waiting = new Map<number, () => void>();

  const adopt = (entries: readonly Pending[]): void => {
    for (const [tabId, url] of entries) if (!seen.has(tabId) && !pending.has(tabId)) pending.set(tabId, url);
  };
  // What earlier workers of this session stored, then (first worker only) the tabs the browser
  // began before any worker could see them. Events this worker handles meanwhile win.
  const ready: Promise<boolean> = (async () => {
    const stored = await store.get([PENDING_KEY, LISTED_KEY]);
    const entries = stored[PENDING_KEY];
    adopt(Array.isArray(entries) ? entries.filter(isPending) : []);
    if (stored[LISTED_KEY] === true || options.listTabs === undefined || options.checkingPage === undefined)
      return false;
    adopt(heldAtStart(await options.listTabs(), options.checkingPage));
    return true;
  })().catch(() => false);
  let writes: Promise<unknown> = ready;

  const persist = (): void => {
    writes = writes
      .then(async () => {
        const listed = await ready;
        while (pending.size > MAX_STRICT_PENDING) pending.delete(pending.keys().next().value!);
        const entries = [...pending].filter(([, url]) => url.length <= MAX_STORED_URL);
        await store.set({ [PENDING_KEY]: entries, ...(listed ? { [LISTED_KEY]: true } : {}) });
      })
      .catch(() => undefined);
  };
  // The first worker's list is stored at once: a worker stopped before any event must not lose it.
  void ready.then((listed) => listed && persist());

  const recorded = (tabId: number): Promise<void> =>
    new Promise((resolve) => {
      const timer = setTimeout(done, CLAIM_WAIT_MS);
      function done(): void {
        clearTimeout(timer);
        if (waiting.get(tabId) === done) waiting.delete(tabId);
        resolve();
      }
      waiting.set(tabId, done);
    });
  const forget = (tabId: number): void => {
    seen.add(tabId);
    pending.delete(tabId);
    opened.delete(tabId);
  };
  return {
    expect(tabId, url, held) {
      // Recorded at once: the checking page's question may be the next event this worker handles.
      forget(tabId);
      pending.set(tabId, url);
      while (pending.size > MAX_STRICT_PENDING) pending.delete(pending.keys().next().value!);
      waiting.get(tabId)?.();
      void held.then(
        (isHeld) => {
          // Only a navigation the rule holds may be forwarded from the checking page.
          if (!isHeld || !strictCatches(url)) {
            if (pending.get(tabId) === url) pending.delete(tabId);
          } else persist();
        },
        () => undefined,
      );
    },
    openedDirectly(tabId) {
      forget(tabId);
      opened.add(tabId);
      while (opened.size > MAX_STRICT_PENDING) opened.delete(opened.values().next().value!);
      waiting.get(tabId)?.();
      persist();
    },
    async claim(tabId, target) {
      const matches = (url: string | undefined): url is string =>
        url !== undefined && withoutFragment(url) === withoutFragment(target);
      await ready;
      let url = pending.get(tabId);
      if (!matches(url) && !opened.has(tabId)) {
        await recorded(tabId);
        url = pending.get(tabId);
      }
      if (!matches(url)) return null;
      pending.delete(tabId);
      persist();
      return url;
    },
  };
}
