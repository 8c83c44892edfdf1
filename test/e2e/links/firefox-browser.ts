/**
 * Firefox ESR through puppeteer-core over WebDriver BiDi, on the extension harness's launcher.
 * BiDi gives no view into closed shadow roots, so `badgeLevels` is null here: the suites read the
 * levels from the popup's summary instead.
 */
import type { Page } from 'puppeteer-core';
import type { Browser } from 'webextension-polyfill';
import { pollHref } from '../harness/driver.js';
import { launchFirefox } from '../harness/firefox.js';
import { allHosts } from '../harness/scenarios.js';
import { openToolbarBubble, type LinkBrowser, type LinkPage } from './browsers.js';
import type { LinkLauncher } from './setup.js';

declare const browser: Browser;

/**
 * Navigates by setting location.href and waits for the next document to be complete (BiDi's goto
 * waits for a load that never comes when the extension redirects the request).
 */
async function navigate(page: Page, url: string): Promise<void> {
  const before = await page.evaluate(() => location.href).catch(() => '');
  await page.evaluate((target) => void (location.href = target), url);
  await pollHref(
    () => page.evaluate(() => `${document.readyState} ${location.href}`),
    (state) => state.startsWith('complete ') && (state.slice(9) !== before || before === url),
    15_000,
  );
}

function puppeteerPage(page: Page, scheme: 'light' | 'dark'): LinkPage {
  return {
    goto: (url) => navigate(page, url),
    evaluate: (fn, arg) => page.evaluate(fn as never, arg) as never,
    focus: (selector) => page.focus(selector),
    click: (selector) => page.click(selector),
    screenshot: async (file) => void (await page.screenshot({ path: file as `${string}.png` })),
    setViewport: (width, height) => page.setViewport({ width, height }),
    press: (key) => page.keyboard.press(key as Parameters<Page['keyboard']['press']>[0]),
    evaluateScript: (source) => page.evaluate(source),
    // Media emulation needs CDP, which Firefox's BiDi does not offer: the scheme is fixed at launch.
    colorScheme: async (wanted) => wanted === scheme,
    close: () => page.close(),
  };
}

/** What a Firefox for the link and popup suites is launched with. */
export interface FirefoxLinkOptions {
  /** The colour scheme its pages see. */
  readonly scheme?: 'light' | 'dark';
  /** Its UI language (`intl.locale.requested`). */
  readonly language?: string;
}

/** Launches Firefox for the link and popup suites with `options`. */
export const firefoxLinkBrowserWith =
  ({ scheme = 'light', language }: FirefoxLinkOptions): LinkLauncher =>
  async (dir, { names, server }) => {
    const session = await launchFirefox(dir, {
      hosts: allHosts(names),
      httpPage: server.url(names.benign[0]!, '/blank'),
      colorScheme: scheme,
      ...(language === undefined ? {} : { language }),
    });
    const linkBrowser: LinkBrowser = {
      name: 'firefox',
      origin: session.origin,
      newPage: async () => puppeteerPage(await session.browser.newPage(), scheme),
      tabIdOf: (url) =>
        session.inExtension(async (wanted) => {
          const tab = (await browser.tabs.query({})).find((t) => t.url === wanted);
          if (tab?.id === undefined) throw new Error(`no tab at ${wanted}`);
          return tab.id;
        }, url),
      async openPopup(tabId) {
        const page = await session.openExtensionPage(`popup/index.html?tab=${tabId}`);
        await page.setViewport({ width: 360, height: 440 });
        return puppeteerPage(page, scheme);
      },
      openExtensionPage: async (path) => puppeteerPage(await session.openExtensionPage(path), scheme),
      toolbarPopup: (tabId) => session.inExtension((id) => browser.action.getPopup({ tabId: id }), tabId),
      openToolbarBubble: (tabId) => openToolbarBubble(session, tabId),
      call: (type, payload) => session.call(type, payload),
      badgeText: (tabId) => session.inExtension((id) => browser.action.getBadgeText({ tabId: id }), tabId),
      badgeLevels: async () => null,
      close: () => session.close(),
    };
    return linkBrowser;
  };

/** Firefox for the link and popup suites, light scheme, the machine's language. */
export const firefoxLinkBrowser: LinkLauncher = firefoxLinkBrowserWith({});
