/**
 * The live set of declarativeNetRequest rules (Chrome only): read once from the browser, then
 * changed through one serialised queue so concurrent navigations never pick the same rule id.
 */
import { NO_POLICY, type ManagedPolicy } from '../core/managed-policy.js';
import type { Settings } from '../core/settings.js';
import type { NetRules } from '../platform/background-api.js';
import type { NetRule } from '../platform/net-rules.js';
import {
  MAX_BLOCK_RULES,
  allowRule,
  blockRule,
  hostOfRule,
  isPolicyBlockRule,
  isUnderSite,
  policyBlockRule,
  siteOfTrustRule,
  trustRule,
} from './block-rules.js';
import { isImportedRule } from './imported-rules.js';
import { isStrictRule } from './strict-rules.js';

/**
 * Sites let through for good (the user's trusted and paused sites, the policy's trusted ones, never
 * a site the policy blocks): each gets a persistent allow rule.
 */
export function alwaysAllowedSites(
  settings: Pick<Settings, 'trustedSites' | 'pausedSites'>,
  policy: ManagedPolicy = NO_POLICY,
): string[] {
  const blocked = new Set(policy.blockedDomains);
  return [...new Set([...settings.trustedSites, ...settings.pausedSites, ...policy.trustedDomains])].filter(
    (site) => !blocked.has(site),
  );
}

export interface BlockList {
  /** True when a redirect rule for `host` is installed. */
  has(host: string): Promise<boolean>;
  add(host: string): Promise<void>;
  /** Rules for many hosts in one update (a page's dangerous links, judged before any click). */
  addMany(hosts: readonly string[]): Promise<void>;
  /** Removes the redirect rules of `site` and its subdomains (Always trust). */
  removeSite(site: string): Promise<void>;
  /** Session allow rule for `site` (Continue). */
  allowForSession(site: string): Promise<void>;
  /**
   * Makes the persistent allow rules match `sites` (alwaysAllowedSites): Chrome's static threat
   * rules would otherwise redirect a listed site the user chose to trust or pause.
   */
  syncTrusted(sites: readonly string[]): Promise<void>;
  /** Makes the one redirect rule for the organisation's blocked sites list `sites` (none when empty). */
  syncPolicyBlocked(sites: readonly string[]): Promise<void>;
  /** Makes the imported lists' rules (their own id range) exactly `rules`. */
  syncImported(rules: readonly NetRule[]): Promise<void>;
  /** Removes the per-host redirect rules of the hosts `test` accepts (a block list cleared or replaced). */
  removeHosts(test: (host: string) => boolean): Promise<void>;
  /** Drops every rule (a new model version may judge differently). */
  clear(): Promise<void>;
}

interface RuleState {
  readonly blocked: Map<string, number>;
  readonly allowed: Map<string, number>;
  nextId: number;
}

/** The highest id of the guard's own rules (the imported lists' rules have a range of their own). */
function maxId(rules: readonly NetRule[]): number {
  return rules.reduce((max, rule) => (isImportedRule(rule) || isStrictRule(rule) ? max : Math.max(max, rule.id)), 0);
}

