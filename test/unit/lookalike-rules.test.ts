/** The building blocks of the lookalike detectors, on small hand-made popular lists. */
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseDomain, type ScorableHost } from '../../src/core/domain.js';
import { editKind, isOneEditApart } from '../../src/core/lookalike/edit-distance.js';
import { createLookalikeDetector, DEFAULT_LOOKALIKE_OPTIONS } from '../../src/core/lookalike/index.js';
import { isSlip } from '../../src/core/lookalike/keyboard.js';
import { findRiskWords } from '../../src/core/lookalike/risk-words.js';
import { isMixedScript, labelScripts } from '../../src/core/lookalike/scripts.js';
import { asciiSkeleton, skeleton, unicodeSkeleton } from '../../src/core/lookalike/skeleton.js';
import { parsePopularSites } from '../../src/core/popular-sites.js';
import { decide, type DecisionContext } from '../../src/core/verdict.js';
import { SEED_ARCHITECTURE } from '../../src/core/model/architecture.js';
import { DEFAULT_TOKENIZER } from '../../src/core/tokenizer.js';

function host(input: string): ScorableHost {
  const parsed = parseDomain(input);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed;
}

describe('edit distance', () => {
  it('accepts exactly one substitution, insertion, deletion or adjacent swap', () => {
    expect(isOneEditApart('paypa1', 'paypal')).toBe(true);
    expect(isOneEditApart('gooogle', 'google')).toBe(true);
    expect(isOneEditApart('gogle', 'google')).toBe(true);
    expect(isOneEditApart('googel', 'google')).toBe(true);
    expect(isOneEditApart('google', 'google')).toBe(false);
    expect(isOneEditApart('gogole', 'gooogle')).toBe(false);
    expect(isOneEditApart('ibm', 'hal')).toBe(false);
  });

  it('names the edit', () => {
    expect(editKind('gooogle', 'google')).toBe('doubling');
    expect(editKind('googlex', 'google')).toBe('insertion');
    expect(editKind('gogle', 'google')).toBe('deletion');
    expect(editKind('googel', 'google')).toBe('transposition');
    expect(editKind('goigle', 'google')).toBe('substitution');
  });

  it('counts keyboard neighbours and lookalike letters as slips, not any letter', () => {
    expect(isSlip('p', 'o')).toBe(true);
    expect(isSlip('l', 'i')).toBe(true);
    expect(isSlip('3', 'e')).toBe(true);
    expect(isSlip('p', 'g')).toBe(false);
  });
});

describe('skeletons', () => {
  it('folds Cyrillic, Greek and Armenian lookalikes to Latin and drops accents', () => {
    expect(unicodeSkeleton('аpple')).toBe('apple');
    expect(unicodeSkeleton('раураl')).toBe('paypal');
    expect(unicodeSkeleton('gοοgle')).toBe('google'); // Greek omicrons
    expect(unicodeSkeleton('gօօgle')).toBe('google'); // Armenian oh
    expect(unicodeSkeleton('ạpplé')).toBe('apple');
    expect(unicodeSkeleton('例え')).toBe('例え');
  });

  it('folds the ASCII lookalikes 0, 1, rn and vv', () => {
    expect(asciiSkeleton('rnicros0ft')).toBe('microsoft');
    expect(asciiSkeleton('paypa1')).toBe('paypal');
    expect(asciiSkeleton('vvikipedia')).toBe('wikipedia');
    expect(skeleton('аррӏе')).toBe('apple');
  });
});

describe('scripts', () => {
  it('finds Latin mixed with Cyrillic or Greek, but allows Japanese, Chinese and Korean mixes', () => {
    expect(isMixedScript(labelScripts('аpple'))).toBe(true);
    expect(isMixedScript(labelScripts('shοp'))).toBe(true);
    expect(isMixedScript(labelScripts('apple'))).toBe(false);
    expect(isMixedScript(labelScripts('пример'))).toBe(false);
    expect(isMixedScript(labelScripts('sonyのテレビ'))).toBe(false);
    expect(isMixedScript(labelScripts('abc中文'))).toBe(false);
    expect(isMixedScript(labelScripts('abc한국어'))).toBe(false);
    expect(isMixedScript(labelScripts('bücher-2024'))).toBe(false);
  });
});

