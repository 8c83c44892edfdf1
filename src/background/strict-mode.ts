/**
 * Strict first-visit mode's state (Chrome): whether its hold is installed, the address prefixes let
 * through this session (session allow rules, so a restarted worker reads them back and the browser
 * forgets them when it closes), and the navigations it holds (strict-pending.ts).
 */
import type { UncheckedReason } from '../core/messages.js';
import type { NetRules } from '../platform/background-api.js';
import type { SessionStore } from '../platform/storage.js';
import { createHeldNavigations, type ListedTab } from './strict-pending.js';
import {
  hostPrefixes,
  MAX_STRICT_PASSED,
  passPrefix,
  passRule,
  prefixOfPassRule,
  STRICT_PASS_FIRST_ID,
  STRICT_RULE_ID,
  strictRule,
} from './strict-rules.js';

/** Sites let through unjudged whose reason the popup can still show (this worker's lifetime). */
const MAX_UNCHECKED = 200;

export interface StrictMode {
  /** Installs (on) or removes (off) the hold; a change forgets what was let through. */
  sync(on: boolean): Promise<void>;
  /** Forgets what was let through (a new extension version or new settings may judge it differently). */
  forgetPassed(): Promise<void>;
  /** True when the hold is installed and `url`'s address prefix has not been let through: a top-level GET there is held. */
  covers(url: string): Promise<boolean>;
  /** Records tab `tabId`'s top-level navigation to `url` (call synchronously from the navigation event). */
  expect(tabId: number, url: string): void;
  /** Records that tab `tabId` navigated to the checking page itself (a link or a script did): it vouches for nothing. */
  openedDirectly(tabId: number): void;
  /** The address recorded for `tabId` when it is `target` (fragments aside), used up; otherwise null. */
  claim(tabId: number, target: string): Promise<string | null>;
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
  /**
   * The browser's tabs: the session's first worker records those held before it could see their
   * navigation (restored as the browser starts).
   */
  readonly listTabs?: () => Promise<readonly ListedTab[]>;
}

interface State {
  on: boolean;
  /** Prefix → its rule id, oldest first. */
  readonly passed: Map<string, number>;
}

function hostOfPrefix(prefix: string): string {
  try {
    return new URL(prefix).hostname;
  } catch {
    return '';
  }
}

/** Strict mode over Chrome's rules, holding on `checkingPage`; pending navigations in `store`. */
export function createStrictMode(
  netRules: NetRules,
  checkingPage: string,
  store: SessionStore,
  options: StrictModeOptions = {},
): StrictMode {
  const { dynamic, session } = netRules;
  let state: Promise<State> | undefined;
  let queue: Promise<unknown> = Promise.resolve();
  const unchecked = new Map<string, UncheckedReason>();

  const load = async (): Promise<State> => {
    const [dynamicRules, sessionRules] = await Promise.all([dynamic.list(), session.list()]);
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
    return { on: hold !== undefined, passed };
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

  const { listTabs } = options;
  // Read before any change this worker makes: without the hold, nothing the browser restored was held.
  const heldAtStart = listTabs === undefined ? undefined : run(async (s) => s.on);
  const held = createHeldNavigations(store, {
    checkingPage,
    ...(listTabs === undefined ? {} : { listTabs: async () => ((await heldAtStart) ? listTabs() : []) }),
  });

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
    expect: (tabId, url) => held.expect(tabId, url, covers(url)),
    openedDirectly: (tabId) => held.openedDirectly(tabId),
    claim: (tabId, target) => held.claim(tabId, target),
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
