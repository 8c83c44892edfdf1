/**
 * The extension's end-to-end scenarios, written once and run in each browser by its
 * driver. One browser per file; the scenarios run in order (the restart comes last).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserUnderTest, TestTab } from './driver.js';
import { extensionDir, type ExtensionDir, type ExtensionDirOptions, type Target } from './extension.js';
import { pickE2eNames, type E2eNames } from './names.js';
import { startTestServer, type TestServer } from './server.js';

export type Launcher = (dir: string, names: E2eNames, server: TestServer) => Promise<BrowserUnderTest>;

/** Every host name a suite visits (Firefox must be told them before it starts). */
export function allHosts(names: E2eNames): string[] {
  return [...names.dangerous, ...names.benign, names.popular.host];
}

const WARNING = 'warning/index.html';

/** A suite's browser run: read its fields in hooks and tests, once the suite's beforeAll has run. */
export interface LaunchedSuite<B> {
  readonly names: E2eNames;
  readonly server: TestServer;
  readonly browser: B;
}

/**
 * Registers what every suite with a browser of its own needs: beforeAll picks the e2e names, starts
 * the test server and loads the built extension for `target` (patched as `options` says) with
 * `launch`; afterAll closes all three.
 */
export function launchForSuite<B extends { close(): Promise<void> }>(
  target: Target,
  launch: (dir: string, names: E2eNames, server: TestServer) => Promise<B>,
  options: ExtensionDirOptions = {},
): LaunchedSuite<B> {
  let names: E2eNames | undefined;
  let server: TestServer | undefined;
  let ext: ExtensionDir | undefined;
  let browser: B | undefined;
  beforeAll(async () => {
    names = await pickE2eNames();
    server = await startTestServer();
    ext = await extensionDir(target, names, options);
    browser = await launch(ext.dir, names, server);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await ext?.dispose();
  });
  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('the suite has not started: read it in a hook or test');
    return value;
  };
  return {
    get names() {
      return started(names);
    },
    get server() {
      return started(server);
    },
    get browser() {
      return started(browser);
    },
  };
}