describe('risk words', () => {
  it('separates strong (credentials, money) from weak (service) words, and short words only as tokens', () => {
    const risk = findRiskWords('secure-login.paypal-support', ['secure', 'login', 'paypal', 'support']);
    expect(risk.strong).toEqual(expect.arrayContaining(['login', 'secure']));
    expect(risk.weak).toEqual(['support']);
    expect(findRiskWords('apple-id', ['apple', 'id']).strong).toEqual(['id']);
    expect(findRiskWords('idaho', ['idaho']).strong).toEqual([]);
  });
});

describe('the short-name rule (MetaMask cut its tolerance to 1 after ibm.com matched hal.com)', () => {
  const popular = parsePopularSites('ibm.com\nhal.com\nebay.com\nmeta.com\npaypal.com\nnetflix.com\nmicrosoft.com\n');
  const detect = createLookalikeDetector(popular);

  it('never fuzzy-matches brands under five letters', () => {
    for (const name of ['ibn.com', 'lbm.com', 'ebey.com', 'ebayy.com', 'mata.com', 'hbm.com']) {
      expect(
        detect(host(name)).filter((f) => f.kind === 'typosquat'),
        name,
      ).toEqual([]);
    }
  });

  it('keeps lookalike characters for 4-letter brands, one slip for longer ones', () => {
    expect(detect(host('3bay.com'))).toEqual([]); // 3 → e is not a lookalike fold
    expect(detect(host('rneta.com'))[0]).toMatchObject({ kind: 'typosquat', level: 'dangerous', target: 'meta.com' });
    expect(detect(host('rnicrosoft.com'))[0]?.target).toBe('microsoft.com');
    expect(detect(host('netflxi.com'))[0]?.target).toBe('netflix.com');
    expect(detect(host('paypall.com'))[0]?.target).toBe('paypal.com');
  });

  it('gives up to two popular sites one edit apart: neither is a typo of the other', () => {
    expect(detect(host('ibm.com'))).toEqual([]);
    expect(detect(host('hal.com'))).toEqual([]);
  });
});

describe('wiring into decide()', () => {
  const popular = parsePopularSites('paypal.com\ngoogle.com\n');
  const context: DecisionContext = {
    metadata: {
      format: 'snowman-model',
      formatVersion: 1,
      version: 'test',
      createdAt: '2026-01-01',
      architecture: SEED_ARCHITECTURE,
      tokenizer: DEFAULT_TOKENIZER,
      thresholds: { malicious: { suspicious: 0.5, dangerous: 0.9 } },
    },
    isPopular: popular.has,
    findLookalikes: createLookalikeDetector(popular),
  };
  const benignScore = { score: 0.01, category: 'malicious' as const, heads: [0.01] };

  it('turns a lookalike into a dangerous verdict with its reason and target', () => {
    const verdict = decide(parseDomain('paypal.com.account-verify.xyz'), benignScore, context);
    expect(verdict.level).toBe('dangerous');
    expect(verdict.reasons[0]).toMatchObject({ kind: 'lookalike', target: 'paypal.com' });
  });

  it('never judges the brand itself', () => {
    expect(decide(parseDomain('https://www.paypal.com/signin'), benignScore, context).level).toBe('safe');
  });

  it('exposes its tuning', () => {
    expect(DEFAULT_LOOKALIKE_OPTIONS.typosquat.minLengthRepeat).toBeGreaterThanOrEqual(5);
  });
});

describe('robustness', () => {
  const popular = parsePopularSites(readFileSync(new URL('../../model/popular-domains.txt', import.meta.url), 'utf8'));
  const detect = createLookalikeDetector(popular);
  // ASCII, separators, and lookalike letters that parseDomain turns into punycode labels.
  const chars = [...'abcdeilmnoprstuvwxyz0123456789-.', 'а', 'е', 'о', 'р', 'ο', 'ı', 'é', 'ü', '例'];
  const hostLike = fc
    .array(fc.constantFrom(...chars), { minLength: 1, maxLength: 40 })
    .map((parts) => `${parts.join('')}.com`);

  it('never throws, and every finding has a level, a message and a kind', () => {
    fc.assert(
      fc.property(hostLike, (input) => {
        const parsed = parseDomain(input);
        if (!parsed.ok) return;
        for (const finding of detect(parsed)) {
          expect(['suspicious', 'dangerous']).toContain(finding.level);
          expect(['brand', 'typosquat', 'homograph']).toContain(finding.kind);
          expect(finding.message.length).toBeGreaterThan(10);
        }
      }),
      { numRuns: 2_000 },
    );
  });
});
