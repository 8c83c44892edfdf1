/**
 * The per-page link budget, counted in domains rather than host names, so a page cannot spend it
 * on decoys: thousands of sub-domains of one name (or thousands of links to one host) leave room
 * for every other domain it links to. The content script and the background apply the same rule
 * with the same key, so neither tracks a host the other refuses.
 */
import { LINK_LIMITS } from './messages.js';

// Second-level labels under which names are registered in many country domains (co.uk, com.br, …).
const SECOND_LEVEL = /^(?:co|com|net|org|gov|edu|ac|or|ne|go|mil|gob|nic|ltd|plc|sch)$/;

/**
 * The domain a host counts against: its last two labels, or three under a country code's common
 * second level. No public-suffix list (the content script stays small): the key only groups hosts
 * for the budget, it decides nothing about a verdict.
 */
export function budgetKey(host: string): string {
  const labels = host.split('.');
  const n = labels.length;
  if (n <= 2) return host;
  const keep = labels[n - 1]!.length === 2 && SECOND_LEVEL.test(labels[n - 2]!) ? 3 : 2;
  return labels.slice(n - keep).join('.');
}

/** Hosts and the domains they count against, as one page's budget sees them. */
export interface BudgetCounts {
  readonly hosts: number;
  readonly domains: number;
  /** True when a host of this key is already judged for the page. */
  readonly hasKey: boolean;
}

/**
 * Whether one more host fits: the first host of a domain while fewer than `hostsPerPage` domains
 * are judged, a further host of a known domain while fewer than `hostsPerPage` hosts are (so at
 * most twice that many hosts are ever scored for a page).
 */
export function budgetAdmits(counts: BudgetCounts): boolean {
  return counts.hasKey ? counts.hosts < LINK_LIMITS.hostsPerPage : counts.domains < LINK_LIMITS.hostsPerPage;
}
