/**
 * Every string a user reads comes from the catalogue: no text literal in the pages, the content
 * script, the shared UI code or the background's toolbar text; every key the code names exists;
 * every key in the catalogue is used somewhere.
 */
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { findHtmlLiterals, findUiLiterals } from './helpers/ui-literals.js';

const ROOT = path.resolve(__dirname, '../..');
const english = JSON.parse(readFileSync(path.join(ROOT, '_locales/en/messages.json'), 'utf8')) as Record<
  string,
  unknown
>;

function filesUnder(dir: string, ext: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? filesUnder(full, ext) : full.endsWith(ext) ? [full] : [];
  });
}

/** Everything that runs in the browser and shows text: pages, content script, shared UI, toolbar text. */
const UI_FILES = [
  ...['popup', 'warning', 'options', 'content', 'ui'].flatMap((dir) => filesUnder(path.join(ROOT, 'src', dir), '.ts')),
  path.join(ROOT, 'src/background/toolbar.ts'),
  path.join(ROOT, 'src/background/link-toolbar.ts'),
];
const HTML_FILES = ['popup', 'warning', 'options'].flatMap((dir) => filesUnder(path.join(ROOT, 'src', dir), '.html'));
/** All extension code (the CLI and server stay English and use no catalogue). */
const EXTENSION_FILES = readdirSync(path.join(ROOT, 'src'))
  .filter((dir) => dir !== 'cli' && statSync(path.join(ROOT, 'src', dir)).isDirectory())
  .flatMap((dir) => filesUnder(path.join(ROOT, 'src', dir), '.ts'));
const relative = (file: string) => path.relative(ROOT, file);

describe('no user-visible text outside the catalogue', () => {
  it.each(UI_FILES.map(relative))('%s', (file) => {
    const findings = findUiLiterals(readFileSync(path.join(ROOT, file), 'utf8'), file);
    expect(findings.map((f) => `${file}:${f.line} (${f.rule}) ${f.text}`)).toEqual([]);
  });

  it.each(HTML_FILES.map(relative))('%s fills every text from the catalogue', (file) => {
    expect(findHtmlLiterals(readFileSync(path.join(ROOT, file), 'utf8'))).toEqual([]);
  });
});

describe('the literal finder', () => {
  const planted = `
    import { t } from '../platform/i18n.js';
    export function view(doc: Document, root: HTMLElement, host: string, on: boolean) {
      const p = el(doc, 'p', { className: 'note muted', text: 'Hello there' });
      root.title = 'Close';
      root.setAttribute('aria-label', on ? t('popup_site_label') : 'dangerous');
      const go = button(doc, \`Go to \${host}\`, 'primary back', () => undefined);
      const WORDS = { heading: 'Imported lists' };
      if (host === 'Not a text') throw new Error('no site to report');
      root.append(doc.createTextNode(' · '), el(doc, 'span', { text: t('popup_trust') }));
      console.warn('[snowman] link check failed:', host);
      root.style.cssText = 'all: initial !important; display: block;';
      return [p, go, WORDS, root.querySelector('.reasons li')];
    }`;
  const found = findUiLiterals(planted);

  it('catches literals in sinks and text tables, including single words and template text', () => {
    expect(found.map((f) => f.text)).toEqual(['Hello there', 'Close', 'dangerous', 'Go to ', 'Imported lists']);
  });

  it('leaves keys, class names, selectors, comparisons, CSS and developer messages alone', () => {
    const texts = found.map((f) => f.text).join('\n');
    for (const quiet of [
      'popup_',
      'note muted',
      'primary back',
      'Not a text',
      'no site',
      '[snowman]',
      'initial',
      '.reasons',
    ])
      expect(texts).not.toContain(quiet);
  });

  it('catches text in HTML that is not marked for the catalogue', () => {
    const html = `<title data-i18n="extName">Snowman</title><body><h1>Settings</h1>
      <button aria-label="Close" data-i18n="common_cancel">Cancel</button><p data-i18n="x">Fine</p>
      <input placeholder="Search" /><script>const a = 'not text';</script></body>`;
    expect(findHtmlLiterals(html)).toEqual(['Settings', 'Search']);
  });
});

describe('catalogue keys and code agree', () => {
  const code = EXTENSION_FILES.map((file) => readFileSync(file, 'utf8')).join('\n');
  const markup = [...HTML_FILES, path.join(ROOT, 'manifest.json')].map((f) => readFileSync(f, 'utf8')).join('\n');
  const literals = new Set([...code.matchAll(/'([A-Za-z0-9_]+)'/g)].map((m) => m[1]!));
  const plurals = new Set([...code.matchAll(/tCount\(\s*'([a-z0-9_]+)'/g)].map((m) => m[1]!));
  const marked = new Set([...markup.matchAll(/data-i18n="(\w+)"|__MSG_(\w+)__/g)].map((m) => (m[1] ?? m[2])!));
  const PREFIX = /^(popup|warning|options|checking|content|toolbar|reason|verdict|common)_[a-z0-9_]+$/;

  it('every key the code or the HTML names is in the catalogue', () => {
    const named = [...literals].filter((s) => PREFIX.test(s) && !plurals.has(s));
    const missing = [...named, ...marked].filter((key) => !(key in english));
    const pluralsMissing = [...plurals].filter((base) => !(`${base}_one` in english && `${base}_other` in english));
    expect([...missing, ...pluralsMissing]).toEqual([]);
    expect(named.length).toBeGreaterThan(100);
  });

  it('every catalogue key is used (no dead keys)', () => {
    const used = (key: string) =>
      literals.has(key) || marked.has(key) || plurals.has(key.replace(/_(one|other)$/, '')) || key === 'extName';
    expect(Object.keys(english).filter((key) => !used(key))).toEqual([]);
  });
});
