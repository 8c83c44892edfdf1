import { describe, expect, it } from 'vitest';
import { DEFAULT_NGRAM_FEATURES, type NgramFeatureSpec } from '../../src/core/ngram/features.js';
import { baggedLogits, canScoreBagged } from '../../src/core/ngram/bagged.js';
import { blendProbabilities, ngramHeadLogits } from '../../src/core/ngram/blend.js';
import { decodeNgramModel, encodeNgramModel } from '../../src/core/ngram/format.js';
import { ngramLogits, sigmoid, type NgramModel } from '../../src/core/ngram/model.js';
import { BASELINE_NGRAM, trainNgramModel } from '../../src/cli/ngram/train-model.js';
import { syntheticExamples } from './helpers/synthetic-names.js';

const examples = syntheticExamples(900, 12);
const spec = (hashSeed: number, extra: Partial<NgramFeatureSpec> = {}): NgramFeatureSpec => ({
  ...DEFAULT_NGRAM_FEATURES,
  bits: 14,
  maxN: 6,
  hashSeed,
  ...extra,
});
/** As shipped: trained, then saved and loaded, so the weights are int8 with a scale. */
const member = (features: NgramFeatureSpec): NgramModel =>
  decodeNgramModel(
    encodeNgramModel(trainNgramModel(examples, [], { ...BASELINE_NGRAM, features, epochs: 1 }).model, 'int8'),
  ).model;
const seeds = [0x5eed, 0x2b0b, 0x3c0c, 0x4d0d, 0x5e0e];
const members = seeds.map((s) => member(spec(s)));
const HOSTS = [
  'paypal.com',
  'a',
  'x.y',
  'login.secure-paypa1.com.verify.top',
  `${'k'.repeat(300)}.com`,
  'xn--80ak6aa92e.com',
  'qx9zk2bd.top',
];

describe('bagged n-gram members scored in one walk', () => {
  it('give every member exactly the logits it gives alone, for two to five members', () => {
    for (let n = 2; n <= members.length; n++) {
      const group = members.slice(0, n);
      expect(canScoreBagged(group)).toBe(true);
      const together = baggedLogits(group, HOSTS);
      expect(together).toHaveLength(n);
      group.forEach((m, j) =>
        expect(Array.from(together[j]!), `${n} members, member ${j}`).toEqual(Array.from(ngramLogits(m, HOSTS))),
      );
    }
    // The seeds really make different models.
    expect(Array.from(ngramLogits(members[0]!, HOSTS))).not.toEqual(Array.from(ngramLogits(members[1]!, HOSTS)));
  });

  it('are only used where the n-grams are the same: one head each, no parts or words, same lengths and buckets', () => {
    const twoHeads = decodeNgramModel(
      encodeNgramModel(
        trainNgramModel(examples, [], {
          ...BASELINE_NGRAM,
          features: spec(1),
          epochs: 1,
          heads: [
            { category: 'malicious', positives: ['malicious'] },
            { category: 'dga', positives: ['dga'] },
          ],
        }).model,
        'int8',
      ),
    ).model;
    expect(canScoreBagged([members[0]!])).toBe(false);
    expect(canScoreBagged([members[0]!, twoHeads])).toBe(false);
    expect(canScoreBagged([members[0]!, member(spec(9, { maxN: 5 }))])).toBe(false);
    expect(canScoreBagged([members[0]!, member(spec(9, { bits: 15 }))])).toBe(false);
    expect(canScoreBagged([members[0]!, member(spec(9, { version: 3, parts: false, words: true }))])).toBe(false);
    expect(() => baggedLogits([members[0]!, twoHeads], HOSTS)).toThrow(/single-head/);
  });

  it('leave the blend unchanged: the same probabilities as scoring each member on its own', () => {
    const heads = ['malicious', 'dga'];
    const cnn = Float32Array.from(HOSTS.flatMap((_, i) => [0.2 + 0.1 * (i % 5), 0.7 - 0.1 * (i % 4)]));
    const loaded = members.slice(0, 3).map((model) => ({ model, weight: 0.25 }));
    const blended = blendProbabilities(cnn, heads, loaded, HOSTS);
    const expected = Array.from(cnn, (p, k) => {
      let z = 0.25 * Math.log(p / (1 - p));
      for (const m of loaded) z += m.weight * ngramHeadLogits(m.model, heads, HOSTS)[k]!;
      return Math.fround(sigmoid(z));
    });
    expect(Array.from(blended)).toEqual(expected);
  });
});
