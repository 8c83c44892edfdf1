import { describe, expect, it } from 'vitest';
import { auc } from '../../src/cli/metrics.js';
import {
  DEFAULT_NGRAM_FEATURES,
  maxFeatureCount,
  ngramBucket,
  ngramBuckets,
  ngramStrings,
  validateNgramSpec,
  type NgramFeatureSpec,
} from '../../src/core/ngram/features.js';
import { hostParts, shapeTokens, SHAPE_TOKENS } from '../../src/core/ngram/parts.js';
import { ngramLogits, ngramProbabilities } from '../../src/core/ngram/model.js';
import { BASELINE_NGRAM, trainNgramModel, weightedHosts } from '../../src/cli/ngram/train-model.js';
import type { Example, Label } from '../../src/cli/data/labelled-files.js';
import { syntheticExamples } from './helpers/synthetic-names.js';

const SMALL = { ...DEFAULT_NGRAM_FEATURES, bits: 16 };

function buckets(host: string, spec: NgramFeatureSpec = DEFAULT_NGRAM_FEATURES): number[] {
  const out = new Uint32Array(maxFeatureCount(spec, host.length));
  return Array.from(out.subarray(0, ngramBuckets(host, spec, out)));
}

describe('hashed n-gram features', () => {
  it('hash the same name to the same buckets on every run (golden values)', () => {
    expect(buckets('paypal.com').slice(0, 8)).toEqual([164038, 109529, 737848, 163187, 578660, 125854, 579547, 716670]);
    expect(buckets('a', SMALL)).toEqual([32966, 44457, 42501, 53983, 26625, 27823]);
  });

  it('cover 1- to 5-grams of the name with ^ and $ markers, one bucket per n-gram string', () => {
    const grams = ngramStrings('ab.c', DEFAULT_NGRAM_FEATURES);
    expect(grams).toContain('^');
    expect(grams).toContain('^a');
    expect(grams).toContain('^ab.c');
    expect(grams).toContain('c$');
    expect(grams).toContain('$');
    expect(grams).toContain('b.c$');
    expect(grams).not.toContain('^ab.c$'); // 6 characters: longer than maxN
    expect(grams.length).toBe(6 * 5 - (1 + 2 + 3 + 4)); // 6 marked characters, n = 1..5
    expect(buckets('ab.c')).toEqual(grams.map((g) => ngramBucket(g, DEFAULT_NGRAM_FEATURES)));
  });

  it('tell a name at the start or end from the same letters inside', () => {
    const inside = ngramBucket('pay', DEFAULT_NGRAM_FEATURES);
    expect(ngramBucket('^pay', DEFAULT_NGRAM_FEATURES)).not.toBe(inside);
    expect(buckets('paypal.com')).toContain(ngramBucket('^pay', DEFAULT_NGRAM_FEATURES));
    expect(buckets('paypal.com')).toContain(ngramBucket('.com$', DEFAULT_NGRAM_FEATURES));
    expect(buckets('xpaypal.com')).not.toContain(ngramBucket('^pay', DEFAULT_NGRAM_FEATURES));
  });

  it('stay inside the bucket range', () => {
    for (const b of buckets('a-very-long-sub.domain.example-with-digits-123.co.uk', SMALL))
      expect(b).toBeLessThan(2 ** 16);
  });
});

describe('structural n-gram features (version 2, parts)', () => {
  const PARTS = { ...DEFAULT_NGRAM_FEATURES, version: 2, parts: true };

  it('split a host into public suffix (private zones included), registrable label and sub-domain', () => {
    expect(hostParts('login.paypal.com.account-verify.xyz')).toEqual({
      suffix: 'xyz',
      label: 'account-verify',
      sub: 'login.paypal.com',
    });
    expect(hostParts('a.b.duckdns.org')).toEqual({ suffix: 'duckdns.org', label: 'b', sub: 'a' });
    expect(hostParts('github.io')).toEqual({ suffix: 'github.io', label: 'github.io', sub: '' });
  });

  it('add the label and sub-domain n-grams in their own namespaces, then suffix and shape tokens', () => {
    const host = 'login.paypal.com.account-verify.xyz';
    const whole = buckets(host);
    const withParts = buckets(host, PARTS);
    expect(withParts.slice(0, whole.length)).toEqual(whole); // version 1 features first, unchanged
    const perN = (n: number) => (n + 2) * 5 - 10; // n-grams of length 1..5 over n + 2 marked characters
    expect(withParts.length).toBe(
      whole.length + perN('account-verify'.length) + perN('login.paypal.com'.length) + 1 + SHAPE_TOKENS,
    );
    // `^pay` of the sub-domain is not the `^pay` of a name that starts with pay.
    expect(withParts.slice(whole.length)).not.toContain(ngramBucket('^log', DEFAULT_NGRAM_FEATURES));
    expect(shapeTokens(host, hostParts(host))).toEqual(['labels:5', 'len:3', 'digits:0', 'hyphens:1', 'sub:3']);
    expect(withParts.length).toBeLessThanOrEqual(maxFeatureCount(PARTS, host.length));
  });

  it('refuse a version 1 spec that asks for parts', () => {
    expect(() => validateNgramSpec({ ...DEFAULT_NGRAM_FEATURES, parts: true })).toThrow(/unsupported/);
    expect(() => validateNgramSpec(PARTS)).not.toThrow();
  });
});

