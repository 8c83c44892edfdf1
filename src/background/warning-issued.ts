/**
 * Did the extension itself send this tab to the warning page? Either its one-time token for that
 * tab and site is in the page's address (tabs.update in Chrome, the webRequest redirect in
 * Firefox), or the page was reached through one of the extension's own redirect rules, which carry
 * no token (a dynamic DNR rule for a host judged dangerous earlier, or a listed name): then the
 * rule covering the target is the proof, checked again here, whoever opened the page.
 */
import { parseDomain, type ScorableHost } from '../core/domain.js';
import type { BlockList } from './block-list.js';
import { ruleCatches } from './block-rules.js';
import { siteOf } from './judge.js';
import type { WarningTokens } from './warning-tokens.js';

export interface IssuedDeps {
  readonly tokens: WarningTokens;
  /** Chrome's dynamic DNR rules; null in Firefox. */
  readonly blockList: BlockList | null;
  /** True when a rule the extension ships (a known-threat list) redirects this host. */
  readonly isListed?: (parsed: ScorableHost) => boolean | Promise<boolean>;
}

/** Returns the check: true when the warning for `url` in `tabId` (with the page's `token`) is the extension's own. */
export function createIssuedCheck(
  deps: IssuedDeps,
): (url: string, token: string | undefined, tabId: number | undefined) => Promise<boolean> {
  return async (url, token, tabId) => {
    const parsed = parseDomain(url);
    if (!parsed.ok) return false;
    if (token !== undefined && tabId !== undefined && (await deps.tokens.holds(token, tabId, siteOf(parsed))))
      return true;
    if (deps.blockList && (await deps.blockList.has(parsed.host)) && ruleCatches(parsed.host, url)) return true;
    return (await deps.isListed?.(parsed)) ?? false;
  };
}
