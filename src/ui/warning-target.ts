/**
 * The address the warning page was asked to guard, read from its own URL (everything after the
 * first `#`). Only http(s) targets can be continued to; anything else is refused with a reason.
 */

export type Target =
  { readonly ok: true; readonly url: string; readonly host: string } | { readonly ok: false; readonly message: string };

const REFUSED_SCHEMES = new Set(['javascript:', 'data:', 'vbscript:', 'file:', 'blob:']);

/** Parses the target out of the warning page's own href. Never throws. */
export function parseTarget(pageHref: string): Target {
  const hash = pageHref.indexOf('#');
  const raw = hash === -1 ? '' : pageHref.slice(hash + 1).trim();
  if (raw === '') return { ok: false, message: 'No address was given to this page.' };
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, message: 'The address is malformed, so Snowman will not open it.' };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    const scheme = REFUSED_SCHEMES.has(url.protocol) ? url.protocol : `${url.protocol} addresses`;
    return { ok: false, message: `Snowman only opens http and https addresses from here, not ${scheme}` };
  }
  if (url.hostname === '') return { ok: false, message: 'The address has no host name, so Snowman will not open it.' };
  return { ok: true, url: url.href, host: url.hostname };
}
