/**
 * The link badges end to end, written once and run in each browser by its driver:
 * risky links badged and benign ones not, links added later, a hostile page, the toolbar count.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Target } from '../harness/extension.js';
import { startWorld, waitForBadges, type LinkLauncher, type LinkWorld } from './setup.js';

export function defineLinkScenarios(target: Target, launch: LinkLauncher): void {
  describe(`link badges in ${target === 'chrome' ? 'Chromium' : 'Firefox'}`, () => {
    let world: LinkWorld;
    beforeAll(async () => {
      world = await startWorld(target, launch);
    });
    afterAll(async () => {
      await world?.dispose();
    });

    it('badges links to dangerous domains, not links to benign ones, and counts them on the toolbar', async () => {
      const { names, server, browser } = world;
      const [d0, d1] = names.dangerous;
      const [b0, b1] = names.benign;
      const page = await browser.newPage();
      const url = server.url(b0!, `/links?to=${d0},${b1},${d1}&repeat=2`);
      await page.goto(url);
      const views = await waitForBadges(page, [d0!, d1!]);
      expect(views.filter((v) => v.badged)).toHaveLength(4);
      const levels = await browser.badgeLevels(page);
      if (levels) expect(levels).toEqual({ [d0!]: 'dangerous', [d1!]: 'dangerous' });
      const tabId = await browser.tabIdOf(url);
      await expect.poll(() => browser.badgeText(tabId), { timeout: 5000 }).toBe('2');
      await page.close();
    });

    it('judges a dangerous link placed after 5,000 decoy sub-domains of one name (the budget counts domains)', async () => {
      const { names, server, browser } = world;
      const page = await browser.newPage();
      await page.goto(server.url(names.benign[0]!, `/decoys?decoys=5000&to=${names.dangerous[1]}`));
      const views = await waitForBadges(page, [names.dangerous[1]!]);
      expect(views.filter((v) => v.badged)).toHaveLength(1);
      await page.close();
    });

    it('badges links added after the page loaded', async () => {
      const { names, server, browser } = world;
      const page = await browser.newPage();
      await page.goto(
        server.url(
          names.benign[1]!,
          `/dynamic?to=${names.benign[0]}&later=${names.dangerous[2]},${names.benign[2] ?? names.benign[0]}`,
        ),
      );
      await waitForBadges(page, [names.dangerous[2]!]);
      await page.close();
    });

    it('lets a hostile page neither read verdicts nor forge them', async () => {
      const { names, server, browser } = world;
      const [d0] = names.dangerous;
      const [b0, b1] = names.benign;
      const page = await browser.newPage();
      await page.goto(server.url(b0!, `/hostile?to=${d0},${b1},${names.dangerous[3]}`));
      const views = await waitForBadges(page, [d0!, names.dangerous[3]!]);
      for (const view of views.filter((v) => v.badged)) {
        // The badge is an empty element with a closed shadow root and one inline style shared by every level.
        expect(view).toMatchObject({ shadowRoot: false, attributes: ['style'], text: '' });
        expect(view.style).toBe(views.find((v) => v.badged)!.style);
      }
      for (const view of views) expect(view.linkAttributes).toEqual(['href']);
      const probe = await page.evaluate(() => (window as unknown as { __probe: Record<string, unknown> }).__probe);
      // The page's patched attachShadow never saw the extension's call; nothing was posted or dispatched to it
      // beyond its own forgeries; it has no extension messaging to forge with.
      expect(probe).toMatchObject({ attachShadowCalls: 0, messages: 1, events: 1, runtime: false });
      // The tooltip shown on keyboard focus is closed to the page as well.
      await page.focus(`#links a[href*="${d0}"]`);
      const tooltip = await page.evaluate(() => {
        const last = document.documentElement.lastElementChild!;
        return {
          tag: last.localName,
          shadowRoot: last.shadowRoot !== null,
          text: last.textContent,
          attributes: last.getAttributeNames(),
        };
      });
      expect(tooltip).toEqual({ tag: 'span', shadowRoot: false, text: '', attributes: ['style'] });
      await page.close();
    });

    it('gives the page no findable text, and puts badges back when the page removes or hides them', async () => {
      const { names, server, browser } = world;
      const page = await browser.newPage();
      await page.goto(server.url(names.benign[1]!, `/links?to=${names.dangerous[3]},${names.benign[0]}`));
      await waitForBadges(page, [names.dangerous[3]!]);
      expect(
        await page.evaluate(
          () =>
            (window as unknown as { find(text: string): boolean }).find('!') ||
            (window as unknown as { find(text: string): boolean }).find('?'),
        ),
      ).toBe(false);
      await page.evaluate(() => {
        for (const a of document.querySelectorAll('#links a'))
          if (a.nextElementSibling?.localName === 'span') a.nextElementSibling.remove();
      });
      await waitForBadges(page, [names.dangerous[3]!]);
      await page.evaluate(() => {
        for (const a of document.querySelectorAll('#links a'))
          (a.nextElementSibling as HTMLElement | null)?.style.setProperty('display', 'none', 'important');
      });
      await expect
        .poll(
          () =>
            page.evaluate(() =>
              [...document.querySelectorAll('#links a')].map(
                (a) => (a.nextElementSibling as HTMLElement | null)?.style.getPropertyValue('display') ?? '',
              ),
            ),
          { timeout: 5000 },
        )
        .toContain('inline-block');
      await page.close();
    });

    it('still sends a click on a dangerous link to the warning page', async () => {
      const { names, server, browser } = world;
      const page = await browser.newPage();
      await page.goto(server.url(names.benign[0]!, `/links?to=${names.dangerous[4]}`));
      await waitForBadges(page, [names.dangerous[4]!]);
      await page.click('#links a');
      await expect
        .poll(() => page.evaluate(() => location.href).catch(() => ''), { timeout: 10_000 })
        .toMatch(new RegExp(`^${browser.origin}warning/index\\.html(\\?t=[\\w-]+)?#`));
      // Judged when the page's links were: the click met a redirect rule (Chrome) or the held request (Firefox).
      expect(server.requests(names.dangerous[4]!)).toEqual([]);
      await page.close();
    });
  });
}
