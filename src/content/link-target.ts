/**
 * What counts as a link target: the host of an `a[href]`, `area[href]`, `form[action]` or
 * `[formaction]` element that leads to another http(s) document. Same-document links (fragments
 * of this page) and other schemes (mailto:, javascript:, tel:, blob:, …) are skipped.
 *
 * Hot path (thousands of links per page, STYLE rule 7): each URL getter of an anchor re-resolves
 * its href (and the first resolution of a fresh page's anchors is slow: about 30 µs each, 150 ms on
 * a 5,000-link page), so the common case — an absolute http(s) address with a plain ASCII host — is
 * read from the attribute with one regular expression; anything else goes through the browser's
 * own `href` and `hostname`. No `URL` object is built for anchors and areas, only for form actions.
 */

/** Selector for elements that may carry a link target (used on added subtrees). */
export const LINK_SELECTOR = 'a[href],area[href],form[action],[formaction]';

/** The current document's address without its fragment, and its base URL (for form actions). */
export interface PageLocation {
  readonly url: string;
  readonly base: string;
}

/** Reads the document's location once per scan pass (a single-page app may change it between passes). */
export function pageLocation(doc: Document): PageLocation {
  const href = doc.location.href;
  const hash = href.indexOf('#');
  return { url: hash === -1 ? href : href.slice(0, hash), base: doc.baseURI };
}

const isWeb = (href: string): boolean => href.startsWith('http:') || href.startsWith('https:');

/** Only a fragment away from the current page: following it never loads another document. */
function sameDocument(href: string, page: PageLocation): boolean {
  const hash = href.indexOf('#');
  return hash !== -1 && href.slice(0, hash) === page.url;
}

function hostOfUrl(raw: string, page: PageLocation): string | null {
  let url: URL;
  try {
    url = new URL(raw, page.base);
  } catch {
    return null;
  }
  if (!isWeb(url.href) || url.hostname === '' || sameDocument(url.href, page)) return null;
  return url.hostname;
}

/**
 * `scheme://host[:port]` followed by `/`, `?` or the end, with a host of ASCII letters, digits and
 * hyphens in non-empty labels. Whatever else a URL parser would change (spaces, tabs and newlines it
 * strips, backslashes, user info, percent-escapes, IDN and `xn--` labels, numeric IPv4 forms it
 * rewrites, fragments that may point at this very page) fails the match and takes the slow path.
 */
const PLAIN_WEB_URL = /^https?:\/\/((?:[a-z0-9-]+\.)*[a-z][a-z0-9-]*\.?)(?::(\d{1,5}))?(?:[/?][^#]*)?$/i;

/**
 * The host of an absolute http(s) address when it can be read without a URL parser, exactly as the
 * browser's `hostname` would give it; undefined when the address needs the parser.
 */
export function plainWebHost(raw: string): string | undefined {
  const match = PLAIN_WEB_URL.exec(raw);
  if (!match) return undefined;
  const host = match[1]!.toLowerCase();
  // The last label starts with a letter, so the host is never read as an IPv4 number; an `xn--` label
  // is checked by the parser (an invalid one makes the whole address invalid).
  if (host.length > 253 || host.includes('xn--') || (match[2] !== undefined && Number(match[2]) > 65535))
    return undefined;
  return host;
}

/** The lowercase ASCII host this element leads to, or null when it is not a scorable link target. */
export function targetHost(element: Element, page: PageLocation): string | null {
  const tag = element.localName;
  if ((tag === 'a' || tag === 'area') && element.namespaceURI === 'http://www.w3.org/1999/xhtml') {
    const raw = element.getAttribute('href');
    const plain = raw === null ? undefined : plainWebHost(raw);
    if (plain !== undefined) return plain;
    const link = element as HTMLAnchorElement | HTMLAreaElement;
    // `href` is the resolved, serialised URL: its scheme is lowercase.
    const href = link.href;
    if (!isWeb(href) || sameDocument(href, page)) return null;
    const host = link.hostname;
    return host === '' ? null : host;
  }
  // A submit button's formaction overrides its form's action.
  const formAction = element.getAttribute('formaction');
  if (formAction !== null && formAction.trim() !== '') return hostOfUrl(formAction.trim(), page);
  if (tag === 'form') {
    const action = element.getAttribute('action');
    // An empty action submits to this very document.
    if (action === null || action.trim() === '') return null;
    return hostOfUrl(action.trim(), page);
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
    for (const image of element.ownerDocument.querySelectorAll('img[usemap]'))
      if (image.getAttribute('usemap') === `#${name}`) return image;
    return null;
  }
  if (tag === 'form') {
    return (
      element.querySelector('button:not([type]),button[type=submit],input[type=submit],input[type=image]') ?? element
    );
  }
  return element;
}
