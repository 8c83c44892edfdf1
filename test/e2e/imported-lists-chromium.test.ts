/**
 * Lists the user imports in the options page, in real Chromium: a block list stops a name on the
 * first visit with the worker stopped and no request reaching it (the browser's own dynamic
 * rules), a trust list lets through a name the packaged threat list would stop, and the page
 * reports the file's bad lines by number.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gotoAllowingRedirect, launchChromium, type ChromiumSession } from './harness/chromium.js';
import { pollHref } from './harness/driver.js';
import { ensureBuilt } from './harness/extension.js';
import { startTestServer, type TestServer } from './harness/server.js';
import { threatNames } from './harness/threat-names.js';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** Used by no other suite: an invented name only the imported block list names. */
const IMPORTED_BLOCKED = 'my-imported-block-e2e.com';
const BLOCK_FILE = ['# my block list', `0.0.0.0 ${IMPORTED_BLOCKED}`, '10.1.2.3', 'two words.com here.com', ''].join(
  '\n',
);

describe('imported lists in Chromium', () => {
  let server: TestServer;
  let session: ChromiumSession;
  let options: Page;
  let trustedListed: string;

  async function importFile(list: 'block' | 'trust', name: string, text: string): Promise<void> {
    await options.setInputFiles(`#import-${list}-list`, { name, mimeType: 'text/plain', buffer: Buffer.from(text) });
    await expect
      .poll(() => options.locator(`#host-list-${list}-report`).innerText(), { timeout: 15_000 })
      .toMatch(/^Imported/);
  }

  beforeAll(async () => {
    trustedListed = (await threatNames()).listed[1]!;
    await ensureBuilt();
    server = await startTestServer();
    session = await launchChromium(`${ROOT}dist/chrome`);
    options = await session.context.newPage();
    await options.goto(`${session.origin}options/index.html`);
  });

  afterAll(async () => {
    await session?.close();
    await server?.close();
  });

  it('imports a block list from a file, keeping the good lines and naming each bad one by number', async () => {
    await importFile('block', 'my-list.txt', BLOCK_FILE);
    const report = await options.locator('#host-list-block-report').innerText();
    expect(report).toContain('Imported 1 host from my-list.txt.');
    expect(report).toContain('2 lines were not used:');
    expect(report).toMatch(/line 3: "10\.1\.2\.3"/);
    expect(report).toMatch(/line 4: "two words\.com here\.com" — more than one name on the line/);
    expect(await options.locator('#host-list-block h3').innerText()).toBe('Block list (1)');
    expect(await options.locator('#host-list-block .enforcement').innerText()).toMatch(
      /^All 1 are stopped by the browser's own rules/,
    );
  });

  it('stops a name on the imported block list on the first visit, worker stopped, no request reaching it', async () => {
    await session.stopWorker();
    server.reset();
    const page = await session.context.newPage();
    const url = server.url(`login.${IMPORTED_BLOCKED}`, '/first');
    await gotoAllowingRedirect(page, url);
    const href = await pollHref(
      () => page.evaluate(() => location.href),
      (h) => h.startsWith(`${session.origin}warning/index.html`) && h.endsWith(`#${url}`),
    );
    expect(href.endsWith(url)).toBe(true);
    expect(server.requests(`login.${IMPORTED_BLOCKED}`)).toEqual([]);
    await expect
      .poll(() => page.locator('.reasons').innerText(), { timeout: 10_000 })
      .toMatch(/On the block list you imported\./);
    await page.close();
  });

  it('an imported trust list lets a name through that the packaged list would stop', async () => {
    await importFile('trust', 'ours.txt', `${trustedListed}\n`);
    expect(await options.locator('#host-list-trust h3').innerText()).toBe('Trust list (1)');
    server.reset();
    const page = await session.context.newPage();
    await gotoAllowingRedirect(page, server.url(trustedListed, '/trusted'));
    await expect.poll(() => page.locator('#site').innerText(), { timeout: 10_000 }).toBe(trustedListed);
    expect(server.count(trustedListed)).toBeGreaterThan(0);
    await page.close();
  });

  it('clearing the block list lets the name open again, the host stopped earlier too', async () => {
    await options.locator('#host-list-block .clear').click();
    await expect.poll(() => options.locator('#host-list-block h3').innerText()).toBe('Block list (0)');
    server.reset();
    const page = await session.context.newPage();
    await gotoAllowingRedirect(page, server.url(`login.${IMPORTED_BLOCKED}`, '/cleared'));
    await expect.poll(() => page.locator('#site').innerText(), { timeout: 10_000 }).toBe(`login.${IMPORTED_BLOCKED}`);
    await page.close();
  });
});
