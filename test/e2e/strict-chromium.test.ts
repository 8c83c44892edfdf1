/**
 * Strict first-visit mode in Debian's Chromium: with it on, a top-level GET to a site not judged
 * this session waits on the checking page, so not even the first request reaches a dangerous
 * name; safe sites load under their real address, and history never holds the checking page.
 * With it off, the rule is gone and navigations behave as before.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STRICT_RULE_ID } from '../../src/background/strict-rules.js';
import type { Page } from 'playwright-core';
import type { Browser } from 'webextension-polyfill';
import { gotoAllowingRedirect, launchChromium, type ChromiumSession } from './harness/chromium.js';
import { pollHref } from './harness/driver.js';
import { extensionDir, type ExtensionDir } from './harness/extension.js';
import { pickE2eNames, type E2eNames } from './harness/names.js';
import { startTestServer, type TestServer } from './harness/server.js';

const CHECKING = 'checking/index.html';
const WARNING = 'warning/index.html';

describe('strict first-visit mode in Chromium', () => {
  let names: E2eNames;
  let server: TestServer;
  let ext: ExtensionDir;
  let session: ChromiumSession;
  const pages: Page[] = [];

  const href = (page: Page) => (): Promise<string> => page.evaluate(() => location.href);
  const newPage = async (): Promise<Page> => {
    const page = await session.context.newPage();
    pages.push(page);
    return page;
  };
  const closePages = async (): Promise<void> => {
    for (const page of pages.splice(0)) await page.close().catch(() => undefined);
  };
  /** Strict mode's rule: a dynamic one, so it outlives the browser. */
  const strictRules = async () =>
    (
      await session.inExtension(
        async () => (globalThis as unknown as { chrome: Browser }).chrome.declarativeNetRequest.getDynamicRules(),
        null,
      )
    ).filter((rule) => rule.id === STRICT_RULE_ID);
  const isWarningFor = (url: string) => (h: string) =>
    h.startsWith(`${session.origin}${WARNING}`) && h.slice(h.indexOf('#') + 1) === url;

  let profile: string;

  beforeAll(async () => {
    names = await pickE2eNames();
    server = await startTestServer();
    ext = await extensionDir('chrome', names);
    profile = await mkdtemp(path.join(os.tmpdir(), 'snowman-strict-profile-'));
    session = await launchChromium(ext.dir, profile);
    // The reply comes once the rule is installed.
    if (!process.env['STRICT_OFF']) await session.call('set-preferences', { strictFirstVisit: true });
  });

  afterAll(async () => {
    await session?.close();
    await server?.close();
    await ext?.dispose();
    if (profile) await rm(profile, { recursive: true, force: true });
  });

  it('turned on, one lasting redirect rule holds top-level GETs', async () => {
    const rules = await strictRules();
    expect(rules).toHaveLength(1);
    expect(rules[0]!.condition).toMatchObject({ resourceTypes: ['main_frame'], requestMethods: ['get'] });
  });

  it('no request reaches a dangerous name on the first visit: the warning shows instead', async () => {
    const host = names.dangerous[0]!;
    const url = server.url(host, '/first');
    server.reset();
    const page = await newPage();
    await gotoAllowingRedirect(page, url);
    await pollHref(href(page), isWarningFor(url));
    await expect.poll(() => page.locator('h1').first().innerText(), { timeout: 10_000 }).toBe('Dangerous site');
    expect(server.requests(host)).toEqual([]);
    // Back from the warning returns to where the tab was, not to the checking page.
    expect(await page.evaluate(() => history.length)).toBe(2);
    await closePages();
  });

  it('a safe site loads under its real address; Back and Forward and history keep it', async () => {
    const [first, second] = [names.benign[0]!, names.benign[1]!];
    const firstUrl = server.url(first, '/a');
    const secondUrl = server.url(second, '/b?q=1');
    server.reset();
    const page = await newPage();
    await gotoAllowingRedirect(page, firstUrl);
    await pollHref(href(page), (h) => h === firstUrl);
    await gotoAllowingRedirect(page, secondUrl);
    await pollHref(href(page), (h) => h === secondUrl);
    await expect.poll(() => page.locator('#site').innerText()).toBe(second);
    // One page load (the browser may add its favicon request).
    expect(server.requests(second).filter((line) => !line.startsWith('GET /favicon'))).toEqual(['GET /b?q=1']);
    // about:blank, the first site, the second: no checking page among the entries.
    expect(await page.evaluate(() => history.length)).toBe(3);
    await page.goBack();
    await pollHref(href(page), (h) => h === firstUrl);
    await page.goForward();
    await pollHref(href(page), (h) => h === secondUrl);
    // Judged safe this session: the rule now lets the site through without a stop.
    const rule = (await strictRules())[0];
    expect(rule?.condition.excludedRequestDomains).toEqual(expect.arrayContaining([first, second]));
    await closePages();
  });

  it('with the worker stopped, the first visit to a dangerous name still sends it no request', async () => {
    const host = names.dangerous[1]!;
    const url = server.url(host, '/cold');
    await session.stopWorker();
    server.reset();
    const page = await newPage();
    await gotoAllowingRedirect(page, url);
    await pollHref(href(page), isWarningFor(url), 20_000);
    expect(server.requests(host)).toEqual([]);
    await closePages();
  });

  it('a site that opens the checking page itself gets no forward', async () => {
    const [opener, target] = [names.benign[2]!, names.benign[3]!];
    const page = await newPage();
    await gotoAllowingRedirect(page, server.url(opener, '/'));
    await pollHref(href(page), (h) => h.startsWith(server.url(opener, '/')));
    server.reset();
    const forged = `${session.origin}${CHECKING}#${server.url(target, '/forged')}`;
    await page.evaluate((address) => void (location.href = address), forged);
    await pollHref(href(page), (h) => h === forged);
    await expect
      .poll(() => page.locator('h1').first().innerText(), { timeout: 10_000 })
      .toBe('Snowman did not open this address by itself');
    expect(server.requests(target)).toEqual([]);
    await closePages();
  });

  it('a javascript: target is refused without asking the background', async () => {
    const page = await newPage();
    await gotoAllowingRedirect(page, `${session.origin}${CHECKING}#javascript:alert(1)`);
    await expect
      .poll(() => page.locator('p').first().innerText(), { timeout: 10_000 })
      .toBe('Only web addresses (http and https) are opened from here.');
    await closePages();
  });

  it('holds from browser start: after a restart, the first visit to a dangerous name sends no request', async () => {
    // The same profile, restarted, and a navigation at once, without waiting for the extension: the
    // hold must not depend on the worker having run since the browser started.
    await session.close();
    session = await launchChromium(ext.dir, profile, undefined, { waitReady: false });
    const host = names.dangerous[2]!;
    const url = server.url(host, '/after-restart');
    server.reset();
    const page = await newPage();
    const seen: string[] = [];
    page.on('framenavigated', (frame) => frame === page.mainFrame() && seen.push(frame.url()));
    await gotoAllowingRedirect(page, url);
    // Held on the checking page; a worker that missed the navigation event cannot vouch for it, so
    // the page may stay there (offering a plain link) rather than go on to the warning.
    const held = `${session.origin}${CHECKING}#${url}`;
    await pollHref(href(page), (h) => h === held || isWarningFor(url)(h), 20_000);
    expect(seen).toContain(held);
    expect(server.requests(host)).toEqual([]);
    await closePages();
    await session.ready();
  });

  it('turned off, its rule is gone and a safe site loads straight away', async () => {
    await session.call('set-preferences', { strictFirstVisit: false });
    expect(await strictRules()).toEqual([]);
    const host = names.benign[4]!;
    const url = server.url(host, '/off');
    const page = await newPage();
    const seen: string[] = [];
    page.on('framenavigated', (frame) => frame === page.mainFrame() && seen.push(frame.url()));
    await gotoAllowingRedirect(page, url);
    await pollHref(href(page), (h) => h === url);
    expect(seen.filter((u) => u.startsWith(session.origin))).toEqual([]);
    await closePages();
  });
});
