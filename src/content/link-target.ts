/**
 * What counts as a link target: the host of an `a[href]`, `area[href]`, `form[action]` or
 * `[formaction]` element that leads to another http(s) document. Same-document links (fragments
 * of this page) and other schemes (mailto:, javascript:, tel:, blob:, …) are skipped.
 *
 * Hot path (thousands of links per page, STYLE rule 7): anchors and areas already hold a parsed
 * URL (`protocol`, `hostname`, …), so no `URL` object is built for them; forms need one.
 */

/** Selector for elements that may carry a link target (used on added subtrees). */
export const LINK_SELECTOR = 'a[href],area[href],form[action],[formaction]';

/** The parts of the current document's address a link is compared with. */
export interface PageLocation {
  readonly origin: string;
  readonly pathname: string;
  readonly search: string;
}

function isWeb(protocol: string): boolean {
  return protocol === 'http:' || protocol === 'https:';
}

function sameDocument(target: { origin: string; pathname: string; search: string; hash: string }, page: PageLocation): boolean {
  // Only a fragment away from the current page: following it never loads another document.
  return target.hash !== '' && target.origin === page.origin && target.pathname === page.pathname && target.search === page.search;
}

function hostOfUrl(raw: string, base: string, page: PageLocation): string | null {
  let url: URL;
  try {
    url = new URL(raw, base);
  } catch {
    return null;
  }
  if (!isWeb(url.protocol) || url.hostname === '' || sameDocument(url, page)) return null;
  return url.hostname;
}

/** The lowercase ASCII host this element leads to, or null when it is not a scorable link target. */
export function targetHost(element: Element, page: PageLocation, base: string): string | null {
  const tag = element.localName;
  if ((tag === 'a' || tag === 'area') && element.namespaceURI === 'http://www.w3.org/1999/xhtml') {
    const link = element as HTMLAnchorElement | HTMLAreaElement;
    if (!link.hasAttribute('href') || !isWeb(link.protocol) || link.hostname === '') return null;
    return sameDocument(link, page) ? null : link.hostname;
  }
  // A submit button's formaction overrides its form's action.
  const formAction = element.getAttribute('formaction');
  if (formAction !== null && formAction.trim() !== '') return hostOfUrl(formAction.trim(), base, page);
  if (tag === 'form') {
    const action = element.getAttribute('action');
    // An empty action submits to this very document.
    if (action === null || action.trim() === '') return null;
    return hostOfUrl(action.trim(), base, page);
  }
  return null;
}

/**
 * Where a badge for `element` goes: after the link itself; after the image an image-map area
 * belongs to; after a form's first submit control (or the element with formaction). Null when
 * there is nothing visible to stand next to (the target still counts in the summary).
 */
export function badgeAnchor(element: Element): Element | null {
  const tag = element.localName;
  if (tag === 'area') {
    const map = element.closest('map');
    const name = map?.getAttribute('name');
    if (!map || !name) return null;
    for (const image of element.ownerDocument.querySelectorAll('img[usemap]')) if (image.getAttribute('usemap') === `#${name}`) return image;
    return null;
  }
  if (tag === 'form') {
    return element.querySelector('button:not([type]),button[type=submit],input[type=submit],input[type=image]') ?? element;
  }
  return element;
}
