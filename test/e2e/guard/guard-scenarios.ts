/**
 * The guard's hostile and edge cases, run in each browser against the built extension: URLs too
 * long for the old parser, warning pages a site opens itself, same-tab warning changes. One browser
 * per file; each scenario uses its own dangerous name (block rules and choices would otherwise carry over).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserUnderTest, TestTab } from '../harness/driver.js';
import { extensionDir, type ExtensionDir, type Target } from '../harness/extension.js';
import { pickE2eNames, type E2eNames } from '../harness/names.js';
import type { Launcher } from '../harness/scenarios.js';
import { startTestServer, type TestServer } from '../harness/server.js';

const WARNING = 'warning/index.html';
/** A path long enough that the whole URL passes 8,300 characters. */
const LONG_PATH = `/${'p'.repeat(8400)}`;
/** A path putting the URL between 4,097 and 8,192 characters. */
const MEDIUM_PATH = `/${'m'.repeat(5000)}`;

/** Defines the guard suite for one browser. */
export function defineGuardScenarios(target: Target, launch: Launcher): void {
  describe(`guard in ${target === 'chrome' ? 'Chromium' : 'Firefox'}`, () => {
    let names: E2eNames;
    let server: TestServer;
    let ext: ExtensionDir;
    let browser: BrowserUnderTest;
    const tabs: TestTab[] = [];

    const isWarning = (href: string): boolean => href.startsWith(`${browser.origin}${WARNING}`) && href.includes('#');
    const targetOf = (href: string): string => href.slice(href.indexOf('#') + 1);
    const newTab = async (): Promise<TestTab> => {
      const tab = await browser.newTab();
      tabs.push(tab);
      return tab;
    };
    const closeTabs = async (): Promise<void> => {
      for (const tab of tabs.splice(0)) await tab.close().catch(() => undefined);
    };

    beforeAll(async () => {
      names = await pickE2eNames();
      server = await startTestServer();
      ext = await extensionDir(target, names);
      browser = await launch(ext.dir, names, server);
    });

    afterAll(async () => {
      await browser?.close();
      await server?.close();
      await ext?.dispose();
    });

    it('a dangerous name with a path of 8,400 characters is judged and stopped', async () => {
      const host = names.dangerous[0]!;
      server.reset();
      const url = server.url(host, LONG_PATH);
      const tab = await newTab();
      await tab.goto(url);
      const href = await tab.waitForHref(isWarning);
      expect(targetOf(href)).toBe(url);
      if (browser.blocksFirstVisit) expect(server.requests(host)).toEqual([]);
      await closeTabs();
    });

    it('a URL of 4,097–8,192 characters gets a full warning, and Continue reaches it', async () => {
      const host = names.dangerous[1]!;
      const url = server.url(host, MEDIUM_PATH);
      expect(url.length).toBeGreaterThan(4096);
      const tab = await newTab();
      await tab.goto(url);
      await tab.waitForHref(isWarning);
      await expect.poll(() => tab.text('h1'), { timeout: 10_000 }).toBe('Dangerous site');
      await tab.click('details.more summary');
      expect(await tab.text('.level')).toBe('Dangerous');
      await tab.click('.continue');
      expect(
        await tab
          .waitForHref((href) => href === url)
          .catch(async (error: Error) => `${error.message.slice(0, 80)}; page says: ${await tab.text('.error')}`),
      ).toBe(url);
      await closeTabs();
    });

    it('a warning page a site opens itself offers no way past it, so it cannot pre-seed "Always trust"', async () => {
      const own = names.benign[0]!;
      const tab = await newTab();
      const forged = `${browser.origin}${WARNING}#${server.url(own, '/')}`;
      await tab.goto(server.url(names.benign[1]!, `/?link=${encodeURIComponent(forged)}`));
      await tab.click('#link');
      await tab.waitForHref(isWarning);
      await expect.poll(() => tab.text('h1'), { timeout: 10_000 }).not.toBeNull();
      await tab.click('details.more summary');
      await expect.poll(() => tab.text('.not-issued'), { timeout: 10_000 }).toMatch(/did not send you/);
      expect(await tab.text('.trust')).toBeNull();
      expect(await tab.text('.continue')).toBeNull();
      expect((await browser.call('list-trusted', {})).trustedSites).not.toContain(own);
      await closeTabs();
      // Chrome: a host judged dangerous has a block rule, and the rule is proof enough wherever the page opens.
      if (!browser.blocksFirstVisit) return;
      // Firefox: nor can a site reuse a real warning's address, the token belongs to the tab it was issued in.
      const real = await newTab();
      await real.goto(server.url(names.dangerous[2]!, '/real'));
      const issued = await real.waitForHref(isWarning);
      const other = await newTab();
      await other.goto(server.url(names.benign[1]!, `/?link=${encodeURIComponent(issued)}`));
      await other.click('#link');
      await other.waitForHref(isWarning);
      await expect.poll(() => other.text('h1'), { timeout: 10_000 }).toBe('Dangerous site');
      await other.click('details.more summary');
      await expect.poll(() => other.text('.not-issued'), { timeout: 10_000 }).toMatch(/did not send you/);
      expect(await other.text('.trust')).toBeNull();
      await real.click('details.more summary');
      await expect.poll(() => real.text('.continue'), { timeout: 10_000 }).not.toBeNull();
      await closeTabs();
    });

    it('a second warning in the same tab shows the second site, not the first', async () => {
      const first = names.dangerous[3]!;
      const second = server.url(names.dangerous[4]!, '/b');
      const tab = await newTab();
      await tab.goto(server.url(first, '/a'));
      const href = await tab.waitForHref(isWarning);
      await expect.poll(() => tab.text('.host strong'), { timeout: 10_000 }).toBe(first);
      // What a redirect to the warning page lands as when the tab already shows it: a change after `#` only.
      await tab.goto(`${href.slice(0, href.indexOf('#'))}#${second}`);
      await tab.waitForHref((h) => h.endsWith(`#${second}`));
      await expect.poll(() => tab.text('.host strong'), { timeout: 10_000 }).toBe(names.dangerous[4]!);
      await closeTabs();
    });
  });
}
