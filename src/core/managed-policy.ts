/**
 * The organisation's policy (storage.managed, described by managed-schema.json): sites always
 * blocked and always trusted, link badges and sensitivity, validated like the user's settings. The
 * user cannot change it; it wins over the user's own choices (a blocked site stays blocked even if
 * the user trusts it, a sensitivity it sets replaces the user's).
 */
import { isSensitivity, type Sensitivity } from './sensitivity.js';

export interface ManagedPolicy {
  /** Sites (registrable domains, PSL private section on) always judged dangerous. */
  readonly blockedDomains: readonly string[];
  /** Sites never stopped, the packaged threat list included (blocked wins over trusted). */
  readonly trustedDomains: readonly string[];
  /** Set: link badges are off (true) or on (false) whatever the user chooses; absent: the user's choice. */
  readonly disableLinkBadges?: boolean;
  /** Set: the sensitivity every surface uses, whatever the user chooses; absent: the user's choice. */
  readonly sensitivity?: Sensitivity;
  /** Set: strict first-visit mode on (true) or off (false) whatever the user chooses; absent: the user's choice. */
  readonly strictFirstVisit?: boolean;
}

export const NO_POLICY: ManagedPolicy = { blockedDomains: [], trustedDomains: [] };

/** Policies beyond this are cut (the dynamic-rule and storage budgets are per extension). */
export const MAX_POLICY_SITES = 5_000;

/** Turns one policy entry into the site key the user's choices use, or null when it names no site. */
export type PolicySiteKey = (entry: string) => string | null;

function sites(value: unknown, key: string, problems: string[], siteKey: PolicySiteKey): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) {
    problems.push(`${key} is not a list; ignored`);
    return [];
  }
  const out = new Set<string>();
  for (const item of value) {
    const site = typeof item === 'string' ? siteKey(item) : null;
    if (site === null) problems.push(`${key}: dropped ${JSON.stringify(item)?.slice(0, 80)}`);
    else if (out.size >= MAX_POLICY_SITES)
      problems.push(`${key}: more than ${MAX_POLICY_SITES} sites; the rest dropped`);
    else out.add(site);
  }
  return [...out];
}

/**
 * Validates what storage.managed holds; `problems` collects what was dropped. Never throws.
 * `siteKey` is passed in so a page that only shows the policy need not bundle the domain parser.
 */
export function parseManagedPolicy(raw: unknown, siteKey: PolicySiteKey, problems: string[] = []): ManagedPolicy {
  if (typeof raw !== 'object' || raw === null) return NO_POLICY;
  const record = raw as Record<string, unknown>;
  const blockedDomains = sites(record['blockedDomains'], 'blockedDomains', problems, siteKey);
  const blocked = new Set(blockedDomains);
  const trustedDomains = sites(record['trustedDomains'], 'trustedDomains', problems, siteKey).filter(
    (site) => !blocked.has(site),
  );
  const disableLinkBadges = record['disableLinkBadges'];
  const sensitivity = record['sensitivity'];
  const strictFirstVisit = record['strictFirstVisit'];
  if (strictFirstVisit !== undefined && typeof strictFirstVisit !== 'boolean')
    problems.push('strictFirstVisit is not true or false; ignored');
  if (disableLinkBadges !== undefined && typeof disableLinkBadges !== 'boolean')
    problems.push('disableLinkBadges is not true or false; ignored');
  if (sensitivity !== undefined && !isSensitivity(sensitivity))
    problems.push(
      `sensitivity ${JSON.stringify(sensitivity)?.slice(0, 40)} is not relaxed, balanced or strict; ignored`,
    );
  return {
    blockedDomains,
    trustedDomains,
    ...(typeof disableLinkBadges === 'boolean' ? { disableLinkBadges } : {}),
    ...(isSensitivity(sensitivity) ? { sensitivity } : {}),
    ...(typeof strictFirstVisit === 'boolean' ? { strictFirstVisit } : {}),
  };
}

/** The preferences every surface applies: the user's, with whatever the policy sets in their place. */
export function effectivePreferences(
  user: { readonly sensitivity: Sensitivity; readonly linkBadges: boolean },
  policy: ManagedPolicy,
): { sensitivity: Sensitivity; linkBadges: boolean } {
  return {
    sensitivity: policy.sensitivity ?? user.sensitivity,
    linkBadges: policy.disableLinkBadges === undefined ? user.linkBadges : !policy.disableLinkBadges,
  };
}

/** Whether strict first-visit mode is on: the policy's value when it sets one, else the user's. */
export function strictFirstVisitOn(user: { readonly strictFirstVisit: boolean }, policy: ManagedPolicy): boolean {
  return policy.strictFirstVisit ?? user.strictFirstVisit;
}
