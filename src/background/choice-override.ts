/**
 * Whose choice decides a name, in order of precedence: the organisation's (blocked, then trusted),
 * the user's own (trusted, then blocked), then the lists the user imported (trusted, then blocked).
 * A choice made for one site outranks a list of thousands; trust outranks block at each level,
 * except the organisation's block, which nothing outranks.
 */
import type { ManagedPolicy } from '../core/managed-policy.js';
import type { Settings } from '../core/settings.js';
import type { UserOverride } from '../core/verdict.js';
import type { HostListMatch } from './host-lists.js';

export interface ChoiceState {
  readonly settings: Pick<Settings, 'trustedSites' | 'blockedSites'>;
  readonly policy: Pick<ManagedPolicy, 'blockedDomains' | 'trustedDomains'>;
  readonly hostLists: Pick<HostListMatch, 'block' | 'trust'>;
}

/** The override for `host` (whose site key is `site`), or undefined when the model and the lists decide. */
export function choiceOverride(state: ChoiceState, site: string, host: string): UserOverride | undefined {
  const { settings, policy, hostLists } = state;
  if (policy.blockedDomains.includes(site)) return 'org-blocked';
  if (policy.trustedDomains.includes(site)) return 'org-trusted';
  if (settings.trustedSites.includes(site)) return 'trusted';
  if (settings.blockedSites.includes(site)) return 'blocked';
  if (hostLists.trust.match(host) !== null) return 'imported-trusted';
  if (hostLists.block.match(host) !== null) return 'imported-blocked';
  return undefined;
}
