/**
 * Chromium, first visit with a stopped worker and no WebAssembly (the tfjs WASM binaries are
 * broken, so the CNN has to start on the slower cpu backend): a dangerous name the worker never
 * saw is judged by the quick check (its own small n-gram member) while the CNN starts, and the tab
 * lands on the warning page. The full model then takes over the tab's record.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { gotoAllowingRedirect, launchChromium } from './harness/chromium.js';
import { hrefReaching } from './harness/driver.js';
import { launchForSuite } from './harness/scenarios.js';

const WARNING = 'warning/index.html';
/** Random letters on no list: dangerous to the quick check and to the full model alike (test/unit/background-quick-check.test.ts). */
const UNSEEN_DANGEROUS = ['aftxopbojhxapurcajyz.info', 'hccqjuhtynvmvqrqv.net', 'duvlhrwrqlvvcutoq.biz'];

describe('guard in Chromium: first visit, stopped worker, no WebAssembly', () => {
  const suite = launchForSuite('chrome', (dir) => launchChromium(dir), { breakWasm: true });

  it('warns on a dangerous unseen name from the quick check, and the full model takes over', async () => {
    const status = await suite.browser.call('get-status', {});
    expect(status.backend).toBe('cpu');
    const outcomes: string[] = [];
    const warnedTabs: number[] = [];
    let previous: Page | undefined;
    for (const host of UNSEEN_DANGEROUS) {
      // The worker must be woken by the navigation itself: a new tab's events or the last warning
      // page asking for its site would wake it first, and the model could be in before the name.
      await previous?.close();
      const page = await suite.browser.context.newPage();
      previous = page;
      await suite.browser.stopWorker();
      await gotoAllowingRedirect(page, suite.server.url(host, '/first-visit'));
      const href = await hrefReaching(() => page.evaluate(() => location.href), `${suite.browser.origin}${WARNING}`);
      const warned = href.startsWith(`${suite.browser.origin}${WARNING}`);
      const metrics = await suite.browser.call('get-metrics', {});
      outcomes.push(`${warned ? 'warned' : 'not warned'} by ${metrics.firstVerdictBy}`);
      if (warned) warnedTabs.push(await tabIdOf(page));
    }
    expect(outcomes).toEqual(UNSEEN_DANGEROUS.map(() => 'warned by quick-check'));
    // Once the model is in, its verdict replaces the quick check's in the last tab's record.
    await suite.browser.ready();
    const tabId = warnedTabs.at(-1)!;
    await expect
      .poll(async () => (await suite.browser.call('get-tab-state', { tabId }))?.main ?? null, { timeout: 20_000 })
      .toMatchObject({ level: 'dangerous', score: expect.any(Number) });
    await expect
      .poll(async () => 'quickCheck' in ((await suite.browser.call('get-tab-state', { tabId }))?.main ?? {}), {
        timeout: 20_000,
      })
      .toBe(false);
  }, 240_000);
});

/** The id of the tab showing the warning page (asked again if the page was still settling). */
async function tabIdOf(page: Page): Promise<number> {
  for (let attempt = 0; ; attempt++) {
    try {
      await page.waitForLoadState('load');
      return await page.evaluate(currentTabId);
    } catch (error) {
      if (attempt >= 5 || !/context was destroyed/.test((error as Error).message)) throw error;
    }
  }
}

/** The id of the tab an extension page is showing in (the warning page). */
function currentTabId(): Promise<number> {
  const chrome = (
    globalThis as unknown as { chrome: { tabs: { getCurrent(cb: (tab?: { id?: number }) => void): void } } }
  ).chrome;
  return new Promise((resolve) => chrome.tabs.getCurrent((tab) => resolve(tab?.id ?? -1)));
}
