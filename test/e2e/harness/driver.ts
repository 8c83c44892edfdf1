/**
 * What a scenario needs from a browser, whichever drives it (playwright-core for Chromium,
 * puppeteer-core for Firefox): tabs that navigate and read the page, privileged protocol calls,
 * stopping the background, restarting on the same profile.
 */
import type { MessageType, RequestOf, ResponseOf } from '../../../src/core/messages.js';

export interface TestTab {
  /** Navigates; a navigation the extension redirects is not an error. */
  goto(url: string): Promise<void>;
  /** The document's own location.href (driver URLs can lag on extension pages). */
  href(): Promise<string>;
  /** Waits until location.href satisfies `test`; returns it. */
  waitForHref(test: (href: string) => boolean, timeoutMs?: number): Promise<string>;
  /** Text of the first element matching `selector`, or null. */
  text(selector: string): Promise<string | null>;
  /** Clicks the first element matching `selector` (a real input event). */
  click(selector: string): Promise<void>;
  /** Presses a key in the page (keyboard access). */
  press(key: string): Promise<void>;
  /** The selector of the focused element's class list, e.g. "primary". */
  focusedClass(): Promise<string>;
  close(): Promise<void>;
}

export interface ToolbarState {
  readonly badge: string;
  readonly title: string;
}

export interface BrowserUnderTest {
  readonly name: 'chromium' | 'firefox';
  /** `chrome-extension://<id>/` or `moz-extension://<uuid>/`. */
  readonly origin: string;
  /** Firefox holds the first request until the verdict; Chrome's first visit may reach the site. */
  readonly blocksFirstVisit: boolean;
  newTab(): Promise<TestTab>;
  /** Opens an extension page (path under the extension root, with hash). */
  openExtensionPage(path: string): Promise<TestTab>;
  call<K extends MessageType>(type: K, payload: RequestOf<K>): Promise<ResponseOf<K>>;
  /** Tab id and toolbar state of the tab showing a URL that starts with `urlPrefix`. */
  toolbarFor(urlPrefix: string): Promise<ToolbarState & { tabId: number }>;
  /** Chrome: every domain the extension's dynamic DNR rules name; absent in Firefox. */
  dynamicRuleDomains?(): Promise<string[]>;
  /** Stops the background (Chrome: CDP stopAllWorkers; Firefox: waits out a short idle timeout). */
  stopBackground(): Promise<void>;
  /** Closes and relaunches on the same profile. */
  restart(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Polls a page's location.href until `test` accepts it. Reading fails while a document is being
 * replaced (the extension redirecting a navigation), so failures count as "not yet".
 */
export async function pollHref(
  read: () => Promise<string>,
  test: (href: string) => boolean,
  timeoutMs = 10_000,
): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  let last = '(unreadable)';
  for (;;) {
    try {
      last = await read();
      if (test(last)) return last;
    } catch {
      // navigating: try again
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for the page address; last seen ${last}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The page's address once it starts with `prefix`, or the address it is at when `timeoutMs` runs out. */
export function hrefReaching(read: () => Promise<string>, prefix: string, timeoutMs = 20_000): Promise<string> {
  return pollHref(read, (href) => href.startsWith(prefix), timeoutMs).catch(read);
}
