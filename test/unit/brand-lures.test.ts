import { describe, expect, it } from 'vitest';
import type { Example } from '../../src/cli/data/labelled-files.js';
import { createRng } from '../../src/core/rng.js';
import {
  brandLures,
  foldBrand,
  longTailBenign,
  lureVocabulary,
  typoBrand,
  LURE_SOURCE,
} from '../../src/cli/train/brand-lures.js';

const ex = (host: string, label: Example['label'], source: string): Example => ({
  host,
  label,
  source,
  group: host.split('.').slice(-2).join('.'),
});

// Training split: a made-up brand the training lures carry (quorvex), one only the held-out feed carries (zanthrop).
const train: Example[] = [
  ex('quorvex.com', 'benign', 'benign-list'),
  ex('zanthrop.com', 'benign', 'benign-list'),
  ex('example.org', 'benign', 'benign-list'),
  // Each action word in five training lures, so it counts as one the split uses.
  ...['verify', 'login', 'billing', 'secure', 'account', 'wallet'].flatMap((w) =>
    [0, 1, 2, 3, 4].map((k) =>
      ex(k % 2 ? `quorvex-${w}${k}.top` : `${w}-quorvex${k}.xyz`, 'malicious', 'malicious-train-feed'),
    ),
  ),
];
const heldOut: Example[] = ['verify', 'login', 'billing', 'secure', 'account'].flatMap((w) => [
  ex(`zanthrop-${w}.top`, 'malicious', 'malicious-held-out'),
  ex(`${w}.zanthrop-${w}.xyz`, 'malicious', 'malicious-held-out'),
]);

describe('brand lures', () => {
  it('draws brands, action words and suffixes from the training split only', () => {
    const v = lureVocabulary(train);
    expect(v.brands).toContain('quorvex');
    expect(v.brands).not.toContain('zanthrop');
    expect(v.actions).toEqual(expect.arrayContaining(['verify', 'login']));
    expect(new Set(v.suffixes)).toEqual(new Set(['top', 'xyz']));
  });

  it('never emits a name of the held-out feed, nor its brand, nor a benign training domain', () => {
    const lures = brandLures(train, 300, 1);
    expect(lures.length).toBeGreaterThan(100);
    const held = new Set(heldOut.map((e) => e.host));
    const benign = new Set(train.filter((e) => e.label === 'benign').map((e) => e.group));
    for (const l of lures) {
      expect(held.has(l.host)).toBe(false);
      expect(l.host).not.toContain('zanthrop');
      expect(benign.has(l.group)).toBe(false);
      expect(l.label).toBe('malicious');
      expect(l.source).toBe(LURE_SOURCE);
      expect(l.host).toMatch(/^[a-z0-9-]+(\.[a-z0-9-]+)+$/);
    }
    expect(lures.some((l) => l.host.includes('quorvex'))).toBe(true);
  });

  it('is deterministic for a seed and distinct within a draw', () => {
    const a = brandLures(train, 200, 7).map((e) => e.host);
    expect(brandLures(train, 200, 7).map((e) => e.host)).toEqual(a);
    expect(new Set(a).size).toBe(a.length);
    expect(brandLures(train, 200, 8).map((e) => e.host)).not.toEqual(a);
  });

  it('folds letters to digits or look-alikes and typos within two edits', () => {
    const rng = createRng(3);
    for (let i = 0; i < 50; i++) {
      const folded = foldBrand('microsoft', rng);
      expect(folded).not.toBe('microsoft');
      expect(folded).toMatch(/[0134]|rn|vv/);
      const typo = typoBrand('microsoft', rng);
      expect(Math.abs(typo.length - 'microsoft'.length)).toBeLessThanOrEqual(2);
    }
  });

  it('makes benign long-tail names of glued words, never on a risky training domain', () => {
    const names = longTailBenign(train, 100, 1);
    expect(names).toHaveLength(100);
    for (const n of names) {
      expect(n.label).toBe('benign');
      expect(n.host).toMatch(/^[a-z-]+\.[a-z.]+$/);
      expect(train.some((e) => e.label !== 'benign' && e.group === n.group)).toBe(false);
    }
  });
});
