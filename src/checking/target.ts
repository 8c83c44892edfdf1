/**
 * The checking page's target: the address after the page's first `#`, as strict mode's redirect
 * rule writes it (unencoded). Only http(s) addresses are ever acted on; `javascript:`, `data:` and
 * anything else is refused before the page asks the background about it.
 */

export type CheckingTarget =
  { readonly ok: true; readonly url: string; readonly host: string } | { readonly ok: false };

/** The http(s) address carried by the checking page's own `href`, or not ok. */
export function checkingTarget(href: string): CheckingTarget {
  const hash = href.indexOf('#');
  if (hash === -1) return { ok: false };
  const url = href.slice(hash + 1);
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return { ok: false };
    return { ok: true, url, host: parsed.hostname };
  } catch {
    return { ok: false };
  }
}

/** True when `url` is an http(s) address (where a forward may go). */
export function isWebAddress(url: string): boolean {
  return checkingTarget(`#${url}`).ok;
}

/** True when `url` is the extension's own warning page (where a warn answer may go); `origin` has no trailing slash. */
export function isOwnWarningPage(url: string, origin: string): boolean {
  const page = `${origin}/warning/index.html`;
  // Compared as text: URL's `origin` is "null" for extension schemes outside the browser.
  return url.startsWith(page) && (url.length === page.length || url[page.length] === '?' || url[page.length] === '#');
}
