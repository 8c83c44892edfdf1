/**
 * Strict first-visit mode's state (Chrome): whether its hold is installed, the address prefixes let
 * through this session (kept as session allow rules, so a restarted worker reads them back and the
 * browser forgets them when it closes), and each tab's last top-level navigation, the only address
 * its checking page may be forwarded to. The checking page is web accessible (a DNR redirect must
 * reach it), so a site can open it with any target: without a matching navigation recorded here it
 * forwards nothing, with one exception: a navigation that began before this browser session's first
 * worker ran, which no worker could record (its tab did not open the checking page itself).
 */
import type { UncheckedReason } from '../core/messages.js';
import type { NetRules } from '../platform/background-api.js';
import type { SessionStore } from '../platform/storage.js';
import {
  hostPrefixes,
  MAX_STRICT_PASSED,
  passPrefix,
  passRule,
  prefixOfPassRule,
  STRICT_PASS_FIRST_ID,
  STRICT_RULE_ID,
  strictCatches,
  strictRule,
} from './strict-rules.js';

const PENDING_KEY = 'strict-pending';
/** When this browser session's first worker started (ms since the epoch). */
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
  /** Installs (on) or removes (off) the hold; either way forgets what was let through. */
  sync(on: boolean): Promise<void>;
  /** Forgets what was let through (a new extension version or new settings may judge it differently). */
  forgetPassed(): Promise<void>;
  /** True when the hold is installed and `url`'s address prefix has not been let through: a top-level GET there is held. */
  covers(url: string): Promise<boolean>;
  /** Records tab `tabId`'s top-level navigation to `url` (call synchronously from the navigation event). */
  expect(tabId: number, url: string): void;
  /** Records that tab `tabId` navigated to the checking page itself (a link or a script did): it vouches for nothing. */
  openedDirectly(tabId: number): void;
  /**
   * The address recorded for `tabId` when it is `target` (fragments aside), used up; `target` itself
   * when its navigation started (`startedAt`, ms since the epoch) before this browser session's
   * first worker; otherwise null.
   */
  claim(tabId: number, target: string, startedAt?: number): Promise<string | null>;
  /** Lets `url`'s address prefix through for the rest of the session; false when it cannot be expressed as a rule. */
  pass(url: string): Promise<boolean>;
  /** Lets hosts judged safe as links through (default ports, either scheme), in one rule update. */
  passHosts(hosts: readonly string[]): Promise<void>;
  /**
   * Holds `hosts` again: a host ruled dangerous after it was let through (the model overruling the
   * quick check, the user blocking it) must meet its block rule, which a way through would outrank.
   */
  revokeHosts(hosts: readonly string[]): Promise<void>;
  /** Why `site` was let through unjudged this session, if it was (the popup says so). */
  unchecked(site: string): UncheckedReason | undefined;
  /** `pass`, unjudged, remembering why for `site`. */
  passUnchecked(url: string, site: string, reason: UncheckedReason): Promise<boolean>;
}

export interface StrictModeOptions {
  /** When this worker started (ms since the epoch): the session's start if it is the session's first. */
  readonly workerStart?: number;
}

interface State {
  on: boolean;
  /** Prefix → its rule id, oldest first. */
  readonly passed: Map<string, number>;
  readonly sessionStart: number;
}

type Pending = [number, string];

function isPending(value: unknown): value is Pending {
  return Array.isArray(value) && typeof value[0] === 'number' && typeof value[1] === 'string';
}

function hostOfPrefix(prefix: string): string {
  try {
    return new URL(prefix).hostname;
  } catch {
    return '';
  }
}

const withoutFragment = (url: string): string => {
  const hash = url.indexOf('#');
  return hash === -1 ? url : url.slice(0, hash);
};

