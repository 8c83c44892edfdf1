import { describe, expect, it } from 'vitest';
import { DEFAULT_NGRAM_FEATURES } from '../../src/core/ngram/features.js';
import {
  decodeNgramModel,
  encodeNgramModel,
  NgramFormatError,
  quantizeNgramModel,
} from '../../src/core/ngram/format.js';
import { floatWeights, ngramLogits, type NgramModel } from '../../src/core/ngram/model.js';
import { ngramShares } from '../../src/core/ngram/explain.js';
import { BASELINE_NGRAM, trainNgramModel } from '../../src/cli/ngram/train-model.js';
import { syntheticExamples } from './helpers/synthetic-names.js';

const SPEC = { ...DEFAULT_NGRAM_FEATURES, bits: 14 };
const HOSTS = ['kaloro.com', 'qx9zk2bd.top', 'paypal.com.account-verify.xyz', 'a.b', 'x'.repeat(300) + '.com'];

function trained(quantization: 'int8' | 'int16' | 'float32'): NgramModel {
  const examples = syntheticExamples(1200, 9);
  return trainNgramModel(examples, [], {
    ...BASELINE_NGRAM,
    features: SPEC,
    epochs: 1,
    quantization,
    heads: [
      { category: 'malicious', positives: ['malicious'] },
      { category: 'dga', positives: ['malicious'] },
    ],
  }).model;
}

describe('n-gram model file', () => {
  for (const quantization of ['int8', 'int16', 'float32'] as const) {
    it(`${quantization}: save → load gives identical scores and identical bytes on a second save`, () => {
      const model = trained(quantization);
      const bytes = encodeNgramModel(model, quantization, { note: 'test' });
      const loaded = decodeNgramModel(bytes);
      expect(loaded.quantization).toBe(quantization);
      expect(loaded.metadata).toEqual({ note: 'test' });
      expect(loaded.model.heads.map((h) => h.category)).toEqual(['malicious', 'dga']);
      expect(Array.from(ngramLogits(loaded.model, HOSTS))).toEqual(Array.from(ngramLogits(model, HOSTS)));
      expect(encodeNgramModel(loaded.model, quantization, { note: 'test' })).toEqual(bytes);
    });
  }

  it('int8 heads stay integers in memory (a quarter of float32) and explain exactly as their float expansion', () => {
    const model = trained('int8');
    const loaded = decodeNgramModel(encodeNgramModel(model, 'int8')).model;
    expect(loaded.heads[0]!.weights).toBeInstanceOf(Int8Array);
    expect(loaded.heads[0]!.weights.byteLength).toBe(2 ** SPEC.bits);
    const expanded: NgramModel = {
      features: loaded.features,
      heads: loaded.heads.map((h) => ({ category: h.category, bias: h.bias, weights: floatWeights(h) })),
    };
    const trainedWeights = model.heads[0]!.weights;
    // === rather than toEqual: the quantised training weights may hold -0 where the integers give 0.
    expect(expanded.heads[0]!.weights.every((w, i) => w === trainedWeights[i])).toBe(true);
    for (const host of HOSTS) expect(ngramShares(loaded, host, 1)).toEqual(ngramShares(expanded, host, 1));
  });

  it('keeps the structural-feature flag (version 2) through a round trip', () => {
    const examples = syntheticExamples(600, 4);
    const parts = { ...SPEC, version: 2, parts: true };
    const model = trainNgramModel(examples, [], { ...BASELINE_NGRAM, features: parts, epochs: 1 }).model;
    const loaded = decodeNgramModel(encodeNgramModel(model, 'int8'));
    expect(loaded.model.features).toEqual(parts);
    expect(Array.from(ngramLogits(loaded.model, HOSTS))).toEqual(Array.from(ngramLogits(model, HOSTS)));
  });

  it('int8 costs one byte per bucket and head, and stays close to the float weights', () => {
    const model = trained('float32');
    const int8 = encodeNgramModel(model, 'int8');
    expect(int8.length).toBeLessThan(2 * 2 ** SPEC.bits + 1024);
    const q = quantizeNgramModel(model, 'int8');
    const a = ngramLogits(model, HOSTS);
    const b = ngramLogits(q, HOSTS);
    for (let i = 0; i < a.length; i++) expect(Math.abs(a[i]! - b[i]!)).toBeLessThan(0.25);
  });

  it('refuses foreign, truncated and inconsistent files loudly', () => {
    const bytes = encodeNgramModel(trained('int8'), 'int8');
    expect(() => decodeNgramModel(new Uint8Array([1, 2, 3]))).toThrow(NgramFormatError);
    expect(() => decodeNgramModel(bytes.subarray(0, bytes.length - 1))).toThrow(/bytes/);
    const wrongVersion = Uint8Array.from(bytes);
    wrongVersion[4] = 9;
    expect(() => decodeNgramModel(wrongVersion)).toThrow(/version/);
    const badMagic = Uint8Array.from(bytes);
    badMagic[0] = 0x58;
    expect(() => decodeNgramModel(badMagic)).toThrow(/magic/);
  });
});
