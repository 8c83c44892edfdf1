/**
 * The warning page, popup and options page as a user meets them, in a real browser: every control
 * (Always-trust confirmation, report, sensitivity, the warning-tab popup) and accessibility —
 * axe-core (injected from node_modules) finds no serious or critical violation in either colour
 * scheme, the pages fit 320 px without sideways scrolling and keyboard focus is visible.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Target } from '../harness/extension.js';
import type { LinkPage } from '../links/browsers.js';
import { startWorld, type LinkLauncher, type LinkWorld } from '../links/setup.js';

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
/** Names whose verdict is suspicious through the lookalike rules; the test checks which one the extension rates so. */
export const SUSPICIOUS_CANDIDATES = [
  'bankofamerica-alerts.net',
  'amazon-giftcard-offer.info',
  'apple-support-helpdesk.com',
];

const text = (page: LinkPage, selector: string): Promise<string | null> =>
  page.evaluate((s) => document.querySelector(s)?.textContent ?? null, selector);

interface AxeResult {
  violations: { id: string; impact: string | null; nodes: { target: string[] }[] }[];
}

/** Serious and critical axe-core violations on the page, as "rule: targets" lines. */
async function seriousViolations(page: LinkPage): Promise<string[]> {
  await page.evaluateScript(AXE);
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: Document, options: object): Promise<AxeResult> } }).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  });
}

/** Both colour schemes: axe finds nothing serious; at 320 px nothing scrolls sideways. */
async function checkAccessible(page: LinkPage, width: number, height: number): Promise<void> {
  const checked: string[] = [];
  for (const scheme of ['light', 'dark'] as const) {
    // Firefox's driver cannot switch the scheme: each Firefox suite checks the one it was launched in
    // (ui-firefox light, ui-dark-firefox dark); Chromium checks both.
    if (!(await page.colorScheme(scheme))) continue;
    expect(await page.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches)).toBe(scheme === 'dark');
    expect(await seriousViolations(page), scheme).toEqual([]);
    checked.push(scheme);
  }
  expect(checked.length).toBeGreaterThan(0);
  await page.setViewport(320, 640);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
  await page.setViewport(width, height);
}

