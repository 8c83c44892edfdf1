/**
 * The lookalike tables the build prepares (core/lookalike/prepared-tables.ts) decide exactly as
 * the detector built from the source list, and a file that does not fit is refused by name.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseDomain } from '../../src/core/domain.js';
import { createLookalikeDetector, DEFAULT_LOOKALIKE_OPTIONS } from '../../src/core/lookalike/index.js';
import {
  decodeLookalikeTables,
  encodeLookalikeTables,
  LOOKALIKE_TABLES_VERSION,
  LookalikeTablesError,
} from '../../src/core/lookalike/prepared-tables.js';
import { parsePopularSites } from '../../src/core/popular-sites.js';

const shippedText = readFileSync(new URL('../../model/popular-domains.txt', import.meta.url), 'utf8');
const shipped = parsePopularSites(shippedText);
const parsedDetector = createLookalikeDetector(shipped);
const encoded = encodeLookalikeTables(shippedText);
const prepared = decodeLookalikeTables(encoded);

/** Every kind of finding: slips of the top brands, brands in longer names, IDN homographs, and plain names. */
function fixtureNames(): string[] {
  const names = [
    'paypal-login.xyz',
    'paypalsecure-account.com',
    'secure-paypal.com.account-verify.top',
    'раураl-login.xyz',
    'xn--80aa0cbo65f.com',
    'аррlе.com',
    'micros0ft.com',
    'rnicrosoft.com',
    'gooogle.com',
    'netflxi.com',
    'amaz0n-prime.shop',
    'dhl-parcel.top',
    'apple.com.verify-id.info',
    'bakery-on-main.com',
    'aftxopbojhxapurcajyz.info',
    'my.blog.example.co.uk',
    'github.io',
    'user.github.io',
  ];
  for (const domain of shipped.domains.slice(0, 300)) {
    const dot = domain.indexOf('.');
    const [label, suffix] = [domain.slice(0, dot), domain.slice(dot)];
    if (label.length < 4) continue;
    names.push(
      domain,
      `${label.slice(0, 2)}${label.slice(3)}${suffix}`, // a letter missing
      `${label.slice(0, 2)}${label[2]}${label.slice(2)}${suffix}`, // a letter doubled
      `${label.slice(0, 1)}${label[2]}${label[1]}${label.slice(3)}${suffix}`, // two swapped
      `${label.replace(/o/g, '0').replace(/l/g, '1')}${suffix}`, // lookalike characters
      `${label}-login.top`,
      `secure${label}online.com`,
    );
  }
  return names;
}

const headerOf = (bytes: Uint8Array): Record<string, unknown> => {
  const length = new DataView(bytes.buffer, bytes.byteOffset).getUint32(8, true);
  return JSON.parse(new TextDecoder().decode(bytes.subarray(12, 12 + length))) as Record<string, unknown>;
};
const domainsAt = (): number => Math.ceil((12 + new DataView(encoded.buffer).getUint32(8, true)) / 4) * 4;

describe('prepared lookalike tables', () => {
  it('stores the popular domains once, as text, and no key it can derive (skeletons, one-deletion variants)', () => {
    const header = headerOf(encoded);
    expect(Object.keys(header).sort()).toEqual(
      ['domainBytes', 'domainCount', 'lengths', 'options', 'substringLengths', 'width'].sort(),
    );
    const text = new TextDecoder().decode(
      encoded.subarray(domainsAt(), domainsAt() + (header['domainBytes'] as number)),
    );
    expect(text).toBe(shipped.domains.join('\n'));
    // gooogle is no popular domain but a variant key of google's (a letter doubled): derived, not stored.
    expect(Buffer.from(encoded).includes('gogle')).toBe(false);
  });

  it('round trip: the popular list reads back the same, rank by rank', () => {
    expect(prepared.popular.size).toBe(shipped.size);
    expect(prepared.popular.domains).toEqual(shipped.domains);
    for (const domain of [...shipped.domains.slice(0, 500), 'not-listed.example', 'google.co', '']) {
      expect(prepared.popular.rank(domain)).toBe(shipped.rank(domain));
      expect(prepared.popular.has(domain)).toBe(shipped.has(domain));
    }
  });

  it('the same findings as the detector built from the source list, for every fixture name', () => {
    let found = 0;
    for (const name of fixtureNames()) {
      const host = parseDomain(`http://${name}/`);
      if (!host.ok) continue;
      const expected = parsedDetector(host);
      if (expected.length > 0) found++;
      expect(prepared.findLookalikes(host), name).toEqual(expected);
    }
    // The fixture reaches the detector's findings, not only its empty answers.
    expect(found).toBeGreaterThan(300);
  });

  it('encodes deterministically (the build writes the same bytes for the same list)', () => {
    expect(Buffer.from(encodeLookalikeTables(shippedText)).equals(Buffer.from(encoded))).toBe(true);
  });

  it('a small list round-trips too', () => {
    const small = decodeLookalikeTables(encodeLookalikeTables('# comment\npaypal.com\nExample.org\npaypal.com\n'));
    expect(small.popular.domains).toEqual(['paypal.com', 'example.org']);
    expect(small.popular.rank('example.org')).toBe(2);
    const host = parseDomain('http://paypa1.com/');
    expect(host.ok && small.findLookalikes(host)).toEqual(
      host.ok && createLookalikeDetector(parsePopularSites('paypal.com\nexample.org'))(host),
    );
  });

  const damaged: [string, () => Uint8Array, RegExp][] = [
    ['another file', () => new TextEncoder().encode('paypal.com\n'), /bad magic/],
    ['an empty file', () => new Uint8Array(0), /bad magic/],
    ['a truncated file', () => encoded.slice(0, encoded.length - 100), /holds \d+ bytes, its header needs \d+/],
    ['a truncated header', () => encoded.slice(0, 200), /header is truncated/],
    [
      'another version',
      () => {
        const bytes = encoded.slice();
        new DataView(bytes.buffer).setUint32(4, 99, true);
        return bytes;
      },
      new RegExp(`version 99, this build reads ${LOOKALIKE_TABLES_VERSION}`),
    ],
    [
      'domains that are not UTF-8',
      () => {
        const bytes = encoded.slice();
        bytes[domainsAt()] = 0xff;
        return bytes;
      },
      /domains are not UTF-8/,
    ],
    [
      'a domain line too many',
      () => {
        const bytes = encoded.slice();
        bytes[domainsAt() + 3] = 0x0a; // '\n' inside the first domain
        return bytes;
      },
      new RegExp(`lists ${shipped.size + 1} domains, its header says ${shipped.size}`),
    ],
    [
      'a header that is not JSON',
      () => {
        const bytes = encoded.slice();
        bytes[12] = 0x7b; // '{'
        bytes[13] = 0x7b;
        return bytes;
      },
      /header is not JSON/,
    ],
  ];
  for (const [what, bytes, message] of damaged) {
    it(`refuses ${what} with a LookalikeTablesError saying why`, () => {
      expect(() => decodeLookalikeTables(bytes())).toThrow(LookalikeTablesError);
      expect(() => decodeLookalikeTables(bytes())).toThrow(message);
    });
  }

  it('refuses tables built with another tuning', () => {
    const options = { ...DEFAULT_LOOKALIKE_OPTIONS, brands: { ...DEFAULT_LOOKALIKE_OPTIONS.brands, maxRank: 100 } };
    expect(() => decodeLookalikeTables(encoded, options)).toThrow(/built with other lookalike options/);
  });
});
