/** Reasons are worded on the page from their kind and details, in the catalogue's language. */
import { afterEach, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import english from '../../_locales/en/messages.json';
import { catalogueReader, type Catalogue } from '../../src/core/message-catalogue.js';
import { parseDomain } from '../../src/core/domain.js';
import type { Verdict } from '../../src/core/verdict.js';
import { formatNumber, tCount, useMessageSource } from '../../src/platform/i18n.js';
import { plainReasons, riskHeadline } from '../../src/ui/plain-words.js';

const german = JSON.parse(
  readFileSync(path.resolve(__dirname, '../../_locales/de/messages.json'), 'utf8'),
) as Catalogue;
const inGerman = () => useMessageSource(catalogueReader(german));

const flagged = (reasons: Verdict['reasons'], extra: Partial<Verdict> = {}): Verdict => ({
  level: 'suspicious',
  category: 'malicious',
  score: 0.5,
  risk: null,
  reasons,
  ...extra,
});

afterEach(() => useMessageSource(catalogueReader(english)));

describe('reasons worded from their details', () => {
  const mixed = flagged([
    {
      kind: 'lookalike',
      message: 'mixes Latin and Cyrillic letters in "pаypal" (xn--pypal-4ve), a trick to imitate another name',
      detail: { kind: 'mixed-scripts', label: 'pаypal' },
    },
  ]);
  const readsAs = flagged([
    {
      kind: 'lookalike',
      message: '"аррӏе" (xn--80ak6aa92e) is written only with letters that look Latin: it reads as "apple"',
      detail: { kind: 'reads-as', label: 'аррӏе', looks: 'apple' },
    },
  ]);

  it('words a homograph from its label, not from the English message', () => {
    expect(plainReasons(mixed)).toEqual([
      'Its name mixes letters of different alphabets in “pаypal”, a trick to imitate another name.',
    ]);
    expect(plainReasons(readsAs)).toEqual([
      '“аррӏе” is written only with letters that look Latin: it reads as “apple”.',
    ]);
    inGerman();
    expect(plainReasons(mixed)[0]).toMatch(/^Der Name mischt in „pаypal“ Buchstaben verschiedener Alphabete/);
    expect(plainReasons(readsAs)[0]).toBe(
      '„аррӏе“ besteht nur aus Buchstaben, die lateinisch aussehen: Man liest „apple“.',
    );
  });

  it('says why a name was not checked from the refusal, and words a failure of Snowman itself from its code', () => {
    const ip = parseDomain('http://10.0.0.1/');
    expect(ip.ok).toBe(false);
    const refused: Verdict = {
      ...flagged([{ kind: 'unscorable', message: 'IP addresses are not scored' }]),
      level: 'unscorable',
      unscorableReason: 'ip',
    };
    expect(plainReasons(refused)).toEqual(['IP addresses are not checked.']);
    const failed = flagged([{ kind: 'unscorable', message: 'the model is not loaded' }], {
      level: 'unscorable',
      failure: 'model-not-loaded',
    });
    expect(plainReasons(failed)).toEqual(["Snowman could not check it: Snowman's model is not loaded"]);
    // Without a code the English message still stays out of the sentence.
    const { failure: _, ...uncoded } = failed;
    expect(plainReasons(uncoded)).toEqual(['Snowman could not check it: an internal error occurred in Snowman']);
    inGerman();
    expect(plainReasons(refused)).toEqual(['IP-Adressen werden nicht geprüft.']);
    expect(plainReasons(failed)).toEqual([
      'Snowman konnte diese Website nicht prüfen: das Erkennungsmodell von Snowman ist nicht geladen',
    ]);
  });

  it('names a popular site and a lookalike target in either language', () => {
    const popular = flagged(
      [
        {
          kind: 'popular',
          message: 'google.com is one of the most visited sites',
          detail: { kind: 'popular', domain: 'google.com' },
        },
      ],
      { level: 'safe' },
    );
    const lookalike = flagged([{ kind: 'lookalike', message: 'looks like paypal.com: …', target: 'paypal.com' }], {
      level: 'dangerous',
    });
    expect(plainReasons(popular)).toEqual(['google.com is one of the most visited sites.']);
    inGerman();
    expect(plainReasons(popular)).toEqual(['google.com gehört zu den meistbesuchten Websites.']);
    expect(plainReasons(lookalike)).toEqual(['Diese Website sieht aus wie paypal.com, ist aber eine andere.']);
    expect(riskHeadline(lookalike)).toBe(
      'Diese Website versucht womöglich, Ihr Passwort, Ihre Kartendaten oder Ihre Wallet zu stehlen.',
    );
  });
});

describe('numbers and plurals in the page language', () => {
  it('groups digits and picks the plural form as the language does', () => {
    expect(tCount('popup_count_links', 1)).toBe('1 link');
    expect(tCount('popup_count_links', 1234)).toBe('1,234 links');
    inGerman();
    expect(tCount('popup_count_links', 1234)).toBe('1.234 Links');
    expect(formatNumber(99.9, { minimumFractionDigits: 1 })).toBe('99,9');
  });
});
