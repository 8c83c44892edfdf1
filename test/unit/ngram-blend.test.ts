import { describe, expect, it } from 'vitest';
import type { ModelMetadata } from '../../src/core/model/metadata.js';
import type { Scorer } from '../../src/core/model/scorer.js';
import { blendProbabilities, ngramBlendOf, withNgramBlend } from '../../src/core/ngram/blend.js';
import { DEFAULT_NGRAM_FEATURES } from '../../src/core/ngram/features.js';
import { encodeNgramModel } from '../../src/core/ngram/format.js';
import { ngramLogits, sigmoid, type NgramModel } from '../../src/core/ngram/model.js';

const FEATURES = { ...DEFAULT_NGRAM_FEATURES, bits: 10 };

function ngram(categories: ('malicious' | 'dga')[]): NgramModel {
  return {
    features: FEATURES,
    heads: categories.map((category, h) => ({
      category,
      bias: h - 0.5,
      weights: Float32Array.from({ length: 2 ** FEATURES.bits }, (_, i) => (((i * 7 + h) % 13) - 6) / 8),
    })),
  };
}

function fakeScorer(architecture: Record<string, unknown>): Scorer {
  return {
    metadata: { architecture } as unknown as ModelMetadata,
    backend: 'cpu',
    engine: 'fake',
    predict: async (hosts) => Float32Array.from({ length: hosts.length * 2 }, (_, i) => (i % 2 ? 0.9 : 0.2)),
    dispose: () => {},
  };
}

const logit = (p: number) => Math.log(p / (1 - p));

describe('CNN + n-gram blend', () => {
  const hosts = ['paypal-login.xyz', 'kqzxjwvh.net'];

  it('averages logits head by head; a one-head n-gram model joins every head', () => {
    const cnn = Float32Array.from([0.2, 0.9, 0.6, 0.1]);
    const one = ngram(['malicious']);
    const z = ngramLogits(one, hosts);
    const out = blendProbabilities(cnn, ['malicious', 'dga'], [{ model: one, weight: 0.5 }], hosts);
    expect(out[0]).toBeCloseTo(sigmoid((logit(0.2) + z[0]!) / 2), 5);
    expect(out[1]).toBeCloseTo(sigmoid((logit(0.9) + z[0]!) / 2), 5);
    expect(out[3]).toBeCloseTo(sigmoid((logit(0.1) + z[1]!) / 2), 5);
    const two = ngram(['dga', 'malicious']); // matched by category, not position
    const z2 = ngramLogits(two, hosts);
    const out2 = blendProbabilities(cnn, ['malicious', 'dga'], [{ model: two, weight: 0.25 }], hosts);
    expect(out2[0]).toBeCloseTo(sigmoid(0.75 * logit(0.2) + 0.25 * z2[1]!), 5);
    expect(out2[1]).toBeCloseTo(sigmoid(0.75 * logit(0.9) + 0.25 * z2[0]!), 5);
  });

  it('blends several members with their weights; the CNN keeps the rest', () => {
    const cnn = Float32Array.from([0.2, 0.9, 0.6, 0.1]);
    const a = ngram(['malicious']);
    const b = ngram(['dga', 'malicious']);
    const za = ngramLogits(a, hosts);
    const zb = ngramLogits(b, hosts);
    const out = blendProbabilities(
      cnn,
      ['malicious', 'dga'],
      [
        { model: a, weight: 0.3 },
        { model: b, weight: 0.4 },
      ],
      hosts,
    );
    expect(out[0]).toBeCloseTo(sigmoid(0.3 * logit(0.2) + 0.3 * za[0]! + 0.4 * zb[1]!), 5);
    expect(out[3]).toBeCloseTo(sigmoid(0.3 * logit(0.1) + 0.3 * za[1]! + 0.4 * zb[2]!), 5);
  });

  it('reads both spec forms and refuses weights that leave the CNN nothing, paths and repeated files', () => {
    const spec = (ngramBlend: unknown) => fakeScorer({ heads: ['malicious'], ngramBlend }).metadata;
    expect(ngramBlendOf(spec({ file: 'ngram.bin', weight: 0.5 }))).toEqual({
      members: [{ file: 'ngram.bin', weight: 0.5 }],
    });
    expect(
      ngramBlendOf(
        spec({
          members: [
            { file: 'a.bin', weight: 0.3 },
            { file: 'b.bin', weight: 0.3 },
          ],
        }),
      )?.members,
    ).toHaveLength(2);
    expect(() =>
      ngramBlendOf(
        spec({
          members: [
            { file: 'a.bin', weight: 0.5 },
            { file: 'b.bin', weight: 0.5 },
          ],
        }),
      ),
    ).toThrow(/no weight/);
    expect(() => ngramBlendOf(spec({ members: [{ file: '../../etc/passwd.bin', weight: 0.3 }] }))).toThrow(
      /plain file name/,
    );
    expect(() =>
      ngramBlendOf(
        spec({
          members: [
            { file: 'a.bin', weight: 0.3 },
            { file: 'a.bin', weight: 0.3 },
          ],
        }),
      ),
    ).toThrow(/twice/);
    expect(() => ngramBlendOf(spec({ members: [] }))).toThrow(/no members/);
  });

  it('loaders blend when the metadata says so, and leave a plain CNN alone', async () => {
    const model = ngram(['malicious']);
    const files: Record<string, Uint8Array> = { 'ngram.bin': encodeNgramModel(model, 'float32') };
    const read = async (name: string) => {
      const bytes = files[name];
      if (!bytes) throw new Error(`no ${name}`);
      return bytes;
    };
    const plain = fakeScorer({ heads: ['malicious', 'dga'] });
    expect(await withNgramBlend(read, plain)).toBe(plain);
    const blended = await withNgramBlend(
      read,
      fakeScorer({ heads: ['malicious', 'dga'], ngramBlend: { file: 'ngram.bin', weight: 0.5 } }),
    );
    expect(blended.engine).toBe('fake+ngram');
    const out = await blended.predict(hosts);
    expect(out[0]).toBeCloseTo(sigmoid((logit(0.2) + ngramLogits(model, hosts)[0]!) / 2), 5);
  });

  it('refuses a blend whose n-gram file is missing or whose spec is malformed', async () => {
    const read = async (name: string): Promise<Uint8Array> => {
      throw new Error(`no ${name}`);
    };
    await expect(
      withNgramBlend(read, fakeScorer({ heads: ['malicious'], ngramBlend: { file: 'ngram.bin', weight: 0.5 } })),
    ).rejects.toThrow(/ngram\.bin/);
    const corrupt = async () => Uint8Array.from([1, 2, 3]);
    await expect(
      withNgramBlend(corrupt, fakeScorer({ heads: ['malicious'], ngramBlend: { file: 'ngram.bin', weight: 0.5 } })),
    ).rejects.toThrow(/ngram\.bin.*not a valid n-gram model/);
    expect(() =>
      ngramBlendOf(fakeScorer({ heads: ['malicious'], ngramBlend: { file: 'ngram.bin', weight: 2 } }).metadata),
    ).toThrow(/ngramBlend/);
  });
});
