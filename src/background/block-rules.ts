/**
 * Chrome's declarativeNetRequest rules for flagged hosts: one dynamic redirect rule per dangerous
 * host (persisted, so later visits never reach the site), and a session allow rule per site the
 * user continued to (gone when the browser closes). Rule ↔ host mapping is pure and tested.
 */
import type { NetRule } from '../platform/net-rules.js';

export const BLOCK_PRIORITY = 1;
export const ALLOW_PRIORITY = 2;
/** The organisation's blocked sites: above the user's allow rules, which cannot override them. */
export const POLICY_BLOCK_PRIORITY = 3;
const ANY_URL = '^.+$';
/** Chrome caps regex rules at 1000 per extension; the oldest flagged hosts make room. */
export const MAX_BLOCK_RULES = 900;

const PREFIX = '^https?://(?:www\\.)?';
const SUFFIX = '(?::[0-9]+)?(?:[/?#].*)?$';

/** RE2 pattern matching every http(s) URL of `host` (and `www.host`), any port, path, query. */
export function blockPattern(host: string): string {
  return PREFIX + host.replaceAll('.', '\\.') + SUFFIX;
}

/** The host a rule written by `blockRule` blocks, or null for any other rule. */
export function hostOfRule(rule: NetRule): string | null {
  const pattern = rule.condition.regexFilter;
  if (rule.action.type !== 'redirect' || !pattern?.startsWith(PREFIX) || !pattern.endsWith(SUFFIX)) return null;
  return pattern.slice(PREFIX.length, -SUFFIX.length).replaceAll('\\.', '.');
}

/** A redirect of top-level navigations to `host` onto the warning page, the URL after its `#`. */
export function blockRule(id: number, host: string, warningPage: string): NetRule {
  return {
    id,
    priority: BLOCK_PRIORITY,
    action: { type: 'redirect', redirect: { regexSubstitution: `${warningPage}#\\0` } },
    condition: { regexFilter: blockPattern(host), resourceTypes: ['main_frame'] },
  };
}

/** Lets top-level navigations to `site` and its subdomains through, over any block rule. */
export function allowRule(id: number, site: string): NetRule {
  return {
    id,
    priority: ALLOW_PRIORITY,
    action: { type: 'allow' },
    condition: { requestDomains: [site], resourceTypes: ['main_frame'] },
  };
}

/**
 * Always lets `site` and its sub-domains through, top level and frames, over the packaged threat
 * list's static redirect (same priority as Continue's session rule, which it outlives).
 */
export function trustRule(id: number, site: string): NetRule {
  return {
    id,
    priority: ALLOW_PRIORITY,
    action: { type: 'allow' },
    condition: { requestDomains: [site], resourceTypes: ['main_frame', 'sub_frame'] },
  };
}

/** The site a rule written by `trustRule` lets through, or null for any other rule. */
export function siteOfTrustRule(rule: NetRule): string | null {
  const { action, condition } = rule;
  return action.type === 'allow' &&
    condition.requestDomains?.length === 1 &&
    condition.resourceTypes.includes('sub_frame')
    ? condition.requestDomains[0]!
    : null;
}

/** One redirect of the organisation's blocked sites (and their sub-domains), top level and frames. */
export function policyBlockRule(id: number, sites: readonly string[], warningPage: string): NetRule {
  return {
    id,
    priority: POLICY_BLOCK_PRIORITY,
    action: { type: 'redirect', redirect: { regexSubstitution: `${warningPage}#\\0` } },
    condition: { regexFilter: ANY_URL, requestDomains: [...sites], resourceTypes: ['main_frame', 'sub_frame'] },
  };
}

/** True for a rule written by `policyBlockRule`. */
export function isPolicyBlockRule(rule: NetRule): boolean {
  return (
    rule.action.type === 'redirect' && rule.priority === POLICY_BLOCK_PRIORITY && rule.condition.regexFilter === ANY_URL
  );
}

/** True when `host` is `site` or one of its subdomains. */
export function isUnderSite(host: string, site: string): boolean {
  return host === site || host.endsWith(`.${site}`);
}

/** True when the rule for `host` would catch `url` (a URL it misses still needs the tab redirect). */
export function ruleCatches(host: string, url: string): boolean {
  return new RegExp(blockPattern(host), 'i').test(url);
}
