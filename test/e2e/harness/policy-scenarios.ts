/**
 * The organisation's policy in a real browser, written once and run by each browser's suite with
 * its own policy file: a blocked site stopped before any request and said to be blocked by the
 * organisation, a listed site the policy trusts let through, the sensitivity and link badges it
 * sets applied and shown in the options page as set by the organisation, not editable.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserUnderTest, TestTab } from './driver.js';
import { policyTestExtension, type PolicyExtension } from './policy-extension.js';
import type { Target } from './extension.js';
import { startTestServer, type TestServer } from './server.js';
import { pickSuspiciousName } from './suspicious-name.js';
import { threatNames } from './threat-names.js';

/** Used by no other suite: a name only the policy blocks, and a listed name only the policy trusts. */
export const POLICY_BLOCKED = 'org-blocked-e2e-portal.com';
export const POLICY_TRUSTED_LISTED = 'alpacacryptoinc.com';
/** Pages of this host link to a listed name (a link every setting but the policy's would badge). */
const LINKING_PAGE = 'policy-links-e2e.example.org';
const WARNING = 'warning/index.html';

export interface PolicyFile {
  /** Writes the policy for extension `id` where the browser reads it. */
  write(id: string, policy: Record<string, unknown>): Promise<void>;
  remove(): Promise<void>;
}

export type PolicyLauncher = (dir: string, hosts: readonly string[], server: TestServer) => Promise<BrowserUnderTest>;

export interface PolicyWorld {
  readonly browser: BrowserUnderTest;
  readonly server: TestServer;
  readonly extension: PolicyExtension;
  readonly suspicious: string;
}

/** The policy every suite starts with. */
export const POLICY = {
  blockedDomains: [POLICY_BLOCKED],
  trustedDomains: [POLICY_TRUSTED_LISTED],
  disableLinkBadges: true,
  sensitivity: 'strict',
};

