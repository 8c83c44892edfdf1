/**
 * The packaged threat list in a real browser: a listed name is stopped on the first visit before
 * any request reaches it (Chrome: static DNR rules, with the worker stopped first; Firefox: the
 * blocking webRequest guard, no model wait), sub-domains too; a popular site a feed names is not;
 * Continue and Always trust let a listed name through.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserUnderTest, TestTab } from './driver.js';
import { ensureBuilt, type Target } from './extension.js';
import { startTestServer, type TestServer } from './server.js';
import { threatNames, type ThreatNames } from './threat-names.js';
import { fileURLToPath } from 'node:url';

const WARNING = 'warning/index.html';
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

export type ThreatLauncher = (dir: string, hosts: readonly string[], server: TestServer) => Promise<BrowserUnderTest>;

/** Every host the suite visits, for browsers that must be told them up front. */
export function threatHosts(names: ThreatNames): string[] {
  return [...names.listed, `a.b.${names.listed[0]!}`, names.popularListed, 'plain-start-page.example.org'];
}

/** Defines the suite for one browser. */
export function defineThreatScenarios(target: Target, launch: ThreatLauncher): void {
  describe(`threat list in ${target === 'chrome' ? 'Chromium' : 'Firefox'}`, () => {
    let names: ThreatNames;
    let server: TestServer;
    let browser: BrowserUnderTest;
    const tabs: TestTab[] = [];
    // Firefox's redirect carries the one-time token (`?t=`); Chrome's static rules cannot.
    const isWarning = (href: string): boolean =>
      href.startsWith(`${browser.origin}${WARNING}`) &&
      /^(\?t=[\w-]+)?#/.test(href.slice(`${browser.origin}${WARNING}`.length));
    const newTab = async (): Promise<TestTab> => {
      const tab = await browser.newTab();
      tabs.push(tab);
      return tab;
    };
    const closeTabs = async (): Promise<void> => {
      for (const tab of tabs.splice(0)) await tab.close().catch(() => undefined);
    };
    /** Visits `url` on a fresh tab and expects the warning, for the list's reason, with no request to `host`. */
    const expectStopped = async (host: string, url: string): Promise<TestTab> => {
      server.reset();
      const tab = await newTab();
      await tab.goto(url);
      const href = await tab.waitForHref(isWarning);
      expect(href.slice(href.indexOf('#') + 1)).toBe(url);
      await expect
        .poll(() => tab.text('.reasons'), { timeout: 10_000 })
        .toMatch(/: .+ lists it as [\w ]+ \(list of \w{3} \d{1,2}, \d{4}\)/i);
      expect(server.requests(host)).toEqual([]);
      return tab;
    };

    beforeAll(async () => {
      names = await threatNames();
      server = await startTestServer();
      await ensureBuilt();
      browser = await launch(`${ROOT}dist/${target}`, threatHosts(names), server);
    });

    afterAll(async () => {
      await browser?.close();
      await server?.close();
    });

    it('stops a listed name on the first visit: the warning names the list, no request reaches the site', async () => {
      await browser.stopBackground();
      const host = names.listed[0]!;
      await expectStopped(host, server.url(host, '/login?x=1'));
      await closeTabs();
    });

    it('the popup on the warning tab says which list and when', async () => {
      const host = names.listed[3]!;
      const warning = await expectStopped(host, server.url(host, '/popup'));
      // The full address: Firefox's helper tab shows the warning page too, without a target.
      const { tabId } = await browser.toolbarFor(await warning.href());
      const popup = await browser.openExtensionPage(`popup/index.html?tab=${tabId}`);
      tabs.push(popup);
      await expect
        .poll(() => popup.text('#site-reason'), { timeout: 10_000 })
        .toMatch(/^It is on a list of known harmful sites: .+ lists it as [\w ]+ \(list of \w{3} \d{1,2}, \d{4}\)\.$/);
      expect(server.requests(host)).toEqual([]);
      await closeTabs();
    });

    it('stops a name below a listed host', async () => {
      await browser.stopBackground();
      const host = `a.b.${names.listed[0]!}`;
      await expectStopped(host, server.url(host, '/'));
      await closeTabs();
    });

    it('never stops a popular site, even one a feed lists', async () => {
      const host = names.popularListed;
      server.reset();
      const tab = await newTab();
      await tab.goto(server.url(host, '/'));
      await expect.poll(() => tab.text('#site'), { timeout: 10_000 }).toBe(host);
      expect(server.count(host)).toBeGreaterThan(0);
      await closeTabs();
    });

    it('Continue lets a listed name through for the session', async () => {
      const host = names.listed[1]!;
      const url = server.url(host, '/continue');
      const tab = await expectStopped(host, url);
      await tab.click('details.more summary');
      await expect.poll(() => tab.text('.continue'), { timeout: 5000 }).toBe(`Continue to ${host} for this session`);
      await tab.click('.continue');
      expect(await tab.waitForHref((href) => href === url)).toBe(url);
      await expect.poll(() => tab.text('#site'), { timeout: 5000 }).toBe(host);
      expect(server.count(host)).toBeGreaterThan(0);
      await closeTabs();
    });

    it('Always trust lets a listed name through, also after the background stopped', async () => {
      const host = names.listed[2]!;
      const url = server.url(host, '/trust');
      const tab = await expectStopped(host, url);
      await tab.click('details.more summary');
      await expect.poll(() => tab.text('.trust'), { timeout: 5000 }).toBe(`Always trust ${host}…`);
      await tab.click('button.trust');
      await tab.click('.confirm-trust');
      expect(await tab.waitForHref((href) => href === url)).toBe(url);
      await expect.poll(() => tab.text('#site'), { timeout: 5000 }).toBe(host);
      await closeTabs();
      await browser.stopBackground();
      const again = await newTab();
      await again.goto(server.url(host, '/again'));
      await expect.poll(() => again.text('#site'), { timeout: 10_000 }).toBe(host);
      await closeTabs();
    });
  });
}
