/**
 * Lists the user imports, in Firefox ESR: the blocking webRequest guard stops a name on the
 * imported block list before any request, and lets through a listed name on the imported trust
 * list. (The import goes through the options page's own message; the page itself is tested in
 * Chromium, where the driver can hand it a file.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserUnderTest } from './harness/driver.js';
import { ensureBuilt } from './harness/extension.js';
import { firefoxUnderTest } from './harness/firefox.js';
import { startTestServer, type TestServer } from './harness/server.js';
import { threatNames } from './harness/threat-names.js';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const IMPORTED_BLOCKED = 'my-imported-block-e2e.com';
const START = 'plain-start-page.example.org';

describe('imported lists in Firefox', () => {
  let server: TestServer;
  let browser: BrowserUnderTest;
  let trustedListed: string;

  beforeAll(async () => {
    trustedListed = (await threatNames()).listed[1]!;
    await ensureBuilt();
    server = await startTestServer();
    browser = await firefoxUnderTest(`${ROOT}dist/firefox`, {
      hosts: [IMPORTED_BLOCKED, `login.${IMPORTED_BLOCKED}`, trustedListed, START],
      httpPage: server.url(START, '/'),
    });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('stops a name on the imported block list before any request reaches it', async () => {
    const report = await browser.call('import-host-list', {
      list: 'block',
      fileName: 'mine.txt',
      text: `# mine\n${IMPORTED_BLOCKED}\n10.0.0.1\n`,
    });
    expect([report.kept, report.badCount, report.lists.enforcement]).toEqual([
      1,
      1,
      { browserRules: false, browser: 0, worker: 1 },
    ]);
    server.reset();
    const tab = await browser.newTab();
    const url = server.url(`login.${IMPORTED_BLOCKED}`, '/first');
    await tab.goto(url);
    const href = await tab.waitForHref((h) => h.startsWith(`${browser.origin}warning/index.html`));
    expect(href.slice(href.indexOf('#') + 1)).toBe(url);
    expect(server.requests(`login.${IMPORTED_BLOCKED}`)).toEqual([]);
    await expect.poll(() => tab.text('.reasons'), { timeout: 10_000 }).toMatch(/On the block list you imported\./);
    await tab.close();
  });

  it('lets a listed name on the imported trust list load', async () => {
    await browser.call('import-host-list', { list: 'trust', fileName: 'ours.txt', text: trustedListed });
    server.reset();
    const tab = await browser.newTab();
    await tab.goto(server.url(trustedListed, '/trusted'));
    await expect.poll(() => tab.text('#site'), { timeout: 10_000 }).toBe(trustedListed);
    expect(server.count(trustedListed)).toBeGreaterThan(0);
    await tab.close();
  });
});
