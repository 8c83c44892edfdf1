/**
 * Which web page a tab is about: its own http(s) address, or — on Snowman's warning page — the
 * address the warning stopped, so the popup can show that site and its actions.
 */
import { parseTarget } from '../ui/warning-target.js';

export interface TabPage {
  /** The http(s) address to show; null when the tab shows no web page. */
  readonly url: string | null;
  /** True when the tab shows the warning for `url`. */
  readonly warned: boolean;
}

/** The page of a tab whose address is `tabUrl`; `warningPage` is the warning page's absolute URL. */
export function tabPage(tabUrl: string | null, warningPage: string): TabPage {
  if (tabUrl === null) return { url: null, warned: false };
  if (tabUrl.startsWith(`${warningPage}#`) || tabUrl.startsWith(`${warningPage}?`)) {
    const target = parseTarget(tabUrl);
    return target.ok ? { url: target.url, warned: true } : { url: null, warned: false };
  }
  return { url: /^https?:/i.test(tabUrl) ? tabUrl : null, warned: false };
}
