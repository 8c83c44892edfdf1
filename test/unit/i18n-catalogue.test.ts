import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { catalogueReader, type Catalogue } from '../../src/core/message-catalogue.js';
import { t, useMessageSource } from '../../src/platform/i18n.js';

const LOCALES = path.resolve(__dirname, '../../_locales');
const read = (lang: string): Catalogue =>
  JSON.parse(readFileSync(path.join(LOCALES, lang, 'messages.json'), 'utf8')) as Catalogue;
const english = read('en');
const others = readdirSync(LOCALES).filter((lang) => lang !== 'en');
const placeholderNames = (text: string): string[] =>
  [...text.matchAll(/\$([A-Za-z0-9_@]+)\$/g)].map((m) => m[1]!.toLowerCase()).sort();

describe('message catalogues', () => {
  it('ships English and at least one more complete locale', () => {
    expect(others.length).toBeGreaterThanOrEqual(1);
  });

  it.each(others)('%s has exactly the English keys, each translated with the same placeholders', (lang) => {
    const catalogue = read(lang);
    expect(Object.keys(catalogue).sort()).toEqual(Object.keys(english).sort());
    for (const [key, entry] of Object.entries(english)) {
      const translated = catalogue[key]!;
      expect(translated.message.trim(), `${lang}:${key}`).not.toBe('');
      expect(placeholderNames(translated.message), `${lang}:${key}`).toEqual(placeholderNames(entry.message));
      expect(Object.keys(translated.placeholders ?? {}).sort(), `${lang}:${key}`).toEqual(
        Object.keys(entry.placeholders ?? {}).sort(),
      );
    }
  });

  it.each(['en', ...others])('%s: every message says what it is for and uses only named placeholders', (lang) => {
    for (const [key, entry] of Object.entries(read(lang))) {
      expect(entry.description?.trim(), `${lang}:${key} description`).toBeTruthy();
      expect(entry.message, `${lang}:${key}`).not.toMatch(/\$\d/);
      for (const name of placeholderNames(entry.message))
        expect(
          Object.keys(entry.placeholders ?? {}).map((k) => k.toLowerCase()),
          `${lang}:${key}`,
        ).toContain(name);
    }
  });

  it('every __MSG_ key the manifest names is in the English catalogue', () => {
    const manifest = readFileSync(path.resolve(__dirname, '../../manifest.json'), 'utf8');
    const keys = [...manifest.matchAll(/__MSG_(\w+)__/g)].map((m) => m[1]!);
    expect(keys.length).toBeGreaterThan(0);
    for (const key of keys) expect(english, key).toHaveProperty(key);
  });
});

describe('catalogueReader and t()', () => {
  const reader = catalogueReader({
    greet: {
      message: 'Trust $HOST$ for $DAYS$ days ($$)',
      placeholders: { host: { content: '$1' }, days: { content: '$2' } },
    },
  });

  it('fills named placeholders from substitutions and keeps a literal dollar', () => {
    expect(reader('greet', ['example.com', '7'])).toBe('Trust example.com for 7 days ($)');
  });

  it('answers an unknown key with the empty string, as browsers do', () => {
    expect(reader('nope')).toBe('');
  });

  it('t() renders from the installed catalogue and shows a missing key rather than nothing', () => {
    try {
      useMessageSource(reader);
      expect(t('greet' as never, 'a.example', 3)).toBe('Trust a.example for 3 days ($)');
      expect(t('missing' as never)).toBe('missing');
    } finally {
      useMessageSource(catalogueReader(english));
    }
  });
});
