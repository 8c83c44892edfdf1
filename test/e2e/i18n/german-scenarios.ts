/**
 * The extension in a browser whose UI language is German: the warning page, the popup on the
 * warning tab and the options page read in German, say `lang="de"`, show no English sentence of
 * the catalogue, and hold at 320 px.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Catalogue } from '../../../src/core/message-catalogue.js';
import type { Target } from '../harness/extension.js';
import type { LinkPage } from '../links/browsers.js';
import { startWorld, type LinkLauncher, type LinkWorld } from '../links/setup.js';

const LOCALES = fileURLToPath(new URL('../../../_locales/', import.meta.url));
const read = (lang: string): Catalogue =>
  JSON.parse(readFileSync(path.join(LOCALES, lang, 'messages.json'), 'utf8')) as Catalogue;
const english = read('en');
const german = read('de');

/**
 * The English fragments that must not show on a German page: every run of three or more words
 * between the placeholders of an English message, when German does not use it too.
 */
export function englishFragments(): string[] {
  const fragments = new Set<string>();
  for (const [key, entry] of Object.entries(english)) {
    const translated = german[key]?.message ?? '';
    for (const part of entry.message.split(/\$[A-Za-z0-9_]+\$/)) {
      const text = part.trim();
      if (text.split(/\s+/).length >= 3 && !translated.includes(text)) fragments.add(text);
    }
  }
  return [...fragments];
}

/** The page's text, hidden parts included (closed disclosures), without the report's JSON. */
function pageText(page: LinkPage): Promise<string> {
  return page.evaluate(() => {
    const copy = document.body.cloneNode(true) as HTMLElement;
    copy.querySelectorAll('textarea').forEach((node) => node.remove());
    const attributes = [...document.querySelectorAll('[aria-label],[title]')].map(
      (node) => `${node.getAttribute('aria-label') ?? ''} ${node.getAttribute('title') ?? ''}`,
    );
    return `${document.title}\n${copy.textContent ?? ''}\n${attributes.join('\n')}`;
  });
}

const text = (page: LinkPage, selector: string): Promise<string | null> =>
  page.evaluate((s) => document.querySelector(s)?.textContent ?? null, selector);

export function defineGermanScenarios(target: Target, launch: LinkLauncher): void {
  describe(`the extension in German in ${target === 'chrome' ? 'Chromium' : 'Firefox'}`, () => {
    let world: LinkWorld;
    const fragments = englishFragments();
    beforeAll(async () => {
      world = await startWorld(target, launch);
    });
    afterAll(async () => {
      await world?.dispose();
    });

    /** No English sentence shows, and the longer German words still fit 320 px without sideways scrolling. */
    const noEnglish = async (page: LinkPage): Promise<void> => {
      const shown = await pageText(page);
      expect(fragments.filter((fragment) => shown.includes(fragment))).toEqual([]);
      await page.setViewport(320, 640);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    };

    it('warning page, the popup on its tab and the options page read in German', async () => {
      expect(fragments.length).toBeGreaterThan(150);
      const { names, server, browser } = world;
      const host = names.dangerous[0]!;
      const page = await browser.newPage();
      await page.goto(server.url(host, '/de'));
      await expect.poll(() => text(page, 'h1'), { timeout: 15_000 }).toBe('Gefährliche Website');
      expect(await page.evaluate(() => document.documentElement.lang)).toBe('de');
      expect(await text(page, 'button.back')).toBe('Zurück zu sicherer Seite');
      expect(await text(page, 'details.report summary')).toBe('Fehler melden');
      await page.click('details.more summary');
      await page.click('button.trust');
      expect(await text(page, '#trust-question')).toBe(`${host} immer vertrauen?`);
      await noEnglish(page);

      const warning = await page.evaluate(() => location.href);
      const tabId = await browser.tabIdOf(warning);
      // The toolbar opens the German level page, its verdict in German before any script runs.
      await expect
        .poll(() => browser.toolbarPopup(tabId), { timeout: 15_000 })
        .toMatch(/\/popup\/dangerous\.de\.html\?tab=/);
      const address = await browser.toolbarPopup(tabId);
      const popup = await browser.openExtensionPage(address.slice(browser.origin.length));
      expect(
        await popup.evaluate(async (url) => {
          const doc = new DOMParser().parseFromString(await (await fetch(url)).text(), 'text/html');
          return [doc.documentElement.lang, doc.getElementById('site-verdict')?.textContent];
        }, address),
      ).toEqual(['de', 'Gefährlich']);
      await expect.poll(() => text(popup, '#site-verdict'), { timeout: 15_000 }).toMatch(/^Gefährlich/);
      expect(await popup.evaluate(() => document.documentElement.lang)).toBe('de');
      expect(await text(popup, '#trust')).toBe('Dieser Website vertrauen');
      expect(await text(popup, '.warned')).toContain('Dieser Tab zeigt die Warnung.');
      await expect.poll(() => text(popup, '#status'), { timeout: 15_000 }).toMatch(/^Modell /);
      await noEnglish(popup);

      const options = await browser.openExtensionPage('options/index.html');
      await expect.poll(() => text(options, '#status'), { timeout: 15_000 }).toMatch(/^Modell .* läuft auf /);
      expect(await text(options, 'h1')).toBe('Snowman-Einstellungen');
      expect(await options.evaluate(() => document.documentElement.lang)).toBe('de');
      await expect.poll(() => text(options, '#host-lists-heading'), { timeout: 15_000 }).toBe('Importierte Listen');
      expect(await text(options, 'label[for="sensitivity-balanced"]')).toBe('Ausgewogen (empfohlen)');
      await noEnglish(options);
    });
  });
}
