/**
 * The link budget's key as the background applies it: the registrable domain by the public
 * suffix list (private section on, as parseDomain reads it), so `a.github.io` and `b.github.io`
 * are two domains, as they are two sites. The content script cannot carry the list (its 30 KB
 * budget) and pre-filters with the cheap key of link-budget.ts, more loosely, so it never drops
 * a host this key would admit.
 */
import { LruCache } from './cache.js';
import { parseDomain } from './domain.js';
import { budgetKey } from './link-budget.js';

/** Keys already computed: a page's summary asks again for every known host at each batch. */
const known = new LruCache<string, string>(50_000);

/** The registrable domain `host` counts against; the cheap key when it has none (an IP, a local or special-use name). */
export function siteBudgetKey(host: string): string {
  let key = known.get(host);
  if (key === undefined) {
    const parsed = parseDomain(host);
    key = (parsed.ok ? parsed.registrableDomain : null) ?? budgetKey(host);
    known.set(host, key);
  }
  return key;
}
