/**
 * The organisation's policy in real Chromium: a managed policy file for our pinned extension id
 * (written here, removed after; it names only this suite's hosts) blocks an unlisted site before
 * any request reaches it, and trusts a site the packaged list names.
 */
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'webextension-polyfill';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extensionIdOfKey } from '../../scripts/threat-rules.mjs';
import { launchChromium, gotoAllowingRedirect, type ChromiumSession } from './harness/chromium.js';
import { ensureBuilt } from './harness/extension.js';
import { pollHref } from './harness/driver.js';
import { startTestServer, type TestServer } from './harness/server.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const POLICY_DIR = '/etc/chromium/policies/managed';
const POLICY_FILE = `${POLICY_DIR}/snowman-e2e-policy.json`;
/** Used by no other suite: a name only the policy blocks, and a listed name only the policy trusts. */
const BLOCKED = 'org-blocked-e2e-portal.com';
const TRUSTED_LISTED = 'alpacacryptoinc.com';

describe('managed policy in Chromium', () => {
  let server: TestServer;
  let session: ChromiumSession;

  beforeAll(async () => {
    const names = new Set((await readFile(`${ROOT}threats/names.txt`, 'utf8')).split('\n'));
    if (!names.has(TRUSTED_LISTED))
      throw new Error(`${TRUSTED_LISTED} is no longer on the packaged list: choose another listed name`);
    await ensureBuilt();
    const manifest = JSON.parse(await readFile(`${ROOT}manifest.json`, 'utf8')) as { key: string };
    await mkdir(POLICY_DIR, { recursive: true });
    const policy = { blockedDomains: [BLOCKED], trustedDomains: [TRUSTED_LISTED] };
    await writeFile(
      POLICY_FILE,
      JSON.stringify({ '3rdparty': { extensions: { [extensionIdOfKey(manifest.key)]: policy } } }),
    );
    server = await startTestServer();
    session = await launchChromium(`${ROOT}dist/chrome`);
  });

  afterAll(async () => {
    await rm(POLICY_FILE, { force: true });
    await session?.close();
    await server?.close();
  });

  it('the extension reads the policy', async () => {
    const managed = await session.inExtension(
      async () => (globalThis as unknown as { chrome: Browser }).chrome.storage.managed.get(),
      null,
    );
    expect(managed).toEqual({ blockedDomains: [BLOCKED], trustedDomains: [TRUSTED_LISTED] });
  });

  it('the options page shows the policy as set by the organisation, with nothing to edit', async () => {
    const page = await session.context.newPage();
    await page.goto(`${session.origin}options/index.html`);
    await expect
      .poll(() => page.evaluate(() => document.querySelector('#policy-heading')?.textContent ?? ''), {
        timeout: 10_000,
      })
      .toBe('Set by your organisation');
    expect(
      await page.evaluate(() => [...document.querySelectorAll('.policy .site')].map((s) => s.textContent)),
    ).toEqual([BLOCKED, TRUSTED_LISTED]);
    expect(await page.evaluate(() => document.querySelectorAll('.policy button').length)).toBe(0);
    await page.close();
  });

  it('stops a site the policy blocks, with the worker stopped, before any request reaches it', async () => {
    // The worker turns the policy into rules once it has started: wait for the block rule.
    await expect
      .poll(
        () =>
          session.inExtension(
            async (blocked) =>
              (
                await (globalThis as unknown as { chrome: Browser }).chrome.declarativeNetRequest.getDynamicRules()
              ).some((r) => r.condition.requestDomains?.includes(blocked)),
            BLOCKED,
          ),
        { timeout: 15_000 },
      )
      .toBe(true);
    await session.stopWorker();
    server.reset();
    const page = await session.context.newPage();
    const url = server.url(`www.${BLOCKED}`, '/');
    await gotoAllowingRedirect(page, url);
    const href = await pollHref(
      () => page.evaluate(() => location.href),
      (h) => h.startsWith(`${session.origin}warning/index.html#`),
    );
    expect(href.slice(href.indexOf('#') + 1)).toBe(url);
    expect(server.requests(`www.${BLOCKED}`)).toEqual([]);
    await page.close();
  });

  it('lets a listed site the policy trusts load', async () => {
    server.reset();
    const page = await session.context.newPage();
    await gotoAllowingRedirect(page, server.url(TRUSTED_LISTED, '/'));
    await expect
      .poll(() => page.evaluate(() => document.getElementById('site')?.textContent ?? ''), { timeout: 10_000 })
      .toBe(TRUSTED_LISTED);
    expect(server.count(TRUSTED_LISTED)).toBeGreaterThan(0);
    await page.close();
  });
});
