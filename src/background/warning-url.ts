/**
 * The warning page's address: the blocked URL travels after `#`, unencoded (as DNR writes it);
 * a warning the background issues itself carries its one-time token in the query (`?t=`).
 */

export const WARNING_PAGE_PATH = 'warning/index.html';

/** Warning page URL for `target`, given the page's absolute address, with the warning's token when there is one. */
export function warningUrl(warningPage: string, target: string, token?: string): string {
  return token === undefined ? `${warningPage}#${target}` : `${warningPage}?t=${encodeURIComponent(token)}#${target}`;
}

/** The target carried by a warning page URL, or null for any other URL. */
export function targetOfWarningUrl(warningPage: string, url: string): string | null {
  if (!url.startsWith(warningPage)) return null;
  const next = url.charAt(warningPage.length);
  if (next !== '#' && next !== '?') return null;
  const hash = url.indexOf('#', warningPage.length);
  return hash === -1 ? null : url.slice(hash + 1);
}