/** Strict mode over Chrome's rules, holding on `checkingPage`; pending navigations in `store`. */
export function createStrictMode(
  netRules: NetRules,
  checkingPage: string,
  store: SessionStore,
  options: StrictModeOptions = {},
): StrictMode {
  const { dynamic, session } = netRules;
  const workerStart = options.workerStart ?? performance.timeOrigin;
  let state: Promise<State> | undefined;
  let queue: Promise<unknown> = Promise.resolve();
  const pending = new Map<number, string>();
  /** Tabs that opened the checking page themselves since their last web navigation. */
  const opened = new Set<number>();
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
    const [dynamicRules, sessionRules, marker] = await Promise.all([
      dynamic.list(),
      session.list(),
      store.get([SESSION_KEY]),
    ]);
    // An earlier version held with a session rule of the hold's id: it would hold twice.
    if (sessionRules.some((rule) => rule.id === STRICT_RULE_ID)) await session.update([], [STRICT_RULE_ID]);
    const hold = dynamicRules.find((rule) => rule.id === STRICT_RULE_ID);
    // An earlier version kept its exceptions in the hold itself, which outlives the session.
    if (hold?.condition.excludedRequestDomains) await dynamic.update([strictRule(checkingPage)], [STRICT_RULE_ID]);
    const passed = new Map<string, number>();
    for (const rule of sessionRules) {
      const prefix = prefixOfPassRule(rule);
      if (prefix !== null) passed.set(prefix, rule.id);
    }
    const stored = marker[SESSION_KEY];
    // No marker: this is the session's first worker. An earlier version's `true`: the start is unknown.
    const sessionStart = typeof stored === 'number' ? stored : stored === undefined ? workerStart : -Infinity;
    if (stored === undefined) await store.set({ [SESSION_KEY]: sessionStart });
    return { on: hold !== undefined, passed, sessionStart };
  };
  /** Rule changes one at a time, each on the state the previous one left. */
  const run = <T>(task: (s: State) => Promise<T>): Promise<T> => {
    state ??= load();
    const next = queue.then(async () => task(await state!));
    queue = next.catch(() => undefined);
    return next;
  };
  const dropPassed = async (s: State): Promise<void> => {
    if (s.passed.size > 0) await session.update([], [...s.passed.values()]);
    s.passed.clear();
  };
  const passPrefixes = (prefixes: readonly string[]): Promise<void> =>
    run(async (s) => {
      const fresh = [...new Set(prefixes)].filter((prefix) => !s.passed.has(prefix)).slice(-MAX_STRICT_PASSED);
      if (!s.on || fresh.length === 0) return;
      const removed: number[] = [];
      for (const [prefix, id] of s.passed) {
        if (s.passed.size + fresh.length <= MAX_STRICT_PASSED) break;
        s.passed.delete(prefix);
        removed.push(id);
      }
      const used = new Set([...s.passed.values()]);
      let id = STRICT_PASS_FIRST_ID;
      const added = fresh.map((prefix) => {
        while (used.has(id)) id++;
        used.add(id);
        return passRule(id, prefix);
      });
      // Recorded first: a worker answering meanwhile must not add the same prefix again.
      added.forEach((rule, i) => s.passed.set(fresh[i]!, rule.id));
      try {
        await session.update(added, removed);
      } catch (error) {
        for (const prefix of fresh) s.passed.delete(prefix);
        throw error;
      }
    });

  const persistPending = (): void => {
    const entries = [...pending].filter(([, url]) => url.length <= MAX_STORED_URL).slice(-MAX_STRICT_PENDING);
    pendingWrites = pendingWrites.then(() => store.set({ [PENDING_KEY]: entries })).catch(() => undefined);
  };
  const storedPending = async (tabId: number): Promise<string | undefined> => {
    await pendingWrites;
    const stored = (await store.get([PENDING_KEY]))[PENDING_KEY];
    return Array.isArray(stored) ? stored.filter(isPending).find(([id]) => id === tabId)?.[1] : undefined;
  };

  const covers = (url: string): Promise<boolean> =>
    run(async (s) => {
      const prefix = passPrefix(url);
      return s.on && (prefix === null || !s.passed.has(prefix));
    });
  const pass = async (url: string): Promise<boolean> => {
    const prefix = passPrefix(url);
    if (prefix === null) return false;
    await passPrefixes([prefix]);
    return true;
  };
  const forget = (tabId: number): void => {
    pending.delete(tabId);
    opened.delete(tabId);
  };

  return {
    sync: (on) =>
      run(async (s) => {
        if (on === s.on) return;
        await dropPassed(s);
        if (on) await dynamic.update([strictRule(checkingPage)], [STRICT_RULE_ID]);
        else await dynamic.update([], [STRICT_RULE_ID]);
        s.on = on;
      }),
    forgetPassed: () => run(dropPassed),
    covers,
    expect(tabId, url) {
      // Recorded at once: the checking page's question may be the next event this worker handles.
      forget(tabId);
      pending.set(tabId, url);
      while (pending.size > MAX_STRICT_PENDING) pending.delete(pending.keys().next().value!);
      waiting.get(tabId)?.();
      void covers(url).then(
        (held) => {
          // Only a navigation the rule holds may be forwarded from the checking page.
          if (!held || !strictCatches(url)) {
            if (pending.get(tabId) === url) pending.delete(tabId);
          } else persistPending();
        },
        () => undefined,
      );
    },
    openedDirectly(tabId) {
      forget(tabId);
      opened.add(tabId);
      while (opened.size > MAX_STRICT_PENDING) opened.delete(opened.values().next().value!);
      waiting.get(tabId)?.();
    },
    async claim(tabId, target, startedAt) {
      const matches = (url: string | undefined): url is string =>
        url !== undefined && withoutFragment(url) === withoutFragment(target);
      let url = pending.get(tabId);
      if (!matches(url) && !opened.has(tabId)) url = await storedPending(tabId);
      if (!matches(url) && !opened.has(tabId)) {
        await recorded(tabId);
        url = pending.get(tabId);
      }
      if (matches(url)) {
        pending.delete(tabId);
        persistPending();
        return url;
      }
      // No worker saw this navigation start: the browser began it before any of ours ran.
      const { sessionStart } = await run(async (s) => s);
      return startedAt !== undefined && startedAt < sessionStart && !opened.has(tabId) && strictCatches(target)
        ? target
        : null;
    },
    pass,
    passHosts: (hosts) => passPrefixes(hosts.flatMap(hostPrefixes)),
    revokeHosts: (hosts) =>
      run(async (s) => {
        const gone = new Set(hosts);
        const revoked = [...s.passed].filter(([prefix]) => gone.has(hostOfPrefix(prefix)));
        if (revoked.length === 0) return;
        for (const [prefix] of revoked) s.passed.delete(prefix);
        await session.update(
          [],
          revoked.map(([, id]) => id),
        );
      }),
    unchecked: (site) => unchecked.get(site),
    passUnchecked(url, site, reason) {
      unchecked.delete(site);
      unchecked.set(site, reason);
      if (unchecked.size > MAX_UNCHECKED) unchecked.delete(unchecked.keys().next().value!);
      return pass(url);
    },
  };
}