/** The block list over the browser's DNR `rules`, redirecting to `warningPage`. */
export function createBlockList(rules: NetRules, warningPage: string): BlockList {
  const { dynamic: dynamicRules, session: sessionRules } = rules;
  let queue: Promise<unknown> = Promise.resolve();
  let state: Promise<RuleState> | undefined;

  async function load(): Promise<RuleState> {
    const [dynamic, session] = await Promise.all([dynamicRules.list(), sessionRules.list()]);
    const blocked = new Map<string, number>();
    for (const rule of dynamic) {
      const host = hostOfRule(rule);
      if (host !== null) blocked.set(host, rule.id);
    }
    const allowed = new Map<string, number>();
    for (const rule of session) {
      const site = rule.action.type === 'allow' ? rule.condition.requestDomains?.[0] : undefined;
      if (site !== undefined) allowed.set(site, rule.id);
    }
    return { blocked, allowed, nextId: Math.max(maxId(dynamic), maxId(session)) + 1 };
  }

  function run<T>(task: (s: RuleState) => Promise<T>): Promise<T> {
    state ??= load();
    const next = queue.then(async () => task(await state!));
    queue = next.catch(() => undefined);
    return next;
  }

  /** Adds rules for the hosts not ruled yet, evicting the oldest past the cap, in one update. */
  async function addRules(s: RuleState, hosts: readonly string[]): Promise<void> {
    const fresh = [...new Set(hosts)].filter((host) => !s.blocked.has(host)).slice(-MAX_BLOCK_RULES);
    if (fresh.length === 0) return;
    const overflow = s.blocked.size + fresh.length - MAX_BLOCK_RULES;
    const evict = overflow > 0 ? [...s.blocked].slice(0, overflow) : [];
    const added = fresh.map((host) => [host, s.nextId++] as const);
    await dynamicRules.update(
      added.map(([host, id]) => blockRule(id, host, warningPage)),
      evict.map(([, ruleId]) => ruleId),
    );
    for (const [old] of evict) s.blocked.delete(old);
    for (const [host, id] of added) s.blocked.set(host, id);
  }

  function removeHosts(test: (host: string) => boolean): Promise<void> {
    return run(async (s) => {
      const gone = [...s.blocked].filter(([host]) => test(host));
      if (gone.length === 0) return;
      await dynamicRules.update(
        [],
        gone.map(([, id]) => id),
      );
      for (const [host] of gone) s.blocked.delete(host);
    });
  }

  return {
    has: (host) => run(async (s) => s.blocked.has(host)),
    add: (host) => run((s) => addRules(s, [host])),
    addMany: (hosts) => run((s) => addRules(s, hosts)),
    removeSite: (site) => removeHosts((host) => isUnderSite(host, site)),
    removeHosts: (test) => removeHosts(test),
    allowForSession: (site) =>
      run(async (s) => {
        if (s.allowed.has(site)) return;
        const id = s.nextId++;
        await sessionRules.update([allowRule(id, site)], []);
        s.allowed.set(site, id);
      }),
    syncTrusted: (sites) =>
      run(async (s) => {
        const current = new Map<string, number>();
        for (const rule of await dynamicRules.list()) {
          const site = isImportedRule(rule) ? null : siteOfTrustRule(rule);
          if (site !== null) current.set(site, rule.id);
        }
        const wanted = new Set(sites);
        const add = [...wanted].filter((site) => !current.has(site)).map((site) => trustRule(s.nextId++, site));
        const remove = [...current].filter(([site]) => !wanted.has(site)).map(([, id]) => id);
        if (add.length > 0 || remove.length > 0) await dynamicRules.update(add, remove);
      }),
    syncPolicyBlocked: (sites) =>
      run(async (s) => {
        const old = (await dynamicRules.list()).filter(isPolicyBlockRule).map((rule) => rule.id);
        const add = sites.length > 0 ? [policyBlockRule(s.nextId++, sites, warningPage)] : [];
        if (add.length > 0 || old.length > 0) await dynamicRules.update(add, old);
      }),
    syncImported: (rules) =>
      run(async () => {
        const old = (await dynamicRules.list()).filter(isImportedRule).map((rule) => rule.id);
        if (rules.length > 0 || old.length > 0) await dynamicRules.update([...rules], old);
      }),
    clear: () =>
      run(async (s) => {
        // Every dynamic rule is ours; listing them also drops any this code no longer recognises.
        // Strict mode's rule stays: it follows the setting (strict-mode.ts), not the verdicts.
        await dynamicRules.update(
          [],
          (await dynamicRules.list()).filter((rule) => !isStrictRule(rule)).map((rule) => rule.id),
        );
        s.blocked.clear();
      }),
  };
}
