/**
 * The per-page link budget, counted in domains rather than host names, so a page cannot spend it
 * on decoys: thousands of sub-domains of one name (or thousands of links to one host) leave room
 * for every other domain it links to. The background applies it by registrable domain
 * (site-budget-key.ts, with the public suffix list); the content script, which cannot carry the
 * list, pre-filters with `budgetKey` and `prefilterAdmits`, which never refuse a host the
 * background would admit.
 */
import { LINK_LIMITS } from './messages.js';

// Second-level labels under which names are registered in many country domains (co.uk, com.br, …).
const SECOND_LEVEL = /^(?:co|com|net|org|gov|edu|ac|or|ne|go|mil|gob|nic|ltd|plc|sch)$/;

/**
 * The content script's cheap key: a host's last two labels, or three under a country code's common
 * second level. No public-suffix list (the content script stays small); it groups more coarsely
 * than the registrable domain (`a.github.io` and `b.github.io` share `github.io`), which is why the
 * content script lets a known key through up to twice the cap (prefilterAdmits).
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

/**
 * The content script's pre-filter, under the cheap key: a new key while fewer than `hostsPerPage`
 * are tracked, a host of a known key while fewer than twice `hostsPerPage` hosts are (the most the
 * background ever scores for a page). A key shared by many registrable domains therefore never
 * hides one the background would judge; the background applies the exact budget.
 */
export function prefilterAdmits(counts: BudgetCounts): boolean {
  return counts.hasKey ? counts.hosts < 2 * LINK_LIMITS.hostsPerPage : counts.domains < LINK_LIMITS.hostsPerPage;
}
