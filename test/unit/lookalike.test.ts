/** The lookalike detectors on the shipped popular list: the patterns they target, and names they must leave alone. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseDomain, type ScorableHost } from '../../src/core/domain.js';
import { createLookalikeDetector, type LookalikeFinding } from '../../src/core/lookalike/index.js';
import { parsePopularSites } from '../../src/core/popular-sites.js';

const popular = parsePopularSites(readFileSync(new URL('../../model/popular-domains.txt', import.meta.url), 'utf8'));
const detect = createLookalikeDetector(popular);

function findings(input: string): LookalikeFinding[] {
  const parsed = parseDomain(input);
  if (!parsed.ok) throw new Error(`${input}: ${parsed.message}`);
  return detect(parsed as ScorableHost);
}

function worst(input: string): { level: string; kinds: string[]; targets: (string | undefined)[]; messages: string[] } {
  const found = findings(input);
  const level = found.some((f) => f.level === 'dangerous') ? 'dangerous' : found.length > 0 ? 'suspicious' : 'safe';
  return {
    level,
    kinds: found.map((f) => f.kind),
    targets: found.map((f) => f.target),
    messages: found.map((f) => f.message),
  };
}

describe('brand impersonation', () => {
  it.each([
    ['paypal.com.account-verify.xyz', 'paypal.com'],
    ['login-microsoftonline.top', 'microsoftonline.com'],
    ['metamask-wallet-restore.app', 'metamask.io'],
    ['apple-id-verify.com', 'apple.com'],
    ['netflix-account-update.com', 'netflix.com'],
    ['amazon.co.uk.security-check.info', 'amazon.co.uk'],
    ['paypalsecure-login.com', 'paypal.com'],
    ['paypal-login.github.io', 'paypal.com'],
    ['secure-login.paypal.com.example-host.ru', 'paypal.com'],
  ])('%s impersonates %s: dangerous', (host, target) => {
    const result = worst(host);
    expect(result.level).toBe('dangerous');
    expect(result.kinds).toContain('brand');
    expect(result.targets).toContain(target);
  });

  it('says which brand and where it belongs', () => {
    expect(worst('paypal.com.account-verify.xyz').messages[0]).toMatch(/paypal\.com.*account-verify\.xyz.*"verify"/);
    expect(worst('apple-id-verify.com').messages[0]).toContain('contains the brand apple outside apple.com');
  });

  it('marks a whole popular domain carried in a foreign name, even without risk words', () => {
    expect(worst('www.paypal.com.evil.xyz').level).toBe('suspicious');
    expect(worst('paypal-com.cheap-deals.net').level).toBe('suspicious');
  });

  it('weighs weak words lower: support or tracking next to a brand is only suspicious', () => {
    expect(worst('dhl-parcel-tracking.top').level).toBe('suspicious');
  });

  it.each([
    'accounts.google.com',
    'www.paypal.com',
    'paypal.com',
    'login.microsoftonline.com',
    'support.apple.com',
    'google.github.io', // Google's own GitHub pages: the brand as the whole registrable label
    'paypal.de',
    'tiktok-minis.us', // a brand's own other site: no risk word, no finding
    'applebees.com',
    'pineapple-support.com', // the brand only inside another word, next to a weak word
    'secure-cloud.pro', // "cloud" is a word, not a brand
    'greenvalleybakery.com',
  ])('%s: no finding', (host) => {
    expect(findings(host)).toEqual([]);
  });
});

describe('typosquats', () => {
  it.each([
    ['paypa1.com', 'paypal.com', 'dangerous'],
    ['micros0ft.com', 'microsoft.com', 'dangerous'],
    ['rnicrosoft.com', 'microsoft.com', 'dangerous'],
    ['g00gle.com', 'google.com', 'dangerous'],
    ['gooogle.com', 'google.com', 'suspicious'],
    ['netflxi.com', 'netflix.com', 'suspicious'],
    ['faceboook.net', 'facebook.com', 'suspicious'],
    ['instagrarn.com', 'instagram.com', 'dangerous'],
    ['facebpok.com', 'facebook.com', 'suspicious'], // o → p: keyboard neighbours
    ['wikipedla.org', 'wikipedia.org', 'suspicious'], // i → l: lookalike letters
  ])('%s looks like %s (%s)', (host, target, level) => {
    const result = worst(host);
    expect(result.kinds).toContain('typosquat');
    expect(result.targets).toContain(target);
    expect(result.level).toBe(level);
  });

  it('explains the trick', () => {
    expect(worst('paypa1.com').messages[0]).toBe(
      'looks like paypal.com: "paypa1" imitates "paypal" with look-alike characters',
    );
    expect(worst('gooogle.com').messages[0]).toBe('looks like google.com: "gooogle" is "google" with a letter doubled');
  });

  it.each([
    'hal.com', // MetaMask's trap: one edit from ibm.com is not a typo of it
    'ibn.com',
    'ubm.com',
    'dhk.com',
    'partner.co.il', // a different first letter is another word (gartner)
    'arena.ai',
    'amazom.com', // other slips need 7+ letters: one edit on a 6-letter word too often makes another word
    'ebay-collectors.org',
  ])('%s: not a typosquat', (host) => {
    expect(worst(host).kinds).not.toContain('typosquat');
  });
});

describe('homographs', () => {
  it('flags аpple.com (Cyrillic а) as apple.com, in Unicode and punycode', () => {
    const result = worst('аpple.com');
    expect(result.level).toBe('dangerous');
    expect(result.kinds).toContain('homograph');
    expect(result.targets).toContain('apple.com');
    expect(result.messages[0]).toContain('аpple.com (xn--pple-43d.com)');
  });

  it('accepts the punycode form as well', () => {
    expect(worst('xn--pple-43d.com').targets).toContain('apple.com');
    expect(worst('https://xn--80ak6aa92e.com/login').targets).toContain('apple.com'); // аррӏе, all Cyrillic
  });

  it('reads an IDN brand lure the way the user sees it', () => {
    const result = worst('раураl-login.xyz');
    expect(result.level).toBe('dangerous');
    expect(result.targets).toContain('paypal.com');
    expect(result.messages.join(' ')).toContain('xn--');
  });

  it('marks labels that mix Latin with Cyrillic or Greek', () => {
    const result = worst('shοp-deals.com'); // Greek ο
    expect(result.level).toBe('suspicious');
    expect(result.messages[0]).toMatch(/mixes (Latin and Greek|Greek and Latin) letters/);
  });

  it('leaves ordinary IDNs alone', () => {
    for (const host of [
      'bücher.de',
      'müller.de',
      'пример.рф',
      'правительство.рф',
      '例え.jp',
      '日本語ドメイン.jp',
      'παράδειγμα.gr',
      'münchen.de',
    ]) {
      expect(findings(host), host).toEqual([]);
    }
  });
});

describe('brands written with look-alike characters', () => {
  it.each([
    ['amaz0n-billing.com', 'amazon.com'],
    ['faceb00k-login.net', 'facebook.com'],
    ['micros0ft-security.xyz', 'microsoft.com'],
    ['rnicrosoft-login.com', 'microsoft.com'],
  ])('%s is dangerous: the folded name carries %s next to a risk word', (input, target) => {
    const result = worst(input);
    expect(result.level).toBe('dangerous');
    expect(result.targets).toContain(target);
    expect(result.messages.join(' ')).toContain(`(written "${input.slice(0, input.lastIndexOf('.'))}")`);
  });

  it('counts the disguise itself as evidence: a folded brand with no risk word is suspicious', () => {
    expect(worst('amaz0n-deals.com')).toMatchObject({ level: 'suspicious', targets: ['amazon.com'] });
  });

  it('takes the appeal and copyright lures as risk words next to a brand', () => {
    expect(worst('instagram-copyright-appeal.com')).toMatchObject({ level: 'dangerous', targets: ['instagram.com'] });
  });

  it.each(['apple-fan-2011.com', 'shop-1and1-deals.com', 'learn-modern-art.org', 'top10-reviews.net'])(
    'leaves %s alone: folding only counts when it spells the brand',
    (input) => {
      expect(worst(input).level).toBe('safe');
    },
  );
});