describe('word tokens (version 3, words)', () => {
  const WORDS: NgramFeatureSpec = { ...DEFAULT_NGRAM_FEATURES, version: 3, parts: false, words: true };

  it('add one token per run of 3+ letters or 3+ digits after the n-grams, within the buffer bound', () => {
    const host = 'secure-login2fa.paypal-1234.xyz';
    const whole = buckets(host);
    const withWords = buckets(host, WORDS);
    expect(withWords.slice(0, whole.length)).toEqual(whole);
    // secure, login, paypal, 1234, xyz ("2" and "fa" are too short).
    expect(withWords.length).toBe(whole.length + 5);
    expect(new Set(withWords.slice(whole.length)).size).toBe(5);
    for (const name of ['a', 'ab1cd2ef3', 'abc.def.ghi.jkl', `${'abc-'.repeat(60)}com`]) {
      expect(buckets(name, WORDS).length).toBeLessThanOrEqual(maxFeatureCount(WORDS, name.length));
    }
  });

  it('refuse words outside version 3', () => {
    expect(() => validateNgramSpec({ ...DEFAULT_NGRAM_FEATURES, words: true })).toThrow(/unsupported/);
    expect(() => validateNgramSpec(WORDS)).not.toThrow();
  });
});

describe('n-gram logistic regression', () => {
  const all = syntheticExamples(4000, 3);
  const train = all.slice(0, 3000);
  const test = all.slice(3000);
  const options = { ...BASELINE_NGRAM, features: SMALL, epochs: 2, seed: 5 };

  it('learns a separable fixture (AUC > 0.9 on held-out names)', () => {
    const { model } = trainNgramModel(train, [], options);
    const scores = ngramProbabilities(
      model,
      test.map((e) => e.host),
    );
    const pos = test.flatMap((e, i) => (e.label === 'benign' ? [] : [scores[i]!]));
    const neg = test.flatMap((e, i) => (e.label === 'benign' ? [scores[i]!] : []));
    expect(auc(pos, neg)).toBeGreaterThan(0.9);
  });

  it('is deterministic for a seed', () => {
    const a = trainNgramModel(train, test, options).model;
    const b = trainNgramModel(train, test, options).model;
    expect(Array.from(ngramLogits(a, ['kaloro.com', 'qx9zk2.top']))).toEqual(
      Array.from(ngramLogits(b, ['kaloro.com', 'qx9zk2.top'])),
    );
  });

  it('balances the classes and, with source weighting, the sources', () => {
    const examples: Example[] = [
      { host: 'a.com', label: 'benign', source: 'benign-x', group: 'a.com' },
      { host: 'b.com', label: 'malicious', source: 'malicious-big', group: 'b.com' },
      { host: 'c.com', label: 'malicious', source: 'malicious-big', group: 'c.com' },
      { host: 'd.com', label: 'malicious', source: 'malicious-big', group: 'd.com' },
      { host: 'e.com', label: 'malicious', source: 'malicious-small', group: 'e.com' },
      { host: 'f.com', label: 'dga', source: 'dga-x', group: 'f.com' },
    ];
    const head = { category: 'malicious' as const, positives: ['malicious'] as Label[] };
    const byClass = weightedHosts(examples, head, 'class');
    expect(byClass.map((w) => w.host)).toEqual(['a.com', 'b.com', 'c.com', 'd.com', 'e.com']); // the dga name is not this head's
    const sum = (y: 0 | 1, list = byClass) => list.filter((w) => w.y === y).reduce((s, w) => s + w.weight, 0);
    expect(sum(0)).toBeCloseTo(sum(1));
    const bySource = weightedHosts(examples, head, 'source');
    expect(bySource.find((w) => w.host === 'e.com')!.weight).toBeCloseTo(
      3 * bySource.find((w) => w.host === 'b.com')!.weight,
    );
    expect(sum(0, bySource)).toBeCloseTo(sum(1, bySource));
    const all = weightedHosts(
      [
        ...examples,
        { host: 'g.com', label: 'benign', source: 'benign-y', group: 'g.com' },
        { host: 'h.com', label: 'benign', source: 'benign-y', group: 'h.com' },
      ],
      head,
      'source-all',
    );
    expect(all.find((w) => w.host === 'a.com')!.weight).toBeCloseTo(2 * all.find((w) => w.host === 'g.com')!.weight);
    expect(sum(0, all)).toBeCloseTo(sum(1, all));
  });
});