/** A dangerous name opened in a new page, once the warning page shows it. */
async function openWarning(
  world: LinkWorld,
  host: string,
  path: string,
): Promise<{ page: LinkPage; url: string; warning: string }> {
  const { server, browser } = world;
  const url = server.url(host, path);
  const page = await browser.newPage();
  await page.goto(url);
  // The warning's one-time token (`?t=`), when the extension issued it itself, is not part of what is compared.
  await expect
    .poll(() => page.evaluate(() => location.href.replace(/\?t=[\w-]+#/, '#')).catch(() => ''), { timeout: 10_000 })
    .toBe(`${browser.origin}warning/index.html#${url}`);
  await expect.poll(() => text(page, 'h1'), { timeout: 5000 }).toMatch(/^(Dangerous|Suspicious) site$/);
  const warning = await page.evaluate(() => location.href);
  return { page, url, warning };
}

/**
 * axe-core on the warning page, the popup on its tab (at the toolbar's address, a level page) and the options page, in every colour scheme
 * the browser can show (checkAccessible), and at 320 px.
 */
async function accessibilityPass(world: LinkWorld): Promise<void> {
  const { names, browser } = world;
  const { page, warning } = await openWarning(world, names.dangerous[7] ?? names.dangerous[1]!, '/a11y');
  await page.setViewport(900, 760);
  await checkAccessible(page, 900, 760);
  // The popup as the toolbar opens it: the dangerous level page, its verdict built into the HTML.
  const tabId = await browser.tabIdOf(warning);
  await expect
    .poll(() => browser.toolbarPopup(tabId), { timeout: 10_000 })
    .toMatch(/\/popup\/dangerous\.en\.html\?tab=/);
  const popup = await browser.openExtensionPage((await browser.toolbarPopup(tabId)).slice(browser.origin.length));
  await expect.poll(() => text(popup, '#site-verdict'), { timeout: 10_000 }).toMatch(/^Dangerous/);
  await checkAccessible(popup, 360, 600);
  await popup.close();
  await page.close();
  const settings = await browser.openExtensionPage('options/index.html');
  await expect
    .poll(() => settings.evaluate(() => document.querySelectorAll('input[name=sensitivity]').length), {
      timeout: 10_000,
    })
    .toBe(3);
  await checkAccessible(settings, 900, 900);
  await settings.close();
}

export function defineUiScenarios(target: Target, launch: LinkLauncher, options: { inventedHosts: boolean }): void {
  describe(`warning, popup and options in ${target === 'chrome' ? 'Chromium' : 'Firefox'}`, () => {
    let world: LinkWorld;
    beforeAll(async () => {
      world = await startWorld(target, launch);
    });
    afterAll(async () => {
      await world?.dispose();
    });

    const warningFor = (host: string, path: string) => openWarning(world, host, path);

    it('warning page: Report a mistake holds the local report; Always trust asks first and Cancel trusts nothing; keyboard focus is visible', async () => {
      const { names, browser } = world;
      const host = names.dangerous[6] ?? names.dangerous[0]!;
      const { page } = await warningFor(host, '/report');
      expect(await page.evaluate(() => document.activeElement?.className ?? '')).toContain('primary');
      await page.press('Tab');
      const ring = await page.evaluate(() => {
        const active = document.activeElement as HTMLElement;
        const style = getComputedStyle(active);
        return { tag: active.tagName, outline: style.outlineStyle, width: parseFloat(style.outlineWidth) };
      });
      expect(ring.tag).toBe('SUMMARY');
      expect(ring.outline).not.toBe('none');
      expect(ring.width).toBeGreaterThanOrEqual(2);

      await page.click('details.report summary');
      const report = JSON.parse(
        (await page.evaluate(() => (document.querySelector('.report-text') as HTMLTextAreaElement).value)) ?? '{}',
      ) as {
        domain: { host: string };
        verdict: { level: string; reasons: string[] };
        model: { version: string | null };
      };
      expect(report.domain.host).toBe(host);
      expect(report.verdict.level).toBe('dangerous');
      expect(report.verdict.reasons.length).toBeGreaterThan(0);
      expect(report.model.version).toMatch(/\S/);
      await page.click('button.save-report');
      expect(await text(page, '.report-status')).toMatch(/^Saved as snowman-report-.*Nothing was sent anywhere\.$/);

      await page.click('details.more summary');
      await page.click('button.trust');
      expect(await text(page, '#trust-question')).toBe(`Always trust ${host}?`);
      expect(await text(page, '#trust-confirm .scope')).toBe(
        `Snowman will never warn about ${host} or any address ending in .${host}, in any tab, until you remove it in Snowman's options.`,
      );
      expect(await page.evaluate(() => document.activeElement?.className ?? '')).toContain('cancel');
      await page.click('button.cancel');
      await expect
        .poll(() => page.evaluate(() => (document.querySelector('#trust-confirm') as HTMLElement).hidden), {
          timeout: 5000,
        })
        .toBe(true);
      expect((await browser.call('list-trusted', {})).trustedSites).not.toContain(host);
      await page.close();
    });

    it('accessibility: the warning page, the popup on its tab and the options page, light and dark, at 320 px', () =>
      accessibilityPass(world));

    it('options: sensitivity and link badges are saved; Strict shows the warning for a suspicious name, Balanced does not', async () => {
      const { server, browser } = world;
      const settings = await browser.openExtensionPage('options/index.html');
      await expect
        .poll(
          () =>
            settings.evaluate(
              () => (document.querySelector('#sensitivity-balanced') as HTMLInputElement | null)?.checked ?? null,
            ),
          { timeout: 10_000 },
        )
        .toBe(true);
      await settings.click('#sensitivity-strict');
      await expect
        .poll(async () => (await browser.call('get-settings', {})).sensitivity, { timeout: 5000 })
        .toBe('strict');
      await settings.click('#link-badges');
      await expect.poll(async () => (await browser.call('get-settings', {})).linkBadges, { timeout: 5000 }).toBe(false);
      await settings.click('#link-badges');
      await expect.poll(async () => (await browser.call('get-settings', {})).linkBadges, { timeout: 5000 }).toBe(true);

      if (options.inventedHosts) {
        const verdicts = await Promise.all(
          SUSPICIOUS_CANDIDATES.map(
            async (host) =>
              [host, (await browser.call('get-site', { url: server.url(host, '/') })).verdict.level] as const,
          ),
        );
        const suspicious = verdicts.find(([, level]) => level === 'suspicious')?.[0];
        expect(suspicious, `no candidate is suspicious: ${JSON.stringify(verdicts)}`).toBeDefined();
        const { page } = await warningFor(suspicious!, '/strict');
        expect(await text(page, 'h1')).toBe('Suspicious site');
        await page.close();
        await settings.click('#sensitivity-balanced');
        await expect
          .poll(async () => (await browser.call('get-settings', {})).sensitivity, { timeout: 5000 })
          .toBe('balanced');
        const through = await browser.newPage();
        const url = server.url(suspicious!, '/balanced');
        await through.goto(url);
        expect(await through.evaluate(() => location.href)).toBe(url);
        await through.close();
      } else {
        await settings.click('#sensitivity-balanced');
        await expect
          .poll(async () => (await browser.call('get-settings', {})).sensitivity, { timeout: 5000 })
          .toBe('balanced');
      }
      await settings.close();
    });
  });
}

/**
 * The accessibility pass alone, for a browser launched in a colour scheme the driver cannot switch
 * to (Firefox's dark scheme is a launch preference).
 */
export function defineAccessibilityScenarios(target: Target, launch: LinkLauncher, label: string): void {
  describe(`accessibility in ${target === 'chrome' ? 'Chromium' : 'Firefox'}, ${label}`, () => {
    let world: LinkWorld;
    beforeAll(async () => {
      world = await startWorld(target, launch);
    });
    afterAll(async () => {
      await world?.dispose();
    });

    it('the warning page, the popup on its tab and the options page: no serious violation, nothing wider than 320 px', () =>
      accessibilityPass(world));
  });
}