/** Defines the suite for one browser. */
export function defineExtensionScenarios(target: Target, launch: Launcher): void {
  describe(`extension in ${target === 'chrome' ? 'Chromium' : 'Firefox'}`, () => {
    const suite = launchForSuite(target, launch);
    const tabs: TestTab[] = [];

    // The extension's own warnings carry a one-time token in the query (`?t=`); rule redirects do not.
    const isWarning = (href: string): boolean =>
      href.startsWith(`${suite.browser.origin}${WARNING}`) &&
      /^(\?t=[\w-]+)?#/.test(href.slice(`${suite.browser.origin}${WARNING}`.length));
    const newTab = async (): Promise<TestTab> => {
      const tab = await suite.browser.newTab();
      tabs.push(tab);
      return tab;
    };
    /** Opens `url` and waits for the warning page; returns the tab. */
    const expectWarning = async (url: string): Promise<TestTab> => {
      const tab = await newTab();
      await tab.goto(url);
      const href = await tab.waitForHref(isWarning);
      expect(href.slice(href.indexOf('#') + 1)).toBe(url);
      await tab.waitForHref(isWarning);
      return tab;
    };
    /** Opens `url` and checks it loads as itself (title = host). */
    const expectLoads = async (tab: TestTab, url: string, host: string): Promise<void> => {
      await tab.goto(url);
      expect(await tab.href()).toBe(url);
      expect(await tab.text('#site')).toBe(host);
    };
    const closeTabs = async (): Promise<void> => {
      for (const tab of tabs.splice(0)) await tab.close().catch(() => undefined);
    };

    it('a benign site loads untouched and the toolbar says safe', async () => {
      const host = suite.names.benign[0]!;
      const tab = await newTab();
      await expectLoads(tab, suite.server.url(host, '/welcome'), host);
      expect(suite.server.count(host)).toBeGreaterThan(0);
      await expect
        .poll(async () => (await suite.browser.toolbarFor(suite.server.url(host))).title, { timeout: 5000 })
        .toMatch(/looks safe/);
      expect((await suite.browser.toolbarFor(suite.server.url(host))).badge).toBe('');
      await closeTabs();
    });

    it('a dangerous name shows the warning page: name, what it may do, reasons; Go back focused, the way through behind Details', async () => {
      const host = suite.names.dangerous[0]!;
      suite.server.reset();
      const target = suite.server.url(host, '/login?next=%2Faccount&x=1#top');
      const tab = await expectWarning(target);
      await expect.poll(() => tab.text('h1'), { timeout: 5000 }).toBe('Dangerous site');
      expect(await tab.text('.host strong')).toBe(host);
      expect(await tab.text('.headline')).toMatch(/^This site may /);
      expect((await tab.text('.reasons')) ?? '').not.toBe('');
      expect(await tab.focusedClass()).toContain('primary');
      await tab.click('details.more summary');
      expect(await tab.text('.level')).toBe('Dangerous');
      expect(await tab.text('.continue')).toBe(`Continue to ${host} for this session`);
      if (suite.browser.blocksFirstVisit) expect(suite.server.requests(host)).toEqual([]);
      // A first visit's warning carries the extension's token (the Firefox helper tab is a bare warning page).
      await expect
        .poll(async () => (await suite.browser.toolbarFor(`${suite.browser.origin}${WARNING}?t=`)).badge, {
          timeout: 5000,
        })
        .toBe('!');
      expect((await suite.browser.toolbarFor(`${suite.browser.origin}${WARNING}?t=`)).title).toMatch(/looks dangerous/);
      await closeTabs();
    });

    it(`the ${target === 'chrome' ? 'second' : 'first and second'} visit to a flagged domain sends zero requests`, async () => {
      const host = suite.names.dangerous[0]!;
      suite.server.reset();
      await expectWarning(suite.server.url(host, '/again'));
      await expectWarning(suite.server.url(host, '/'));
      expect(suite.server.requests(host)).toEqual([]);
      await closeTabs();
    });

    it('Go back (keyboard) returns to the page the user came from', async () => {
      const from = suite.names.benign[1]!;
      const host = suite.names.dangerous[1]!;
      const tab = await newTab();
      const start = suite.server.url(from, `/?link=${encodeURIComponent(suite.server.url(host, '/'))}`);
      await expectLoads(tab, start, from);
      await tab.click('#link');
      await tab.waitForHref(isWarning);
      await expect.poll(() => tab.focusedClass(), { timeout: 5000 }).toContain('primary');
      await tab.press('Enter');
      expect(await tab.waitForHref((href) => href === start)).toBe(start);
      await closeTabs();
    });

    it('Continue reaches the site and does not warn again this session', async () => {
      const host = suite.names.dangerous[2]!;
      const target = suite.server.url(host, '/first');
      const tab = await expectWarning(target);
      await expect.poll(() => tab.text('h1'), { timeout: 5000 }).toBe('Dangerous site');
      await tab.click('details.more summary');
      await tab.click('.continue');
      expect(
        await tab
          .waitForHref((href) => href === target)
          .catch(async (error: Error) => `${error.message}; page says: ${await tab.text('.error')}`),
      ).toBe(target);
      await expect.poll(() => tab.text('#site'), { timeout: 5000 }).toBe(host);
      const other = await newTab();
      await expectLoads(other, suite.server.url(host, '/second'), host);
      await closeTabs();
    });

    it('javascript:, data:, vbscript:, file: and malformed targets are refused', async () => {
      const targets = [
        'javascript:alert(document.domain)',
        'data:text/html,<script>alert(1)</script>',
        'vbscript:msgbox(1)',
        'file:///etc/passwd',
        'http://',
        'not a url',
      ];
      // One tab; the query string makes each a new document (a hash change alone would not reload).
      const tab = await suite.browser.openExtensionPage(`${WARNING}?case=0#${targets[0]}`);
      tabs.push(tab);
      for (const [i, bad] of targets.entries()) {
        if (i > 0) await tab.goto(`${suite.browser.origin}${WARNING}?case=${i}#${bad}`);
        await expect.poll(() => tab.text('h1'), { timeout: 5000 }).toBe('Snowman will not open this address');
        expect(await tab.text('.refused'), bad).toMatch(/only opens http and https|malformed|no host name/);
        expect(await tab.text('.continue')).toBeNull();
        expect(await tab.text('.trust')).toBeNull();
      }
      await closeTabs();
    });

    it('a stopped background still guards the next navigation', async () => {
      await expect
        .poll(async () => (await suite.browser.call('get-status', {})).state, { timeout: 10_000 })
        .toBe('ready');
      const before = await suite.browser.call('get-status', {});
      await suite.browser.stopBackground();
      suite.server.reset();
      await expectWarning(suite.server.url(suite.names.dangerous[3]!, '/cold'));
      const after = await suite.browser.call('get-status', {});
      expect(after.bootId).not.toBe(before.bootId);
      // Firefox holds the request while the event page starts again: still nothing reaches the site.
      if (suite.browser.blocksFirstVisit) expect(suite.server.requests(suite.names.dangerous[3]!)).toEqual([]);
      await closeTabs();
    });

    it('a popular allowlisted domain is never interrupted', async () => {
      const { host, flaggedAlone, score } = suite.names.popular;
      if (!flaggedAlone)
        console.warn(`[e2e] ${host} scores ${score.toFixed(3)}: the model alone would not flag it either`);
      const tab = await newTab();
      await expectLoads(tab, suite.server.url(host, '/'), host);
      await closeTabs();
    });

    it('prefetching or prerendering a dangerous name does not trigger a warning', async () => {
      const from = suite.names.benign[0]!;
      const host = suite.names.dangerous[4]!;
      const tab = await newTab();
      const page = suite.server.url(from, `/?prefetch=${encodeURIComponent(suite.server.url(host, '/next'))}`);
      await expectLoads(tab, page, from);
      await new Promise((resolve) => setTimeout(resolve, 1500));
      expect(await tab.href()).toBe(page);
      await closeTabs();
    });

    it('subframes are scored and recorded, not interrupted', async () => {
      const from = suite.names.benign[1]!;
      const host = suite.names.dangerous[0]!;
      const tab = await newTab();
      const page = suite.server.url(from, `/?frame=${encodeURIComponent(suite.server.url(host, '/framed'))}`);
      await expectLoads(tab, page, from);
      const { tabId } = await suite.browser.toolbarFor(page);
      await expect
        .poll(
          async () => (await suite.browser.call('get-tab-state', { tabId }))?.frames.map((f) => `${f.host} ${f.level}`),
          {
            timeout: 5000,
          },
        )
        .toContain(`${host} dangerous`);
      expect(await tab.href()).toBe(page);
      await closeTabs();
    });

    it('Always trust survives a browser restart and is removable in the options', async () => {
      const host = suite.names.dangerous[5]!;
      const target = suite.server.url(host, '/trusted');
      const tab = await expectWarning(target);
      await expect.poll(() => tab.text('h1'), { timeout: 5000 }).toBe('Dangerous site');
      await tab.click('details.more summary');
      expect(await tab.text('.trust')).toBe(`Always trust ${host}…`);
      await tab.click('.trust');
      // The confirmation names exactly what will be trusted; nothing is trusted before "Yes".
      expect(await tab.text('#trust-confirm .scope')).toContain(`any address ending in .${host}`);
      expect((await suite.browser.call('list-trusted', {})).trustedSites).not.toContain(host);
      await tab.click('.confirm-trust');
      expect(await tab.waitForHref((href) => href === target)).toBe(target);
      await closeTabs();

      await suite.browser.restart();
      expect((await suite.browser.call('list-trusted', {})).trustedSites).toContain(host);
      await expectLoads(await newTab(), suite.server.url(host, '/after-restart'), host);

      const options = await suite.browser.openExtensionPage('options/index.html');
      tabs.push(options);
      await expect.poll(() => options.text(`li[data-site="${host}"] .site`), { timeout: 5000 }).toBe(host);
      await options.click(`li[data-site="${host}"] button`);
      await expect
        .poll(async () => (await suite.browser.call('list-trusted', {})).trustedSites, { timeout: 5000 })
        .not.toContain(host);
      await expectWarning(suite.server.url(host, '/untrusted'));
      await closeTabs();
    });
  });
}

/** A build whose model cannot load: browsing goes on unchecked and the toolbar says why. */
export function defineBrokenModelScenario(target: Target, launch: Launcher): void {
  describe(`extension with a model that cannot load, in ${target === 'chrome' ? 'Chromium' : 'Firefox'}`, () => {
    const suite = launchForSuite(target, launch, { breakModel: true });

    it('pages still load, even a name the model would flag, and the toolbar shows the error state', async () => {
      const { names, server, browser } = suite;
      const status = await browser.call('get-status', {});
      expect(status.state).toBe('error');
      expect(status.error).toMatch(/weights\.bin/);
      const host = names.dangerous[0]!;
      const url = server.url(host, '/unchecked');
      const tab = await browser.newTab();
      await tab.goto(url);
      expect(await tab.href()).toBe(url);
      expect(await tab.text('#site')).toBe(host);
      expect(server.count(host)).toBeGreaterThan(0);
      await expect.poll(async () => (await browser.toolbarFor(url)).badge, { timeout: 5000 }).toBe('off');
      expect((await browser.toolbarFor(url)).title).toMatch(
        /not checking sites: its model could not be loaded\. Pages load normally/,
      );
      await tab.close();
    });
  });
}
