/**
 * What the link and popup suites need from a browser, on top of the extension harness's
 * launchers (harness/chromium.ts, harness/firefox.ts): pages with script evaluation in the page's
 * own world (what a hostile page can see), the tab id of a page, the popup opened for a tab, and
 * — where the driver has the privilege — a look inside the closed shadow roots.
 */
import type { Page } from 'playwright-core';
import type { Browser } from 'webextension-polyfill';
import type { MessageType, RequestOf, ResponseOf } from '../../../src/core/messages.js';
import { POPUP_FIRST_FRAME_MARK } from '../../../src/popup/start.js';
import { gotoAllowingRedirect, launchChromium } from '../harness/chromium.js';

export interface LinkPage {
  goto(url: string): Promise<void>;
  /** Runs `fn` in the page's own JavaScript world (not the extension's). */
  evaluate<T, A = undefined>(fn: (arg: A) => T | Promise<T>, arg?: A): Promise<T>;
  focus(selector: string): Promise<void>;
  click(selector: string): Promise<void>;
  screenshot(file: string): Promise<void>;
  setViewport(width: number, height: number): Promise<void>;
  /** Presses a key in the focused element (keyboard use). */
  press(key: string): Promise<void>;
  /** Evaluates script source in the page through the driver (not subject to the page's CSP): injects axe-core. */
  evaluateScript(source: string): Promise<unknown>;
  /** Emulates prefers-color-scheme; false where the driver cannot (Firefox over BiDi), leaving the default (light). */
  colorScheme(scheme: 'light' | 'dark'): Promise<boolean>;
  close(): Promise<void>;
}

export interface LinkBrowser {
  readonly name: 'chromium' | 'firefox';
  /** `chrome-extension://<id>/` or `moz-extension://<uuid>/`. */
  readonly origin: string;
  newPage(): Promise<LinkPage>;
  /** The id of the tab whose URL is `url`. */
  tabIdOf(url: string): Promise<number>;
  /** The toolbar popup for a tab, opened as an extension page (`popup/index.html?tab=<id>`). */
  openPopup(tabId: number): Promise<LinkPage>;
  /**
   * Chromium only: the popup with its messages to the background held unanswered (its
   * `runtime.sendMessage` never settles), as with a worker that is stopped or still loading the model.
   * Its renders are recorded: `window.__renders` says, for each change that took children out of
   * #app (a render; the parser filling in the page's shell only adds), whether #app then held a
   * verdict; `window.__firstVerdict` is the first #site-verdict element seen (parsed or rendered).
   */
  openPopupWithoutBackground?(tabId: number): Promise<LinkPage>;
  /**
   * Chromium only: the extension page at `url` (absolute) with nothing but its address to go by:
   * besides the messages, its storage.session reads and tab look-ups never settle. Its renders are
   * recorded as for openPopupWithoutBackground.
   */
  openAddressAlone?(url: string): Promise<LinkPage>;
  /** The popup's address the toolbar opens for a tab (`action.getPopup`), absolute. */
  toolbarPopup(tabId: number): Promise<string>;
  /**
   * The toolbar button's own popup (opened by `action.openPopup` over the tab, made active), read
   * through `extension.getViews` once its actions are on or 10 s have passed, then closed.
   */
  openToolbarBubble(tabId: number): Promise<ToolbarBubble>;
  /** An extension page by its path in the package (`options/index.html`). */
  openExtensionPage(path: string): Promise<LinkPage>;
  call<K extends MessageType>(type: K, payload: RequestOf<K>): Promise<ResponseOf<K>>;
  /** Toolbar badge text of a tab. */
  badgeText(tabId: number): Promise<string>;
  /**
   * Host → badge level, read inside the closed shadow roots with the driver's privileges (CDP's
   * pierce); null where the driver has no such view (the page never has it).
   */
  badgeLevels(page: LinkPage): Promise<Record<string, string> | null>;
  close(): Promise<void>;
}

/** What the toolbar button's popup showed, and when (ms from its navigation start). */
export interface ToolbarBubble {
  /** Its page, relative to the package root. */
  readonly page: string;
  readonly verdict: string | null;
  readonly host: string | null;
  /** Some action is enabled: main.js ran and the background answered. */
  readonly actions: boolean;
  /** It was visible and had painted its first contentful frame. */
  readonly shown: boolean;
  readonly painted: boolean;
  readonly times: {
    /** The end of its load event, which Chrome waits for before it shows the popup. */
    readonly load: number;
    /** When it became visible (Chromium's visibility-state entries; NaN where there are none). */
    readonly visible: number;
    /** When its first frame was done on the main thread (the popup's User Timing mark; NaN without one). */
    readonly firstFrame: number;
    /** Its first contentful paint (a presentation time: after the compositor and the display). */
    readonly firstPaint: number;
  };
}