/** Defines the suite; `more` adds browser-specific tests with the same world. */
export function definePolicyScenarios(
  target: Target,
  file: PolicyFile,
  launch: PolicyLauncher,
  more?: (world: () => PolicyWorld) => void,
): void {
  describe(`managed policy in ${target === 'chrome' ? 'Chromium' : 'Firefox'}`, () => {
    let world: PolicyWorld;
    let linked: string;
    const tabs: TestTab[] = [];
    const open = async (url: string): Promise<TestTab> => {
      const tab = await world.browser.newTab();
      tabs.push(tab);
      await tab.goto(url);
      return tab;
    };
    const isWarning = (href: string): boolean => href.startsWith(`${world.browser.origin}${WARNING}`);
    /** The tab showing a warning: its address carries a token (`?t=`) or only the target (`#`). */
    const warningTabId = async (): Promise<number> => {
      for (const next of ['?', '#']) {
        const found = await world.browser.toolbarFor(`${world.browser.origin}${WARNING}${next}`).catch(() => null);
        if (found) return found.tabId;
      }
      throw new Error('no warning tab');
    };

    beforeAll(async () => {
      const names = await threatNames();
      linked = names.listed[0]!;
      const suspicious = await pickSuspiciousName();
      const extension = await policyTestExtension(target);
      await file.write(extension.id, POLICY);
      const server = await startTestServer();
      const hosts = [POLICY_BLOCKED, `www.${POLICY_BLOCKED}`, POLICY_TRUSTED_LISTED, LINKING_PAGE, linked, suspicious];
      const browser = await launch(extension.dir, hosts, server);
      world = { browser, server, extension, suspicious };
    });

    afterAll(async () => {
      await file.remove();
      for (const tab of tabs) await tab.close().catch(() => undefined);
      await world?.browser.close();
      await world?.server.close();
      await world?.extension.dispose();
    });

    it('the options page shows what the organisation sets, and none of it can be changed', async () => {
      const page = await world.browser.openExtensionPage('options/index.html');
      tabs.push(page);
      await expect.poll(() => page.text('#policy-heading'), { timeout: 10_000 }).toBe('Set by your organisation');
      expect(await page.text('.policy-blocked .site')).toBe(POLICY_BLOCKED);
      expect(await page.text('.policy-trusted .site')).toBe(POLICY_TRUSTED_LISTED);
      expect(await page.text('.policy button')).toBeNull();
      // Disabled and showing the policy's values, each with the reason.
      await expect
        .poll(() => page.text('fieldset.sensitivity:disabled #sensitivity-strict:checked + label'))
        .toBe('Strict');
      expect(await page.text('#sensitivity-locked')).toBe('Set by your organisation: it cannot be changed here.');
      expect(await page.text('#link-badges:disabled:not(:checked) ~ #link-badges-locked')).toMatch(
        /^Set by your organisation/,
      );
    });

    it('stops a site the policy blocks before any request reaches it, as blocked by the organisation', async () => {
      const { browser, server } = world;
      if (browser.dynamicRuleDomains) {
        // Chrome: the worker turns the policy into a rule once started; then stopped, the rule alone acts.
        await expect.poll(() => browser.dynamicRuleDomains!(), { timeout: 15_000 }).toContain(POLICY_BLOCKED);
        await browser.stopBackground();
      }
      server.reset();
      const url = server.url(`www.${POLICY_BLOCKED}`, '/');
      const tab = await open(url);
      const href = await tab.waitForHref(isWarning);
      expect(href.slice(href.indexOf('#') + 1)).toBe(url);
      expect(server.requests(`www.${POLICY_BLOCKED}`)).toEqual([]);
      // The page renders again when the background's details arrive: read <main> once it says who blocked it.
      let main = '';
      await expect
        .poll(async () => (main = (await tab.text('main')) ?? ''), { timeout: 10_000 })
        .toMatch(/Blocked by your organisation\./);
      expect(main).not.toMatch(/you (chose|blocked)/i);
      // Details names who decided and offers no way past it.
      await tab.click('.more summary');
      expect(await tab.text('.more .decided-by')).toBe('Your organisation');
      expect(await tab.text('.more .continue')).toBeNull();
      expect(await tab.text('.more .trust')).toBeNull();
      // The popup on that tab says who set it and offers no Trust, Block or Pause the policy would override.
      // The only warning tab with a target so far (Firefox's harness keeps a bare warning page as its helper).
      const tabId = await warningTabId();
      const popup = await world.browser.openExtensionPage(`popup/index.html?tab=${tabId}`);
      tabs.push(popup);
      await expect.poll(() => popup.text('#decided-by'), { timeout: 10_000 }).toBe('Set by your organisation');
      for (const id of ['trust', 'untrust', 'block', 'unblock', 'pause', 'resume'])
        expect(await popup.text(`#${id}`), id).toBeNull();
      expect(await popup.text('#copy-report')).toBe('Copy report');
    });

    it('lets a listed site the policy trusts load', async () => {
      world.server.reset();
      const tab = await open(world.server.url(POLICY_TRUSTED_LISTED, '/'));
      await expect.poll(() => tab.text('#site'), { timeout: 10_000 }).toBe(POLICY_TRUSTED_LISTED);
      expect(world.server.count(POLICY_TRUSTED_LISTED)).toBeGreaterThan(0);
    });

    it('applies the sensitivity it sets: Strict stops a suspicious name', async () => {
      const url = world.server.url(world.suspicious, '/strict');
      const tab = await open(url);
      const href = await tab.waitForHref(isWarning, 15_000);
      expect(href.slice(href.indexOf('#') + 1)).toBe(url);
    });

    it('turns link badges off: a risky link is counted on the toolbar, not badged', async () => {
      const url = world.server.url(LINKING_PAGE, `/?link=${encodeURIComponent(world.server.url(linked, '/'))}`);
      const tab = await open(url);
      await expect.poll(async () => (await world.browser.toolbarFor(url)).badge, { timeout: 15_000 }).toBe('1');
      expect(await tab.text('#link + span')).toBeNull();
    });

    more?.(() => world);
  });
}
