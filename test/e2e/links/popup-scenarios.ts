/**
 * The popup end to end, opened as the extension page for a tab: it shows the page's
 * summary, reveals a risky link, and its actions take effect (trust removes badges; block makes
 * the next navigation warn). Screenshots are `npm run screenshots`' job: tests write no tracked files.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Target } from '../harness/extension.js';
import type { LinkPage } from './browsers.js';
import { startWorld, waitForBadges, type LinkLauncher, type LinkWorld } from './setup.js';

/** The tab's address with the warning's one-time token (`?t=`) left out ('' while it navigates). */
const addressWithoutToken = (page: LinkPage): Promise<string> =>
  page.evaluate(() => location.href.replace(/\?t=[\w-]+#/, '#')).catch(() => '');

/** Waits until `page` shows the warning page (of the extension at `origin`) for `url`. */
const expectWarnedAbout = (page: LinkPage, origin: string, url: string): Promise<void> =>
  expect.poll(() => addressWithoutToken(page), { timeout: 10_000 }).toBe(`${origin}warning/index.html#${url}`);

const text = (page: LinkPage, selector: string): Promise<string | null> =>
  page.evaluate((s) => document.querySelector(s)?.textContent ?? null, selector);

/** The popup page an absolute toolbar address opens, relative to the package root. */
const pageOf = (address: string): string => new URL(address).pathname.slice(1);

/**
 * The verdict in the HTML the extension serves at `address`, as parsed (DOMParser runs no script):
 * fetched from `page`, an extension page.
 */
const builtVerdict = (page: LinkPage, address: string): Promise<Record<string, string | null>> =>
  page.evaluate(async (url) => {
    const doc = new DOMParser().parseFromString(await (await fetch(url)).text(), 'text/html');
    const verdict = doc.getElementById('site-verdict');
    return {
      level: verdict?.getAttribute('data-level') ?? null,
      text: verdict?.textContent ?? null,
      host: doc.getElementById('site-name')?.textContent ?? null,
    };
  }, address);

export function definePopupScenarios(target: Target, launch: LinkLauncher): void {
  describe(`popup in ${target === 'chrome' ? 'Chromium' : 'Firefox'}`, () => {
    let world: LinkWorld;
    beforeAll(async () => {
      world = await startWorld(target, launch);
    });
    afterAll(async () => {
      await world?.dispose();
    });

    it('shows the current site and the page summary, and reveals the first link of a risky domain', async () => {
      const { names, server, browser } = world;
      const [d0, d1] = names.dangerous;
      const [b0, b1] = names.benign;
      const page = await browser.newPage();
      const url = server.url(b0!, `/links?to=${b1},${d0},${d1}&repeat=2`);
      await page.goto(url);
      await waitForBadges(page, [d0!, d1!]);
      const popup = await browser.openPopup(await browser.tabIdOf(url));
      await expect.poll(() => text(popup, '#site-verdict'), { timeout: 10_000 }).toMatch(/^Looks safe/);
      expect(await text(popup, '#site-name')).toBe(b0);
      // 3 hosts × 2 links, plus the page's link to itself.
      await expect
        .poll(() => text(popup, '#link-counts'), { timeout: 10_000 })
        .toBe('7 links4 domains (4 sites)2 dangerous0 suspicious2 safe');
      const risky = await popup.evaluate(() =>
        Array.from(document.querySelectorAll('#risky-list .host'), (n) => n.textContent),
      );
      expect([...risky].sort()).toEqual([d0, d1].sort());
      expect(await text(popup, '#status')).toMatch(/^Model \S+ · (wasm|cpu) backend · links scored in [\d.]+ ms$/);

      // Keyboard: the second risky domain's button, Enter → that link is focused on the page.
      await popup.focus('#risky-list li:nth-child(2) button');
      await popup.evaluate(() => (document.activeElement as HTMLElement).click());
      await expect.poll(() => text(popup, '#notice'), { timeout: 5000 }).toBe('Link shown on the page.');
      expect(await page.evaluate(() => (document.activeElement as HTMLAnchorElement).hostname)).toBe(risky[1]);
      await popup.close();
      await page.close();
    });

    if (target === 'chrome')
      it('shows the verdict the background recorded while the background does not answer', async () => {
        const { names, server, browser } = world;
        const url = server.url(names.benign[0]!, '/recorded');
        const page = await browser.newPage();
        await page.goto(url);
        const tabId = await browser.tabIdOf(url);
        await expect
          .poll(async () => (await browser.call('get-tab-state', { tabId }))?.main?.site?.verdict.level, {
            timeout: 10_000,
          })
          .toBe('safe');
        const popup = await browser.openPopupWithoutBackground!(tabId);
        await expect.poll(() => text(popup, '#site-verdict'), { timeout: 10_000 }).toMatch(/^Looks safe/);
        expect(await text(popup, '#site-name')).toBe(names.benign[0]);
        // Nothing came from the background, and nothing can be changed before it answers.
        await expect.poll(() => text(popup, '#status'), { timeout: 10_000 }).toBe('Snowman is starting…');
        expect(await popup.evaluate(() => (document.querySelector('#trust') as HTMLButtonElement).disabled)).toBe(true);
        // The page's shell is the only placeholder: the popup's first render is the verdict, and the
        // verdict is built once (the rest of the popup is added around it, not rebuilt with it).
        const renders = await popup.evaluate(() => {
          const seen = window as unknown as { __renders: boolean[]; __firstVerdict: Element | null };
          return { first: seen.__renders[0], same: seen.__firstVerdict === document.querySelector('#site-verdict') };
        });
        expect(renders).toEqual({ first: true, same: true });
        await popup.close();
        await page.close();
      });

    it('the toolbar opens an address naming the tab and carrying its verdict; a stale one gives way to the live verdict', async () => {
      const { names, server, browser } = world;
      const site = names.dangerous[4] ?? names.dangerous[0]!;
      const safe = names.benign[0]!;
      const query = (address: string): Record<string, string> => Object.fromEntries(new URL(address).searchParams);
      const open = (address: string): Promise<LinkPage> =>
        browser.openExtensionPage(address.slice(browser.origin.length));

      const page = await browser.newPage();
      const safeUrl = server.url(safe, '/toolbar');
      await page.goto(safeUrl);
      const tabId = await browser.tabIdOf(safeUrl);
      await expect
        .poll(async () => query(await browser.toolbarPopup(tabId)), { timeout: 10_000 })
        .toMatchObject({ tab: String(tabId), via: 'toolbar', level: 'safe', host: safe });
      // The page of the level, in the browser's catalogue; its HTML says the level before any script runs.
      expect(pageOf(await browser.toolbarPopup(tabId))).toBe('popup/safe.en.html');
      const safePopup = await open(await browser.toolbarPopup(tabId));
      expect(await builtVerdict(safePopup, await browser.toolbarPopup(tabId))).toEqual({
        level: 'safe',
        text: 'Looks safe',
        host: '…',
      });
      await expect.poll(() => text(safePopup, '#site-verdict'), { timeout: 10_000 }).toMatch(/^Looks safe/);
      expect(await text(safePopup, '#site-name')).toBe(safe);
      await safePopup.close();

      // A dangerous site: the tab shows the warning, and the toolbar's address says so for that site.
      const url = server.url(site, '/toolbar');
      await page.goto(url);
      await expectWarnedAbout(page, browser.origin, url);
      await expect
        .poll(async () => query(await browser.toolbarPopup(tabId)), { timeout: 10_000 })
        .toMatchObject({ tab: String(tabId), via: 'toolbar', level: 'dangerous', host: site });
      const stale = await browser.toolbarPopup(tabId);
      expect(pageOf(stale)).toBe('popup/dangerous.en.html');
      if (browser.openAddressAlone) {
        // Nothing but the address to go by (no message, record or tab answers): its first render is the verdict.
        const alone = await browser.openAddressAlone(stale);
        await expect.poll(() => text(alone, '#site-verdict'), { timeout: 10_000 }).toMatch(/^Dangerous/);
        expect(await text(alone, '#site-name')).toBe(site);
        // Its HTML held the verdict, and no render took it away.
        expect(
          await alone.evaluate(() => {
            const seen = window as unknown as { __renders: boolean[]; __firstVerdict: Element | null };
            return { verdict: seen.__firstVerdict?.getAttribute('data-level'), renders: seen.__renders.every(Boolean) };
          }),
        ).toEqual({ verdict: 'dangerous', renders: true });
        // Nothing the address says can be acted on: no action is offered before the background answers.
        expect(
          await alone.evaluate(() =>
            Array.from(document.querySelectorAll('button'), (b) => b.disabled).includes(false),
          ),
        ).toBe(false);
        await alone.close();
      }
      const onWarning = await open(stale);
      expect(await builtVerdict(onWarning, stale)).toEqual({ level: 'dangerous', text: 'Dangerous', host: '…' });
      await expect.poll(() => text(onWarning, '#site-verdict'), { timeout: 10_000 }).toMatch(/^Dangerous/);
      expect(await text(onWarning, '#site-name')).toBe(site);
      await expect.poll(() => text(onWarning, '.warned'), { timeout: 10_000 }).toMatch(/^Snowman stopped /);
      await onWarning.close();

      // Always trust, confirmed: the tab opens the site, and the toolbar's address follows.
      await page.click('details.more summary');
      await page.click('button.trust');
      await page.click('button.confirm-trust');
      await expect.poll(() => page.evaluate(() => location.href).catch(() => ''), { timeout: 10_000 }).toBe(url);
      await expect
        .poll(async () => query(await browser.toolbarPopup(tabId)), { timeout: 10_000 })
        .toMatchObject({ level: 'safe', why: 'user-trusted', host: site });
      // The address from before still says dangerous: the popup shows the live verdict instead.
      const late = await open(stale);
      await expect.poll(() => text(late, '#site-verdict'), { timeout: 10_000 }).toMatch(/^Looks safe/);
      await expect
        .poll(() => late.evaluate(() => (document.querySelector('#untrust') as HTMLButtonElement | null)?.disabled), {
          timeout: 10_000,
        })
        .toBe(false);
      expect(await text(late, '#site-reason')).toBe('You chose to trust this site.');
      await late.close();
      await page.close();
      await browser.call('untrust-site', { site });
    });

    it('the toolbar button’s own popup shows the site’s level page with its host, then its actions', async () => {
      const { names, server, browser } = world;
      const safe = names.benign[0]!;
      const page = await browser.newPage();
      const url = server.url(safe, '/bubble');
      await page.goto(url);
      const tabId = await browser.tabIdOf(url);
      // Once the toolbar carries the verdict, the button opens the level page for it.
      await expect
        .poll(async () => new URL(await browser.toolbarPopup(tabId)).searchParams.get('level'), { timeout: 10_000 })
        .toBe('safe');
      // When it painted is the bench's business (`npm run bench -- --only popup`).
      const { times: _times, ...bubble } = await browser.openToolbarBubble(tabId);
      expect(bubble).toEqual({
        page: 'popup/safe.en.html',
        verdict: 'Looks safe',
        host: safe,
        actions: true,
        shown: true,
        painted: true,
      });
      await page.close();
    });

    it('trust this site removes the badges of its links', async () => {
      const { names, server, browser } = world;
      const site = names.dangerous[2]!;
      const other = names.dangerous[3]!;
      const url = server.url(site, `/links?to=${site},${other}`);
      // Through the warning as a user would: Details, then Continue for this session.
      const page = await browser.newPage();
      await page.goto(url);
      await expectWarnedAbout(page, browser.origin, url);
      await expect.poll(() => text(page, 'h1'), { timeout: 5000 }).toBe('Dangerous site');
      await page.click('details.more summary');
      await page.click('button.continue');
      await expect.poll(() => page.evaluate(() => location.href).catch(() => ''), { timeout: 10_000 }).toBe(url);
      await waitForBadges(page, [site, other]);
      const popup = await browser.openPopup(await browser.tabIdOf(url));
      await expect.poll(() => text(popup, '#site-verdict'), { timeout: 10_000 }).toMatch(/^Dangerous/);
      await expect
        .poll(() => popup.evaluate(() => document.querySelectorAll('#risky-list li').length), { timeout: 10_000 })
        .toBe(2);
      await popup.click('#trust');
      await expect.poll(() => text(popup, '#notice'), { timeout: 5000 }).toBe(`Trusted ${site}.`);
      await waitForBadges(page, [other]);
      await expect.poll(() => text(popup, '#site-verdict'), { timeout: 5000 }).toMatch(/^Looks safe/);
      await popup.close();
      await page.close();
      await browser.call('untrust-site', { site });
    });

    it('block this site makes the next visit warn', async () => {
      const { names, server, browser } = world;
      const site = names.benign[1]!;
      const url = server.url(site, '/links?to=');
      const page = await browser.newPage();
      await page.goto(url);
      const popup = await browser.openPopup(await browser.tabIdOf(url));
      await expect.poll(() => text(popup, '#site-verdict'), { timeout: 10_000 }).toMatch(/^Looks safe/);
      await popup.click('#block');
      await expect
        .poll(() => text(popup, '#notice'), { timeout: 5000 })
        .toMatch(new RegExp(`^Blocked ${site.replace(/\./g, '\\.')}`));
      await expect.poll(() => text(popup, '#site-verdict'), { timeout: 5000 }).toMatch(/^Dangerous/);
      await popup.close();
      const again = server.url(site, '/again');
      await page.goto(again);
      await expectWarnedAbout(page, browser.origin, again);
      const warning = await page.evaluate(() => location.href);

      // The popup on the warning tab: the stopped site, its verdict and working actions.
      const onWarning = await browser.openPopup(await browser.tabIdOf(warning));
      await expect.poll(() => text(onWarning, '#site-verdict'), { timeout: 10_000 }).toMatch(/^Dangerous/);
      expect(await text(onWarning, '#site-name')).toBe(site);
      expect(await text(onWarning, '.warned')).toMatch(/^Snowman stopped /);
      expect(await text(onWarning, '#pause-hint')).toBe(
        `Pause here: no warnings and no link badges on ${site} until you resume it.`,
      );
      expect(await onWarning.evaluate(() => (document.querySelector('#pause') as HTMLButtonElement).disabled)).toBe(
        false,
      );
      await onWarning.click('#pause');
      // Pausing lets the site through: the tab leaves the warning for the site itself.
      await expect.poll(() => page.evaluate(() => location.href).catch(() => ''), { timeout: 10_000 }).toBe(again);
      await onWarning.close();
      await page.close();
      await browser.call('pause-site', { url, paused: false });
      await browser.call('unblock-site', { url });
    });
  });
}
