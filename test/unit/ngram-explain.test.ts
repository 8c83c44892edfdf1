/**
 * Explanations of the n-gram member and of the shipped blend: shares that add up to the exact
 * logit, spans on the characters of the n-grams that carry the weight, and the blend's probability
 * equal to what the shipped scorer says.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { diskModelReader } from '../../src/cli/model-dir.js';
import { parseDomain, type ScorableHost } from '../../src/core/domain.js';
import { explainDisplay } from '../../src/core/explain-display.js';
import { readExplainWeights, type ExplainWeights } from '../../src/core/explain-weights.js';
import { initBackend } from '../../src/core/model/backend.js';
import { readModelBundle } from '../../src/core/model/files.js';
import { loadFastScorer } from '../../src/core/model/load-fast-scorer.js';
import { ngramBlendOf, readBlendMembers, type LoadedBlendMember } from '../../src/core/ngram/blend.js';
import { explainBlendHost } from '../../src/core/ngram/blend-explain.js';
import { ngramShares } from '../../src/core/ngram/explain.js';
import { DEFAULT_NGRAM_FEATURES, ngramBucket } from '../../src/core/ngram/features.js';
import { ngramLogits, type NgramModel } from '../../src/core/ngram/model.js';

const SPEC = { ...DEFAULT_NGRAM_FEATURES, bits: 12 };

/** A model whose only non-zero weight is the bucket of `ngram` (plus tiny noise elsewhere). */
function spiked(ngram: string, weight = 5): NgramModel {
  const weights = Float32Array.from({ length: 2 ** SPEC.bits }, (_, i) => ((i * 37) % 11) / 1000 - 0.005);
  weights[ngramBucket(ngram, SPEC)] = weight;
  return { features: SPEC, heads: [{ category: 'malicious', bias: -1, weights }] };
}

describe('n-gram explanations', () => {
  it('shares add up to the exact logit, for short, ordinary and over-long names', () => {
    const model = spiked('pay');
    for (const host of ['a', 'paypal-login.example.com', `${'k9'.repeat(150)}.com`]) {
      const { logit, shares } = ngramShares(model, host, 0);
      expect(logit).toBeCloseTo(ngramLogits(model, [host])[0]!, 4);
      expect(model.heads[0]!.bias + shares.reduce((s, x) => s + x.value, 0)).toBeCloseTo(logit, 4);
      for (const s of shares) {
        expect(s.start).toBeGreaterThanOrEqual(0);
        expect(s.end).toBeLessThanOrEqual(host.length);
        expect(s.end).toBeGreaterThan(s.start);
      }
    }
  });

  it('puts the weight on the characters of the n-gram that carries it, wherever it sits', () => {
    for (const host of ['paysecure.com', 'secure-pay.com', 'my-secure-account-pay.net']) {
      const { shares } = ngramShares(spiked('pay'), host, 0);
      const top = [...shares].sort((a, b) => b.value - a.value)[0]!;
      expect(host.slice(top.start, top.end)).toBe('pay');
    }
    // Markers: `^pay` covers the first three characters, `om$` the last two.
    expect(host('^pay', 'paysecure.com')).toBe('pay');
    expect(host('om$', 'paysecure.com')).toBe('om');
  });
});

function host(ngram: string, name: string): string {
  const { shares } = ngramShares(spiked(ngram), name, 0);
  const top = [...shares].sort((a, b) => b.value - a.value)[0]!;
  return name.slice(top.start, top.end);
}

describe('explanations of the shipped blend', () => {
  let weights: ExplainWeights;
  let heads: readonly string[];
  let members: LoadedBlendMember[];
  beforeAll(async () => {
    await initBackend({ preferred: 'cpu' });
    const read = diskModelReader();
    const bundle = await readModelBundle(read);
    const spec = ngramBlendOf(bundle.metadata);
    expect(spec, 'the shipped model is a blend').not.toBeNull();
    weights = readExplainWeights(bundle.artifacts, bundle.metadata);
    heads = bundle.metadata.architecture.heads;
    members = await readBlendMembers(read, spec!);
  });

  it("recomputes the shipped scorer's probability for every head", async () => {
    const scorer = await loadFastScorer(diskModelReader());
    const names = [
      'example.com',
      'paypal-account-verify-secure-login.com',
      'w0vbfi386tnbdf9c0ptnfjbqm1.biz',
      `${'a1b2c3'.repeat(20)}.com`,
      'x',
    ];
    const probabilities = await scorer.predict(names);
    names.forEach((name, i) => {
      heads.forEach((_, h) =>
        expect(explainBlendHost(weights, { heads, members }, name, h).probability).toBeCloseTo(
          probabilities[i * heads.length + h]!,
          4,
        ),
      );
    });
    scorer.dispose();
  });

  it('highlights valid ranges of the displayed name, from either member', () => {
    for (const name of [
      'paypal-account-verify-secure-login.com',
      'www.xn--bcher-kva.example.de',
      'login.w0vbfi386tnbdf9c0ptnfjbqm1.biz',
    ]) {
      const parsed = parseDomain(name) as ScorableHost;
      const { spans, displayHost } = explainDisplay(weights, parsed, undefined, { heads, members });
      expect(spans.length).toBeGreaterThan(0);
      let total = 0;
      for (const s of spans) {
        expect(s.start).toBeGreaterThanOrEqual(0);
        expect(s.end).toBeLessThanOrEqual(displayHost.length);
        expect(s.end).toBeGreaterThan(s.start);
        total += s.weight;
      }
      expect(total).toBeLessThanOrEqual(1 + 1e-6);
    }
  });

  it('moves the highlight with a random string placed at different offsets', () => {
    const random = 'xq7zk9vbw3m';
    const centre = (k: number) => {
      const spans = explainBlendHost(
        weights,
        { heads, members },
        `${'a'.repeat(k)}${random}${'a'.repeat(16 - k)}.com`,
      ).spans;
      const top = [...spans].sort((a, b) => b.weight - a.weight)[0]!;
      return (top.start + top.end) / 2 - k;
    };
    const reference = centre(4);
    expect(reference).toBeGreaterThan(0);
    expect(reference).toBeLessThan(random.length);
    for (const k of [2, 6, 8, 10]) expect(Math.abs(centre(k) - reference)).toBeLessThanOrEqual(2);
  });
});