/**
 * Run in an extension page (`inExtension`): opens the toolbar button's popup over tab `id` and
 * reads it once it has painted and (with `actions`) some action is on, or after 10 s, then closes
 * it. Self-contained: it is serialised into the page.
 */
export const openToolbarBubbleIn = async ({
  id,
  actions,
  mark,
}: {
  id: number;
  actions: boolean;
  /** The name of the popup's first-frame mark (POPUP_FIRST_FRAME_MARK). */
  mark: string;
}): Promise<ToolbarBubble> => {
  // No named functions in here: tsx (the bench) would wrap them in a helper the page does not have.
  const api = (globalThis as unknown as { browser?: Browser; chrome: Browser }).browser ?? chrome;
  const windowId = (await api.tabs.update(id, { active: true }))?.windowId;
  if (windowId === undefined) throw new Error(`no window for tab ${id}`);
  await api.windows.update(windowId, { focused: true });
  await api.action.openPopup({ windowId });
  let view: Window | undefined;
  for (let i = 0; i < 500 && !view; i++, await new Promise((resolve) => setTimeout(resolve, 20)))
    view = api.extension.getViews({ type: 'popup' })[0] as Window | undefined;
  if (!view) throw new Error('no popup opened');
  const buttons = view.document.getElementsByTagName('button');
  let bubble: ToolbarBubble;
  for (let i = 0; ; i++) {
    const navigation = view.performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
    const visible = view.performance.getEntriesByType('visibility-state').find((e) => e.name === 'visible');
    const paint = view.performance.getEntriesByName('first-contentful-paint')[0];
    bubble = {
      page: view.location.pathname.slice(1),
      verdict: view.document.getElementById('site-verdict')?.textContent ?? null,
      host: view.document.getElementById('site-name')?.textContent ?? null,
      actions: Array.from(buttons).some((b) => !b.disabled),
      shown: view.document.visibilityState === 'visible',
      painted: paint !== undefined,
      times: {
        load: navigation?.loadEventEnd ?? Number.NaN,
        visible: visible?.startTime ?? Number.NaN,
        firstFrame: view.performance.getEntriesByName(mark)[0]?.startTime ?? Number.NaN,
        firstPaint: paint?.startTime ?? Number.NaN,
      },
    };
    if (i >= 500 || (bubble.painted && (bubble.actions || !actions))) break;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  view.close();
  return bubble;
};

/** Anything that runs code in an extension page of the browser under test. */
interface ExtensionPages {
  inExtension<T, A>(fn: (arg: A) => Promise<T>, arg: A): Promise<T>;
}

/** The toolbar button's popup over tab `id`, read once it painted and (with `actions`) some action is on. */
export const openToolbarBubble = (session: ExtensionPages, id: number, actions = true): Promise<ToolbarBubble> =>
  session.inExtension(openToolbarBubbleIn, { id, actions, mark: POPUP_FIRST_FRAME_MARK });

/**
 * Run in an extension page: tab `id`'s popup address once the background has put the page's verdict
 * in it (`level=`), or what it is after 2 s. Self-contained, as openToolbarBubbleIn.
 */
export const toolbarAddressIn = async (id: number): Promise<string> => {
  const api = (globalThis as unknown as { browser?: Browser; chrome: Browser }).browser ?? chrome;
  let address = await api.action.getPopup({ tabId: id });
  for (let i = 0; i < 100 && !address.includes('level='); i++) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    address = await api.action.getPopup({ tabId: id });
  }
  return address;
};

interface CdpNode {
  nodeName: string;
  attributes?: string[];
  children?: CdpNode[];
  shadowRoots?: (CdpNode & { shadowRootType?: string })[];
}

const LEVEL_LABEL = /^Snowman: (dangerous|suspicious) link to (\S+) /;

