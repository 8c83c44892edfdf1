/**
 * Strict first-visit mode in Debian's Chromium: with it on, a top-level GET to a site not judged
 * this session waits on the checking page, so not even the first request reaches a dangerous
 * name; safe sites load under their real address, and history never holds the checking page.
 * With it off, the rule is gone and navigations behave as before.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { STRICT_RULE_ID } from '../../src/background/strict-rules.js';
import { SCORE_KEY_PREFIX } from '../../src/core/cache.js';
import type { Page } from 'playwright-core';
import type { Browser } from 'webextension-polyfill';
import { gotoAllowingRedirect, launchChromium } from './harness/chromium.js';
import { pollHref } from './harness/driver.js';
import { sessionsExtension } from './harness/sessions-extension.js';
import { launchForSuite } from './harness/scenarios.js';

const CHECKING = 'checking/index.html';
const WARNING = 'warning/index.html';

describe('strict first-visit mode in Chromium', () => {
  let extensionDir = '';
  const suite = launchForSuite('chrome', (dir) => {
    extensionDir = dir;
    return launchChromium(dir);
  });
  // The reply comes once the rule is installed.
  beforeAll(() => suite.browser.call('set-preferences', { strictFirstVisit: true }));
  const pages: Page[] = [];

  const href = (page: Page) => (): Promise<string> => page.evaluate(() => location.href);
  const newPage = async (): Promise<Page> => {
    const page = await suite.browser.context.newPage();
    pages.push(page);
    return page;
  };
  const closePages = async (): Promise<void> => {
    for (const page of pages.splice(0)) await page.close().catch(() => undefined);
  };
  /** Strict mode's rule: a dynamic one, so it outlives the browser. */
  const strictRules = async () =>
    (
      await suite.browser.inExtension(
        async () => (globalThis as unknown as { chrome: Browser }).chrome.declarativeNetRequest.getDynamicRules(),
        null,
      )
    ).filter((rule) => rule.id === STRICT_RULE_ID);
  const isWarningFor = (url: string) => (h: string) =>
    h.startsWith(`${suite.browser.origin}${WARNING}`) && h.slice(h.indexOf('#') + 1) === url;

  it('turned on, one lasting redirect rule holds top-level GETs', async () => {
    const rules = await strictRules();
    expect(rules).toHaveLength(1);
    expect(rules[0]!.condition).toMatchObject({ resourceTypes: ['main_frame'], requestMethods: ['get'] });
  });

  it('no request reaches a dangerous name on the first visit: the warning shows instead', async () => {
    const host = suite.names.dangerous[0]!;
    const url = suite.server.url(host, '/first');
    suite.server.reset();
    const page = await newPage();
    await gotoAllowingRedirect(page, url);
    await pollHref(href(page), isWarningFor(url));
    await expect.poll(() => page.locator('h1').first().innerText(), { timeout: 10_000 }).toBe('Dangerous site');
    expect(suite.server.requests(host)).toEqual([]);
    // Back from the warning returns to where the tab was, not to the checking page.
    expect(await page.evaluate(() => history.length)).toBe(2);
    await closePages();
  });

  it('a safe site loads under its real address; Back and Forward and history keep it', async () => {
    const [first, second] = [suite.names.benign[0]!, suite.names.benign[1]!];
    const firstUrl = suite.server.url(first, '/a');
    const secondUrl = suite.server.url(second, '/b?q=1');
    suite.server.reset();
    const page = await newPage();
    await gotoAllowingRedirect(page, firstUrl);
    await pollHref(href(page), (h) => h === firstUrl);
    await gotoAllowingRedirect(page, secondUrl);
    await pollHref(href(page), (h) => h === secondUrl);
    await expect.poll(() => page.locator('#site').innerText()).toBe(second);
    // One page load (the browser may add its favicon request).
    expect(suite.server.requests(second).filter((line) => !line.startsWith('GET /favicon'))).toEqual(['GET /b?q=1']);
    // about:blank, the first site, the second: no checking page among the entries.
    expect(await page.evaluate(() => history.length)).toBe(3);
    await page.goBack();
    await pollHref(href(page), (h) => h === firstUrl);
    await page.goForward();
    await pollHref(href(page), (h) => h === secondUrl);
    // Judged safe this session: session allow rules let exactly these addresses through, and the
    // lasting hold is never edited.
    const passed = (
      await suite.browser.inExtension(
        async () => (globalThis as unknown as { chrome: Browser }).chrome.declarativeNetRequest.getSessionRules(),
        null,
      )
    ).map((rule) => rule.condition.urlFilter);
    expect(passed).toEqual(expect.arrayContaining([`|${new URL(firstUrl).origin}/`, `|${new URL(secondUrl).origin}/`]));
    expect((await strictRules())[0]?.condition.excludedRequestDomains).toBeUndefined();
    await closePages();
  });

  /** Stops the worker, opens `host` for the first time, waits for the warning: the requests the site received. */
  const coldFirstVisit = async (host: string, path: string): Promise<readonly string[]> => {
    const url = suite.server.url(host, path);
    await suite.browser.stopWorker();
    suite.server.reset();
    const page = await newPage();
    await gotoAllowingRedirect(page, url);
    await pollHref(href(page), isWarningFor(url), 20_000);
    await closePages();
    return suite.server.requests(host);
  };

  it('with the worker stopped, the first visit to a dangerous name still sends it no request', async () => {
    expect(await coldFirstVisit(suite.names.dangerous[1]!, '/cold')).toEqual([]);
  });

  /** A site opens the checking page itself, in its own tab, for another site: the page it ends on. */
  const forgedCheckingPage = async (stopWorker: boolean): Promise<void> => {
    const [opener, target] = [suite.names.benign[2]!, suite.names.benign[3]!];
    const page = await newPage();
    await gotoAllowingRedirect(page, suite.server.url(opener, '/'));
    await pollHref(href(page), (h) => h.startsWith(suite.server.url(opener, '/')));
    // Stopped, as Chrome stops an idle worker: the page's question then starts a new one.
    if (stopWorker) await suite.browser.stopWorker();
    suite.server.reset();
    const forged = `${suite.browser.origin}${CHECKING}#${suite.server.url(target, '/forged')}`;
    await page.evaluate((address) => void (location.href = address), forged);
    await pollHref(href(page), (h) => h === forged);
    await expect
      .poll(() => page.locator('h1').first().innerText(), { timeout: 10_000 })
      .toBe('Snowman did not open this address by itself');
    expect(suite.server.requests(target)).toEqual([]);
    await closePages();
  };

  it('a site that opens the checking page itself gets no forward', () => forgedCheckingPage(false));

  it('a site that opens the checking page while the worker is stopped gets no forward either', () =>
    forgedCheckingPage(true));

  it('a javascript: target is refused without asking the background', async () => {
    const page = await newPage();
    await gotoAllowingRedirect(page, `${suite.browser.origin}${CHECKING}#javascript:alert(1)`);
    await expect
      .poll(() => page.locator('p').first().innerText(), { timeout: 10_000 })
      .toBe('Only web addresses (http and https) are opened from here.');
    await closePages();
  });

  it('holds from browser start: after a restart, the first visit to a dangerous name sends no request', async () => {
    // A browser of its own on a profile kept across a restart; after the restart it navigates at
    // once, without waiting for the extension: the hold must not depend on the worker having run.
    const profile = await mkdtemp(path.join(os.tmpdir(), 'snowman-strict-profile-'));
    try {
      const before = await launchChromium(extensionDir, profile);
      await before.call('set-preferences', { strictFirstVisit: true });
      await before.close();
      const after = await launchChromium(extensionDir, profile, undefined, { waitReady: false });
      try {
        const host = suite.names.dangerous[3]!;
        const url = suite.server.url(host, '/after-restart');
        suite.server.reset();
        const page = await after.context.newPage();
        const seen: string[] = [];
        page.on('framenavigated', (frame) => frame === page.mainFrame() && seen.push(frame.url()));
        await gotoAllowingRedirect(page, url);
        // Held on the checking page (which goes on to the warning once the worker answers; the
        // restored-tab case below is where no worker can have seen the navigation start).
        const held = `${after.origin}${CHECKING}#${url}`;
        const isWarning = (h: string) =>
          h.startsWith(`${after.origin}${WARNING}`) && h.slice(h.indexOf('#') + 1) === url;
        await pollHref(href(page), (h) => h === held || isWarning(h), 20_000);
        expect(seen).toContain(held);
        expect(suite.server.requests(host)).toEqual([]);
        await after.ready();
      } finally {
        await after.close();
      }
    } finally {
      await rm(profile, { recursive: true, force: true });
    }
  });

  it('after a restart, a tab restored on a held address goes on by itself once judged, with one request', async () => {
    // The tab is restored as the browser starts, before any worker of the new session could see its
    // navigation begin: the session's first worker finds it in the browser's tab list.
    const profile = await mkdtemp(path.join(os.tmpdir(), 'snowman-strict-profile-'));
    try {
      const host = suite.names.benign[5]!;
      const url = suite.server.url(host, '/restored');
      const before = await launchChromium(extensionDir, profile);
      await before.call('set-preferences', { strictFirstVisit: false });
      const tab = await before.context.newPage();
      await gotoAllowingRedirect(tab, url);
      await pollHref(href(tab), (h) => h === url);
      // Turned on with the site never judged under it: the restored tab meets the hold.
      await before.call('set-preferences', { strictFirstVisit: true });
      await before.close();
      suite.server.reset();
      const after = await launchChromium(extensionDir, profile, undefined, {
        waitReady: false,
        extraArgs: ['--restore-last-session'],
      });
      try {
        const held = `${after.origin}${CHECKING}#${url}`;
        const restored = async (): Promise<Page | undefined> => {
          for (const page of after.context.pages())
            if ([held, url].includes(await page.evaluate(() => location.href).catch(() => ''))) return page;
          return undefined;
        };
        await expect.poll(restored, { timeout: 20_000 }).toBeDefined();
        const page = (await restored())!;
        await pollHref(href(page), (h) => h === url, 20_000);
        await expect.poll(() => page.locator('#site').innerText()).toBe(host);
        // Loaded by the checking page's forward (a new navigation), not straight from the restored
        // entry (a history navigation, sent before anything judged it).
        const kind = await page.evaluate(
          () => (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).type,
        );
        expect(kind).toBe('navigate');
        expect(suite.server.requests(host).filter((line) => !line.startsWith('GET /favicon'))).toEqual([
          'GET /restored',
        ]);
      } finally {
        await after.close();
      }
    } finally {
      await rm(profile, { recursive: true, force: true });
    }
  });

  it('a tab closed and reopened mid-session (Ctrl+Shift+T) on an address not judged again goes on once judged, with one request', async () => {
    // A browser of its own, with a second extension that may reopen closed tabs as a person does.
    const helper = await sessionsExtension();
    const browser = await launchChromium(extensionDir, undefined, undefined, { otherExtensions: [helper.dir] });
    try {
      const host = suite.names.benign[5]!;
      const url = suite.server.url(host, '/reopened');
      await browser.call('set-preferences', { strictFirstVisit: false });
      const tab = await browser.context.newPage();
      await gotoAllowingRedirect(tab, url);
      await pollHref(href(tab), (h) => h === url);
      // Turned on now: what was let through is forgotten, so the reopened tab meets the hold.
      await browser.call('set-preferences', { strictFirstVisit: true });
      const sessions = await browser.context.newPage();
      await sessions.goto(helper.page);
      const tabId = await sessions.evaluate(
        async (wanted) =>
          (await (globalThis as unknown as { chrome: Browser }).chrome.tabs.query({})).find((t) => t.url === wanted)!
            .id!,
        url,
      );
      await sessions.evaluate((id) => (globalThis as unknown as { chrome: Browser }).chrome.tabs.remove(id), tabId);
      // Its score gone as the bounded cache evicts old ones, and a fresh worker: the reopened
      // navigation is not judged before its request leaves, so the hold takes it.
      await browser.inExtension(
        (key) => (globalThis as unknown as { chrome: Browser }).chrome.storage.session.remove(key),
        `${SCORE_KEY_PREFIX}${host}`,
      );
      await browser.stopWorker();
      suite.server.reset();
      const reopening = browser.context.waitForEvent('page');
      await sessions.evaluate(() => (globalThis as unknown as { chrome: Browser }).chrome.sessions.restore());
      const page = await reopening;
      await pollHref(href(page), (h) => h === url, 20_000);
      await expect.poll(() => page.locator('#site').innerText()).toBe(host);
      // Loaded by the checking page's forward, not straight from the reopened entry.
      const kind = await page.evaluate(
        () => (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).type,
      );
      expect(kind).toBe('navigate');
      expect(suite.server.requests(host).filter((line) => !line.startsWith('GET /favicon'))).toEqual(['GET /reopened']);
    } finally {
      await browser.close();
      await helper.dispose();
    }
  });

  it('turned off, its rule is gone and a safe site loads straight away', async () => {
    await suite.browser.call('set-preferences', { strictFirstVisit: false });
    expect(await strictRules()).toEqual([]);
    const host = suite.names.benign[4]!;
    const url = suite.server.url(host, '/off');
    const page = await newPage();
    const seen: string[] = [];
    page.on('framenavigated', (frame) => frame === page.mainFrame() && seen.push(frame.url()));
    await gotoAllowingRedirect(page, url);
    await pollHref(href(page), (h) => h === url);
    expect(seen.filter((u) => u.startsWith(suite.browser.origin))).toEqual([]);
    await closePages();
  });

  it('turned off, a first visit with the worker stopped reaches the dangerous site before the warning shows', async () => {
    // What the mode is for: without its hold, the request goes out while the worker starts.
    expect(await coldFirstVisit(suite.names.dangerous[2]!, '/unheld')).toContain('GET /unheld');
  });
});
