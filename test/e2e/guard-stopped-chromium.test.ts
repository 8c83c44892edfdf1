/**
 * Chromium: the worker is stopped while a navigation's decision is pending. Its thread is held
 * busy so the navigation's events (before-navigate, commit, DOMContentLoaded of a small local page)
 * wait behind the busy script, then the worker is stopped (CDP): every event of the page dies with
 * it. Chrome starts a worker only for an event, so the test then sends one (a message, as opening
 * the popup does); the page must end on the warning page, from the check a starting worker makes
 * of the pages already open. (Before that check: 2 of 3 trials left the dangerous page showing.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, type ChromiumSession } from './harness/chromium.js';
import { pollHref } from './harness/driver.js';
import { extensionDir, type ExtensionDir } from './harness/extension.js';
import { pickE2eNames, type E2eNames } from './harness/names.js';
import { startTestServer, type TestServer } from './harness/server.js';

const WARNING = 'warning/index.html';
const TRIALS = 3;

describe('guard in Chromium: a worker stopped mid-decision', () => {
  let names: E2eNames;
  let server: TestServer;
  let ext: ExtensionDir;
  let session: ChromiumSession;

  beforeAll(async () => {
    names = await pickE2eNames();
    server = await startTestServer();
    ext = await extensionDir('chrome', names);
    session = await launchChromium(ext.dir);
  });

  afterAll(async () => {
    await session?.close();
    await server?.close();
    await ext?.dispose();
  });

  it(`sends the page to the warning page once a worker runs again (${TRIALS} of ${TRIALS} trials)`, async () => {
    const outcomes: string[] = [];
    for (let trial = 0; trial < TRIALS; trial++) {
      const host = names.dangerous[trial]!;
      const url = server.url(host, `/stopped-${trial}`);
      await session.ready();
      const worker = session.context.serviceWorkers().at(-1)!;
      const page = await session.context.newPage();
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
      await session.stopWorker();
      await navigation;
      await session.ready();
      const href = await pollHref(
        () => page.evaluate(() => location.href),
        (h) => h.startsWith(`${session.origin}${WARNING}`),
        20_000,
      ).catch(async () => page.evaluate(() => location.href));
      outcomes.push(href.startsWith(`${session.origin}${WARNING}`) ? 'warned' : `not warned: ${href.slice(0, 80)}`);
      await page.close();
    }
    expect(outcomes).toEqual(new Array(TRIALS).fill('warned'));
  }, 180_000);
});
