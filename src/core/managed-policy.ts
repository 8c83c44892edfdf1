/**
 * The organisation's policy (storage.managed, described by managed-schema.json): sites always
 * blocked and always trusted, validated like the user's settings. The user cannot change it; it
 * wins over the user's own choices (a blocked site stays blocked even if the user trusts it).
 */
import { parseDomain } from './domain.js';

export interface ManagedPolicy {
  /** Sites (registrable domains, PSL private section on) always judged dangerous. */
  readonly blockedDomains: readonly string[];
  /** Sites never stopped, the packaged threat list included (blocked wins over trusted). */
  readonly trustedDomains: readonly string[];
}

export const NO_POLICY: ManagedPolicy = { blockedDomains: [], trustedDomains: [] };

/** Policies beyond this are cut (the dynamic-rule and storage budgets are per extension). */
export const MAX_POLICY_SITES = 5_000;

function sites(value: unknown, key: string, problems: string[]): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) {
    problems.push(`${key} is not a list; ignored`);
    return [];
  }
  const out = new Set<string>();
  for (const item of value) {
    const parsed = typeof item === 'string' ? parseDomain(item) : null;
    if (!parsed?.ok) problems.push(`${key}: dropped ${JSON.stringify(item)?.slice(0, 80)}`);
    else if (out.size >= MAX_POLICY_SITES) problems.push(`${key}: more than ${MAX_POLICY_SITES} sites; the rest dropped`);
    // The site key the user's choices use too (background/judge.ts siteOf).
    else out.add(parsed.registrableDomain ?? parsed.host);
  }
  return [...out];
}

/** Validates what storage.managed holds; `problems` collects what was dropped. Never throws. */
export function parseManagedPolicy(raw: unknown, problems: string[] = []): ManagedPolicy {
  if (typeof raw !== 'object' || raw === null) return NO_POLICY;
  const record = raw as Record<string, unknown>;
  const blockedDomains = sites(record['blockedDomains'], 'blockedDomains', problems);
  const blocked = new Set(blockedDomains);
  const trustedDomains = sites(record['trustedDomains'], 'trustedDomains', problems).filter((site) => !blocked.has(site));
  return { blockedDomains, trustedDomains };
}
