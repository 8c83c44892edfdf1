/**
 * The address the warning page was asked to guard, read from its own URL (everything after the
 * first `#`). Only http(s) targets can be continued to; anything else is refused with a reason.
 */
import { t } from '../platform/i18n.js';

export type Target =
  { readonly ok: true; readonly url: string; readonly host: string } | { readonly ok: false; readonly message: string };

const REFUSED_SCHEMES = new Set(['javascript:', 'data:', 'vbscript:', 'file:', 'blob:']);

/** Parses the target out of the warning page's own href. Never throws. */
export function parseTarget(pageHref: string): Target {
  const hash = pageHref.indexOf('#');
  const raw = hash === -1 ? '' : pageHref.slice(hash + 1).trim();
  if (raw === '') return { ok: false, message: t('warning_refused_no_address') };
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, message: t('warning_refused_malformed') };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    const message = REFUSED_SCHEMES.has(url.protocol)
      ? t('warning_refused_scheme', url.protocol)
      : t('warning_refused_scheme_other', url.protocol);
    return { ok: false, message };
  }
  if (url.hostname === '') return { ok: false, message: t('warning_refused_no_host') };
  return { ok: true, url: url.href, host: url.hostname };
}
