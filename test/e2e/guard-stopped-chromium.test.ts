/**
 * Chromium: the worker is stopped while a navigation's decision is pending. Its thread is held
 * busy so the navigation's events (before-navigate, commit, DOMContentLoaded of a small local page)
 * wait behind the busy script, then the worker is stopped (CDP): every event of the page dies with
 * it. Chrome starts a worker only for an event, so the test then sends one (a message, as opening
 * the popup does); the page must end on the warning page, from the check a starting worker makes
 * of the pages already open. (Before that check: 2 of 3 trials left the dangerous page showing.)
 */
import { describe, expect, it } from 'vitest';
import { launchChromium } from './harness/chromium.js';
import { hrefReaching } from './harness/driver.js';
import { launchForSuite } from './harness/scenarios.js';

const WARNING = 'warning/index.html';
const TRIALS = 3;

describe('guard in Chromium: a worker stopped mid-decision', () => {
  const suite = launchForSuite('chrome', (dir) => launchChromium(dir));

  it(`sends the page to the warning page once a worker runs again (${TRIALS} of ${TRIALS} trials)`, async () => {
    const outcomes: string[] = [];
    for (let trial = 0; trial < TRIALS; trial++) {
      const host = suite.names.dangerous[trial]!;
      const url = suite.server.url(host, `/stopped-${trial}`);
      await suite.browser.ready();
      const worker = suite.browser.context.serviceWorkers().at(-1)!;
      const page = await suite.browser.context.newPage();
      // Busy for 3 s: the navigation event queues behind this script and is never handled.
      void worker
        .evaluate(() => {
          const end = Date.now() + 3000;
          while (Date.now() < end);
        })
        .catch(() => undefined);
      await new Promise((resolve) => setTimeout(resolve, 200));
      const navigation = page.goto(url, { waitUntil: 'commit' }).catch(() => undefined);
      await new Promise((resolve) => setTimeout(resolve, 300));
      await suite.browser.stopWorker();
      await navigation;
      await suite.browser.ready();
      const href = await hrefReaching(() => page.evaluate(() => location.href), `${suite.browser.origin}${WARNING}`);
      outcomes.push(
        href.startsWith(`${suite.browser.origin}${WARNING}`) ? 'warned' : `not warned: ${href.slice(0, 80)}`,
      );
      await page.close();
    }
    expect(outcomes).toEqual(new Array(TRIALS).fill('warned'));
  }, 180_000);
});
