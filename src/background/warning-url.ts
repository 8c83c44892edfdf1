/** The warning page's address: the blocked URL travels after `#`, unencoded (as DNR writes it). */

export const WARNING_PAGE_PATH = 'warning/index.html';

/** Warning page URL for `target`, given the page's absolute address. */
export function warningUrl(warningPage: string, target: string): string {
  return `${warningPage}#${target}`;
}

/** The target carried by a warning page URL, or null for any other URL. */
export function targetOfWarningUrl(warningPage: string, url: string): string | null {
  return url.startsWith(`${warningPage}#`) ? url.slice(warningPage.length + 1) : null;
}
