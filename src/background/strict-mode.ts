/**
 * Strict first-visit mode's state (Chrome): whether its redirect rule is installed, the sites let
 * through this session (kept in the rule itself, so a restarted worker reads them back), and each
 * tab's last top-level navigation, the only address its checking page may be forwarded to. The
 * checking page is web accessible (a DNR redirect must reach it), so a site can open it with any
 * target: without a matching navigation recorded here it forwards nothing.
 *
 * The rule is a dynamic one, so it holds from the moment the browser starts, before this worker
 * has run: a session rule would be gone until then. The sites it lets through belong to one
 * browser session, so the first worker of a session (no marker in storage.session, which the
 * browser empties when it closes and when the extension is reloaded or updated) clears them.
 */
import type { UncheckedReason } from '../core/messages.js';
import type { NetRules } from '../platform/background-api.js';
import type { SessionStore } from '../platform/storage.js';
import { isStrictRule, MAX_STRICT_PASSED, STRICT_RULE_ID, strictCatches, strictRule } from './strict-rules.js';

const PENDING_KEY = 'strict-pending';
/** Set by the first worker of a browser session, once the rule's sites of the last session are cleared. */
const SESSION_KEY = 'strict-session';
/** Tabs whose navigation is remembered across a worker restart (one navigation a tab). */
export const MAX_STRICT_PENDING = 64;
/** Longer addresses are remembered in memory only: storage.session has 10 MB for everything. */
const MAX_STORED_URL = 8_192;
/** Sites let through unjudged whose reason the popup can still show (this worker's lifetime). */
const MAX_UNCHECKED = 200;
/**
 * A worker woken by both the navigation event and the checking page's question may get the
 * question first: the answer waits this long for the tab's navigation to be recorded.
 */
export const CLAIM_WAIT_MS = 1_000;

export interface StrictMode {
  /** Installs (on) or removes (off) the redirect rule; turning it off forgets the sites let through. */
  sync(on: boolean): Promise<void>;
  /** Forgets the sites let through (a new extension version may judge them differently). */
  forgetPassed(): Promise<void>;
  /** True when the rule is installed and `site` has not been let through: a top-level GET there is held. */
  covers(site: string): Promise<boolean>;
  /** Records tab `tabId`'s top-level navigation to `url` (call synchronously from the navigation event). */
  expect(tabId: number, url: string, site: string): void;
  /** The address recorded for `tabId` when it is `target` (fragments aside), used up; otherwise null. */
  claim(tabId: number, target: string): Promise<string | null>;
  /** Lets `site` and its sub-domains through without a check for the rest of the session. */
  pass(site: string): Promise<void>;
  /** `pass` for many sites in one rule update (a page's links judged safe). */
  passMany(sites: readonly string[]): Promise<void>;
  /** Why `site` was let through unjudged this session, if it was (the popup says so). */
  unchecked(site: string): UncheckedReason | undefined;
  /** Lets `site` through unjudged, remembering why. */
  passUnchecked(site: string, reason: UncheckedReason): Promise<void>;
}

interface State {
  on: boolean;
  passed: string[];
}

type Pending = [number, string];

function isPending(value: unknown): value is Pending {
  return Array.isArray(value) && typeof value[0] === 'number' && typeof value[1] === 'string';
}

const withoutFragment = (url: string): string => {
  const hash = url.indexOf('#');
  return hash === -1 ? url : url.slice(0, hash);
};