function playwrightPage(page: Page): LinkPage & { raw: Page } {
  return {
    raw: page,
    goto: (url) => gotoAllowingRedirect(page, url),
    evaluate: (fn, arg) => page.evaluate(fn as never, arg) as never,
    focus: (selector) => page.focus(selector),
    click: (selector) => page.locator(selector).first().click(),
    screenshot: async (file) => void (await page.screenshot({ path: file })),
    setViewport: (width, height) => page.setViewportSize({ width, height }),
    press: (key) => page.keyboard.press(key),
    evaluateScript: (source) => page.evaluate(source),
    colorScheme: async (scheme) => (await page.emulateMedia({ colorScheme: scheme }), true),
    close: () => page.close(),
  };
}

/** Chromium through playwright-core, on the extension harness's launcher; `language`: its UI language. */
export async function chromiumLinkBrowser(
  extensionDir: string,
  _context?: unknown,
  language?: string,
): Promise<LinkBrowser> {
  const session = await launchChromium(extensionDir, undefined, language);
  /** An extension page whose messages (and, `alone`, storage reads and tab look-ups) never settle; its renders recorded. */
  async function heldPage(url: string, alone: boolean): Promise<LinkPage> {
    const page = await session.context.newPage();
    await page.addInitScript((holdAll) => {
      const never = (() => new Promise(() => undefined)) as never;
      chrome.runtime.sendMessage = never;
      if (holdAll) {
        chrome.storage.session.get = never;
        chrome.tabs.get = never;
        chrome.tabs.query = never;
      }
      const seen = window as unknown as { __renders: boolean[]; __firstVerdict: Element | null };
      seen.__renders = [];
      seen.__firstVerdict = null;
      new MutationObserver((records) => {
        // A level page's verdict comes with its HTML, before any render.
        seen.__firstVerdict ??= document.querySelector('#app #site-verdict');
        for (const record of records) {
          if ((record.target as Element).id !== 'app' || record.removedNodes.length === 0) continue;
          const verdict = document.querySelector('#app #site-verdict');
          seen.__renders.push(verdict !== null);
          seen.__firstVerdict ??= verdict;
        }
      }).observe(document, { childList: true, subtree: true });
    }, alone);
    await page.setViewportSize({ width: 360, height: 440 });
    await page.goto(url);
    return playwrightPage(page);
  }
  return {
    name: 'chromium',
    origin: session.origin,
    newPage: async () => playwrightPage(await session.context.newPage()),
    tabIdOf: (url) =>
      session.inExtension(async (wanted) => {
        const tabs = await chrome.tabs.query({});
        const tab = tabs.find((t) => t.url === wanted);
        if (tab?.id === undefined) throw new Error(`no tab at ${wanted}`);
        return tab.id;
      }, url),
    async openPopup(tabId) {
      const page = await session.context.newPage();
      await page.setViewportSize({ width: 360, height: 440 });
      await page.goto(`${session.origin}popup/index.html?tab=${tabId}`);
      return playwrightPage(page);
    },
    openPopupWithoutBackground: (tabId) => heldPage(`${session.origin}popup/index.html?tab=${tabId}`, false),
    openAddressAlone: (url) => heldPage(url, true),
    toolbarPopup: (tabId) => session.inExtension((id) => chrome.action.getPopup({ tabId: id }), tabId),
    openToolbarBubble: (tabId) => openToolbarBubble(session, tabId),
    async openExtensionPage(path) {
      const page = await session.context.newPage();
      await page.goto(`${session.origin}${path}`);
      return playwrightPage(page);
    },
    call: (type, payload) => session.call(type, payload),
    badgeText: (tabId) => session.inExtension((id) => chrome.action.getBadgeText({ tabId: id }), tabId),
    async badgeLevels(linkPage) {
      const page = (linkPage as ReturnType<typeof playwrightPage>).raw;
      const cdp = await session.context.newCDPSession(page);
      try {
        const { root } = (await cdp.send('DOM.getDocument', { depth: -1, pierce: true })) as { root: CdpNode };
        const levels: Record<string, string> = {};
        const walk = (node: CdpNode): void => {
          for (const shadow of node.shadowRoots ?? []) {
            if (shadow.shadowRootType !== 'closed') continue;
            for (const child of shadow.children ?? []) {
              const attrs = child.attributes ?? [];
              const label = attrs[attrs.indexOf('aria-label') + 1] ?? '';
              const match = LEVEL_LABEL.exec(label);
              if (match) levels[match[2]!] = match[1]!;
            }
          }
          for (const child of node.children ?? []) walk(child);
        };
        walk(root);
        return levels;
      } finally {
        await cdp.detach();
      }
    },
    close: () => session.close(),
  };
}

declare const chrome: Browser;
