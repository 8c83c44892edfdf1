import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseDomain } from '../../src/core/domain.js';
import { loadPopularSites, parsePopularSites, POPULAR_SITES_FILE } from '../../src/core/popular-sites.js';

const shippedText = readFileSync(new URL(`../../model/${POPULAR_SITES_FILE}`, import.meta.url), 'utf8');
const shipped = parsePopularSites(shippedText);

function registrable(input: string): string | null {
  const parsed = parseDomain(input);
  if (!parsed.ok) throw new Error(`${input}: ${parsed.message}`);
  return parsed.registrableDomain;
}

describe('parsePopularSites', () => {
  it('keeps rank order, skips comments and blank lines, lowercases and deduplicates', () => {
    const list = parsePopularSites('# header\ngoogle.com\n\n  PayPal.com \ngoogle.com\r\nexample.org\n');
    expect(list.domains).toEqual(['google.com', 'paypal.com', 'example.org']);
    expect(list.size).toBe(3);
    expect(list.rank('paypal.com')).toBe(2);
    expect(list.rank('missing.com')).toBe(0);
    expect(list.has('example.org')).toBe(true);
    expect(list.has('www.example.org')).toBe(false);
  });

  it('has() works unbound, as DecisionContext.isPopular is passed around', () => {
    const { has } = parsePopularSites('google.com\n');
    expect(has('google.com')).toBe(true);
  });

  it('loads through the caller-supplied reader', async () => {
    const list = await loadPopularSites(async (name) => (name === POPULAR_SITES_FILE ? 'a.com\nb.com\n' : ''));
    expect(list.domains).toEqual(['a.com', 'b.com']);
  });
});

describe('the shipped list (model/popular-domains.txt)', () => {
  it('is the Tranco top 10k minus hosting platforms, and small', () => {
    expect(shipped.size).toBeGreaterThan(9_500);
    expect(shipped.size).toBeLessThanOrEqual(10_000);
    expect(Buffer.byteLength(shippedText)).toBeLessThan(160_000);
    for (const domain of [
      'google.com',
      'microsoft.com',
      'apple.com',
      'paypal.com',
      'github.com',
      'wikipedia.org',
      'amazon.com',
    ]) {
      expect(shipped.has(domain), domain).toBe(true);
    }
    expect(shipped.rank('google.com')).toBe(1);
  });

  it('holds registrable domains only (PSL private section on), so no public suffix like github.io', () => {
    for (const domain of shipped.domains) expect(registrable(domain), domain).toBe(domain);
    for (const suffix of ['github.io', 'blogspot.com', 'herokuapp.com', 'netlify.app', 'duckdns.org', 'web.app']) {
      expect(shipped.has(suffix), suffix).toBe(false);
    }
  });

  it('leaves out hosting platforms whose users pick their own sub-domains', () => {
    for (const platform of [
      'weebly.com',
      'wordpress.com',
      'sharepoint.com',
      'godaddysites.com',
      'webnode.com',
      'no-ip.com',
      'wix.com',
      'blogspot.de',
      'mooo.com',
    ]) {
      expect(shipped.has(platform), platform).toBe(false);
    }
  });

  it('judges user sites on hosting platforms by their own name, not the platform', () => {
    expect(registrable('https://paypal-login.github.io/')).toBe('paypal-login.github.io');
    expect(shipped.has(registrable('paypal-login.github.io')!)).toBe(false);
    expect(shipped.has(registrable('evil.blogspot.com')!)).toBe(false);
    expect(shipped.has(registrable('verify-account.weebly.com')!)).toBe(false);
    expect(shipped.has(registrable('secure.000webhostapp.com')!)).toBe(false);
    // The brands' own sites are matched by registrable domain, sub-domains included.
    expect(shipped.has(registrable('https://accounts.google.com/signin')!)).toBe(true);
    expect(shipped.has(registrable('www.paypal.com')!)).toBe(true);
  });
});
