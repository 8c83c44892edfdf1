/**
 * Strict mode's held navigations: each tab's last top-level navigation, the only address its
 * checking page may be forwarded to (in memory and in storage.session, so a restarted worker still
 * knows it). The checking page is web accessible (a DNR redirect must reach it), so a site can open it
 * with any target: without a matching navigation recorded here nothing is forwarded, with one
 * exception: a navigation that began before this worker ran and that no worker recorded (a tab
 * restored at browser start; a worker replaced before it could store what it saw), whose tab did not
 * open the checking page itself.
 */
import type { SessionStore } from '../platform/storage.js';
import { strictCatches } from './strict-rules.js';

const PENDING_KEY = 'strict-pending';
/** Tabs that navigated to the checking page themselves (a site opened it). */
const OPENED_KEY = 'strict-opened';
/** Tabs whose navigation is remembered across a worker restart (one navigation a tab). */
export const MAX_STRICT_PENDING = 64;
/** Longer addresses are remembered in memory only: storage.session has 10 MB for everything. */
const MAX_STORED_URL = 8_192;
/**
 * A worker woken by both the navigation event and the checking page's question may get the
 * question first: the answer waits this long for the tab's navigation to be recorded.
 */
export const CLAIM_WAIT_MS = 1_000;

export interface HeldNavigations {
  /** Records tab `tabId`'s top-level navigation to `url`; kept only if `held` resolves true. */
  expect(tabId: number, url: string, held: Promise<boolean>): void;
  /** Records that tab `tabId` navigated to the checking page itself (a link or a script did): it vouches for nothing. */
  openedDirectly(tabId: number): void;
  /**
   * The address recorded for `tabId` when it is `target` (fragments aside), used up; `target` itself
   * when its navigation started (`startedAt`, ms since the epoch) before this worker and no worker
   * recorded it; otherwise null.
   */
  claim(tabId: number, target: string, startedAt?: number): Promise<string | null>;
}

type Pending = [number, string];

function isPending(value: unknown): value is Pending {
  return Array.isArray(value) && typeof value[0] === 'number' && typeof value[1] === 'string';
}

const withoutFragment = (url: string): string => {
  const hash = url.indexOf('#');
  return hash === -1 ? url : url.slice(0, hash);
};

/** Held navigations in `store`; `workerStart` is this worker's start (ms since the epoch). */
export function createHeldNavigations(store: SessionStore, workerStart: number): HeldNavigations {
  const pending = new Map<number, string>();
  /** Tabs that opened the checking page themselves since their last web navigation. */
  const opened = new Set<number>();
  /** Questions waiting for their tab's navigation event. */
  const waiting = new Map<number, () => void>();
  let pendingWrites: Promise<unknown> = Promise.resolve();

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
  const persist = (): void => {
    const entries = [...pending].filter(([, url]) => url.length <= MAX_STORED_URL).slice(-MAX_STRICT_PENDING);
    const tabs = [...opened];
    pendingWrites = pendingWrites
      .then(() => store.set({ [PENDING_KEY]: entries, [OPENED_KEY]: tabs }))
      .catch(() => undefined);
  };
  const openedBefore = async (tabId: number): Promise<boolean> => {
    await pendingWrites;
    const value = (await store.get([OPENED_KEY]))[OPENED_KEY];
    return Array.isArray(value) && value.includes(tabId);
  };
  const stored = async (tabId: number): Promise<string | undefined> => {
    await pendingWrites;
    const value = (await store.get([PENDING_KEY]))[PENDING_KEY];
    return Array.isArray(value) ? value.filter(isPending).find(([id]) => id === tabId)?.[1] : undefined;
  };
  const forget = (tabId: number): void => {
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
    async claim(tabId, target, startedAt) {
      const matches = (url: string | undefined): url is string =>
        url !== undefined && withoutFragment(url) === withoutFragment(target);
      let url = pending.get(tabId);
      if (!matches(url) && !opened.has(tabId)) url = await stored(tabId);
      if (!matches(url) && !opened.has(tabId)) {
        await recorded(tabId);
        url = pending.get(tabId);
      }
      if (matches(url)) {
        pending.delete(tabId);
        persist();
        return url;
      }
      // No worker recorded this navigation, which began before this one ran: the browser started it
      // before any worker of ours could see it, or the worker that saw it was replaced.
      return startedAt !== undefined &&
        startedAt < workerStart &&
        !opened.has(tabId) &&
        strictCatches(target) &&
        !(await openedBefore(tabId))
        ? target
        : null;
    },
  };
}