/** Strict mode over Chrome's dynamic rules, redirecting to `checkingPage`; pending navigations in `store`. */
export function createStrictMode(netRules: NetRules, checkingPage: string, store: SessionStore): StrictMode {
  const rules = netRules.dynamic;
  let state: Promise<State> | undefined;
  let queue: Promise<unknown> = Promise.resolve();
  const pending = new Map<number, string>();
  const unchecked = new Map<string, UncheckedReason>();
  /** Questions waiting for their tab's navigation event. */
  const waiting = new Map<number, () => void>();
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
  let pendingWrites: Promise<unknown> = Promise.resolve();

  const load = async (): Promise<State> => {
    const [dynamic, session, marker] = await Promise.all([
      rules.list(),
      netRules.session.list(),
      store.get([SESSION_KEY]),
    ]);
    // The rule used to be a session rule: one left by an earlier version would hold twice.
    if (session.some(isStrictRule)) await netRules.session.update([], [STRICT_RULE_ID]);
    const rule = dynamic.find(isStrictRule);
    const s = { on: rule !== undefined, passed: [...(rule?.condition.excludedRequestDomains ?? [])] };
    if (marker[SESSION_KEY] !== true) {
      if (s.on && s.passed.length > 0) await writeRule(s, []);
      s.passed = [];
      await store.set({ [SESSION_KEY]: true });
    }
    return s;
  };
  /** Rule changes one at a time, each on the state the previous one left. */
  const run = <T>(task: (s: State) => Promise<T>): Promise<T> => {
    state ??= load();
    const next = queue.then(async () => task(await state!));
    queue = next.catch(() => undefined);
    return next;
  };
  const writeRule = (s: State, passed: string[]): Promise<void> =>
    rules.update([strictRule(checkingPage, passed)], s.on ? [strictRule(checkingPage, []).id] : []);

  const persistPending = (): void => {
    const entries = [...pending].filter(([, url]) => url.length <= MAX_STORED_URL).slice(-MAX_STRICT_PENDING);
    pendingWrites = pendingWrites.then(() => store.set({ [PENDING_KEY]: entries })).catch(() => undefined);
  };
  const storedPending = async (tabId: number): Promise<string | undefined> => {
    const stored = (await store.get([PENDING_KEY]))[PENDING_KEY];
    return Array.isArray(stored) ? stored.filter(isPending).find(([id]) => id === tabId)?.[1] : undefined;
  };

  const covers = (site: string): Promise<boolean> => run(async (s) => s.on && !s.passed.includes(site));
  const passMany = (sites: readonly string[]): Promise<void> =>
    run(async (s) => {
      const known = new Set(s.passed);
      const fresh = [...new Set(sites)].filter((site) => !known.has(site));
      if (!s.on || fresh.length === 0) return;
      const passed = [...s.passed, ...fresh].slice(-MAX_STRICT_PASSED);
      await writeRule(s, passed);
      s.passed = passed;
    });
  const pass = (site: string): Promise<void> => passMany([site]);

  return {
    sync: (on) =>
      run(async (s) => {
        if (on === s.on) return;
        if (on) await writeRule(s, []);
        else await rules.update([], [strictRule(checkingPage, []).id]);
        s.on = on;
        s.passed = [];
      }),
    forgetPassed: () =>
      run(async (s) => {
        if (s.on && s.passed.length > 0) await writeRule(s, []);
        s.passed = [];
      }),
    covers,
    expect(tabId, url, site) {
      // Recorded at once: the checking page's question may be the next event this worker handles.
      pending.delete(tabId);
      pending.set(tabId, url);
      while (pending.size > MAX_STRICT_PENDING) pending.delete(pending.keys().next().value!);
      waiting.get(tabId)?.();
      void covers(site).then(
        (held) => {
          // Only a navigation the rule holds may be forwarded from the checking page.
          if (!held || !strictCatches(url)) {
            if (pending.get(tabId) === url) pending.delete(tabId);
          } else persistPending();
        },
        () => undefined,
      );
    },
    async claim(tabId, target) {
      await pendingWrites;
      const matches = (url: string | undefined): url is string =>
        url !== undefined && withoutFragment(url) === withoutFragment(target);
      let url = pending.get(tabId) ?? (await storedPending(tabId));
      if (!matches(url)) {
        await recorded(tabId);
        url = pending.get(tabId);
      }
      if (!matches(url)) return null;
      pending.delete(tabId);
      persistPending();
      return url;
    },
    pass,
    passMany,
    unchecked: (site) => unchecked.get(site),
    passUnchecked(site, reason) {
      unchecked.delete(site);
      unchecked.set(site, reason);
      if (unchecked.size > MAX_UNCHECKED) unchecked.delete(unchecked.keys().next().value!);
      return pass(site);
    },
  };
}
