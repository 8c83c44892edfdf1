/**
 * The popup's level pages as build.mjs writes them (scripts/popup-pages.mjs): one per snapshot level
 * and shipped catalogue, each already showing its level's verdict as the first script renders it.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
// @ts-expect-error build.mjs is plain JavaScript without type declarations
import { catalogues as readCatalogues, inlineStyles } from '../../build.mjs';
import { escapeHtml, levelPageName, popupLevelPage, popupLevelPages } from '../../scripts/popup-pages.mjs';
import english from '../../_locales/en/messages.json';
import { catalogueReader } from '../../src/core/message-catalogue.js';
import { POPUP_LOCALES, readPopupAddress, SNAPSHOT_LEVELS } from '../../src/core/popup-snapshot.js';
import type { RiskLevel } from '../../src/core/verdict.js';
import { useMessageSource } from '../../src/platform/i18n.js';
import { adoptBuiltSection, siteSectionFor } from '../../src/popup/site-view.js';
import { snapshotDetails, snapshotForPage } from '../../src/popup/snapshot-site.js';
import { EMPTY_POPUP } from '../../src/popup/start.js';

type Catalogue = Record<string, { message: string }>;

const ROOT = path.resolve(__dirname, '../..');
const POPUP_DIR = path.join(ROOT, 'src/popup');

async function sources(): Promise<{ html: string; catalogues: Record<string, Catalogue> }> {
  const html = await (inlineStyles as (h: string, d: string) => Promise<string>)(
    await readFile(path.join(POPUP_DIR, 'index.html'), 'utf8'),
    POPUP_DIR,
  );
  return { html, catalogues: await (readCatalogues as () => Promise<Record<string, Catalogue>>)() };
}

const parse = (html: string): Document => new DOMParser().parseFromString(html, 'text/html');

/** The address's snapshot for a site of `level` on b.example.com. */
const snapshotOf = (level: RiskLevel, category = 'benign') =>
  readPopupAddress(`tab=3&via=toolbar&level=${level}&category=${category}&host=b.example.com&site=2`).site!;

afterEach(() => useMessageSource(catalogueReader(english)));

describe('popup level pages', () => {
  it('writes every level in every shipped catalogue, the verdict in that catalogue’s words before any script', async () => {
    const { html, catalogues } = await sources();
    const pages = popupLevelPages(html, catalogues);
    const expected = POPUP_LOCALES.flatMap((locale) => SNAPSHOT_LEVELS.map((level) => levelPageName(level, locale)));
    expect(Object.keys(pages).sort()).toEqual(expected.sort());
    const words: Record<RiskLevel, string> = {
      safe: 'verdict_safe',
      suspicious: 'verdict_suspicious',
      dangerous: 'verdict_dangerous',
    };
    for (const locale of POPUP_LOCALES) {
      const messages = catalogues[locale]!;
      for (const level of SNAPSHOT_LEVELS) {
        const doc = parse(pages[levelPageName(level, locale)]!);
        const verdict = doc.getElementById('site-verdict')!;
        expect(verdict.textContent, `${level}.${locale}`).toBe(messages[words[level]]!.message);
        expect(verdict.className).toBe(`verdict level-${level}`);
        expect(doc.documentElement.lang).toBe(messages['common_language_tag']!.message);
        expect(doc.querySelector('section.site')!.getAttribute('aria-label')).toBe(
          messages['popup_site_label']!.message,
        );
        expect(doc.getElementById('site-name')!.textContent).toBe('…');
        // Nothing of any site, and the placeholder's "Checking…" is gone: the verdict is the first render.
        expect(doc.querySelector('[data-i18n="popup_loading"]')).toBeNull();
        // The same scripts, at the same relative addresses, as the generic page: first.js alone,
        // fetched while the body is parsed (Chrome shows the popup at its load event, which waits
        // for it), and nothing else fetched before the first frame.
        expect([...doc.querySelectorAll('head script[defer]')].map((s) => s.getAttribute('src'))).toEqual(['first.js']);
        expect(doc.querySelectorAll('script')).toHaveLength(1);
        expect(doc.querySelector('link[rel="preload"], link[rel="stylesheet"]')).toBeNull();
      }
    }
  });

  it('builds the verdict exactly as the first script renders it, so its first render keeps that node', async () => {
    const { html, catalogues } = await sources();
    for (const locale of POPUP_LOCALES) {
      useMessageSource(catalogueReader(catalogues[locale]!));
      for (const level of SNAPSHOT_LEVELS) {
        const doc = parse(popupLevelPage(html, level, catalogues[locale]!, locale));
        const built = doc.getElementById('site-verdict');
        expect(adoptBuiltSection(doc)).toBe(level);
        const section = siteSectionFor(doc, {
          ...EMPTY_POPUP,
          site: snapshotDetails(snapshotOf(level)),
          provisional: true,
        });
        expect(section.parentElement?.id).toBe('app');
        expect(doc.getElementById('site-verdict'), `${level}.${locale}`).toBe(built);
        expect(doc.getElementById('site-name')!.textContent).toBe('b.example.com');
      }
    }
  });

  it('a page whose address names another level, or none, drops its built-in verdict', async () => {
    const { html, catalogues } = await sources();
    const doc = parse(popupLevelPage(html, 'dangerous', catalogues['en']!, 'en'));
    const built = adoptBuiltSection(doc);
    expect(snapshotForPage(snapshotOf('safe'), built)).toBeNull();
    expect(snapshotForPage(null, built)).toBeNull();
    expect(snapshotForPage(snapshotOf('dangerous'), built)).toEqual(snapshotOf('dangerous'));
    // The generic page takes any snapshot.
    expect(snapshotForPage(snapshotOf('safe'), null)).toEqual(snapshotOf('safe'));
    siteSectionFor(doc, EMPTY_POPUP);
    expect(doc.getElementById('site-verdict')).toBeNull();
    expect(doc.querySelector('#app .muted')?.textContent).toBe('Checking…');
  });

  it('escapes the catalogue’s text and refuses a catalogue it cannot fill', async () => {
    const { html, catalogues } = await sources();
    const hostile = '<img src=x onerror=alert(1)> & "quoted" \'too\'';
    const messages = {
      ...catalogues['en']!,
      verdict_dangerous: { message: hostile },
      popup_site_label: { message: '"><script>alert(1)</script>' },
    };
    const page = popupLevelPage(html, 'dangerous', messages, 'en');
    const doc = parse(page);
    expect(doc.getElementById('site-verdict')!.textContent).toBe(hostile);
    expect(doc.querySelector('section.site')!.getAttribute('aria-label')).toBe('"><script>alert(1)</script>');
    expect(doc.querySelectorAll('img')).toHaveLength(0);
    expect(doc.querySelectorAll('script')).toHaveLength(1);
    expect(escapeHtml(`<&>"'`)).toBe('&lt;&amp;&gt;&quot;&#39;');

    const { verdict_suspicious: _gone, ...missing } = catalogues['en']!;
    expect(() => popupLevelPage(html, 'suspicious', missing, 'en')).toThrow(/no message verdict_suspicious/);
    expect(() =>
      popupLevelPage(html, 'safe', { ...catalogues['en']!, verdict_safe: { message: 'Safe $1' } }, 'en'),
    ).toThrow(/substitutions/);
    expect(() => popupLevelPages(html, { fr: catalogues['en']! })).toThrow(/names another folder/);
    expect(() =>
      popupLevelPage(html.replace('<section class="site">', '<section>'), 'safe', catalogues['en']!, 'en'),
    ).toThrow(/one site section/);
  });
});
