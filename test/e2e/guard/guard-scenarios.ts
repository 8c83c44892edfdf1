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

    const isWarning = (href: string): boolean => href.startsWith(browser.origin) && href.includes(`${WARNING}`) && href.includes('#');
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
  });
}
