import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as tf from '@tensorflow/tfjs';
import { diskModelReader } from '../../src/cli/model-dir.js';
import { parseDomain, type ScorableHost } from '../../src/core/domain.js';
import { explainDisplay, labelCount, nameSegments, toDisplaySpans } from '../../src/core/explain-display.js';
import { readExplainWeights, type ExplainWeights } from '../../src/core/explain-weights.js';
import { explainHost, mergeSpans } from '../../src/core/explain.js';
import { initBackend } from '../../src/core/model/backend.js';
import { LAYER, SEED_ARCHITECTURE, type ArchitectureConfig } from '../../src/core/model/architecture.js';
import { buildLayersModel } from '../../src/cli/model/layers-model.js';
import { readModelBundle, type ModelBundle } from '../../src/core/model/files.js';
import { writeModelFiles } from '../../src/cli/model/layers-files.js';
import type { ModelMetadata } from '../../src/core/model/metadata.js';
import { scoreHosts } from '../../src/core/model/scorer.js';
import { createLayersScorer } from '../../src/cli/model/layers-scorer.js';
import { DEFAULT_TOKENIZER, DEFAULT_VOCABULARY, FIRST_CHAR_ID } from '../../src/core/tokenizer.js';

const parsed = (input: string): ScorableHost => {
  const p = parseDomain(input);
  if (!p.ok) throw new Error(`${input}: ${p.message}`);
  return p;
};

function metadataFor(architecture: ArchitectureConfig): ModelMetadata {
  return {
    format: 'snowman-model',
    formatVersion: 1,
    version: 'explain-test',
    createdAt: '2026-01-01',
    architecture,
    tokenizer: DEFAULT_TOKENIZER,
    thresholds: Object.fromEntries(architecture.heads.map((h) => [h, { suspicious: 0.6, dangerous: 0.9 }])),
  };
}

async function bundleOf(model: tf.LayersModel, metadata: ModelMetadata): Promise<ModelBundle> {
  const files = await writeModelFiles(model, metadata);
  return readModelBundle(async (name) => files[name]!);
}

/**
 * A hand-set model whose only evidence is digits: every id is embedded as 0 except digits (1 on
 * dimension 0), filter 0 of each branch sums dimension 0 over its window, and the output weighs
 * those filters positively. Its explanation must point at the digits, wherever they are.
 */
async function digitModel(): Promise<{ weights: ExplainWeights; bundle: ModelBundle }> {
  const arch = SEED_ARCHITECTURE;
  const metadata = metadataFor(arch);
  const model = buildLayersModel(arch, DEFAULT_TOKENIZER);
  const vocab = DEFAULT_VOCABULARY.length + FIRST_CHAR_ID;
  const embedding = new Float32Array(vocab * arch.embeddingDim);
  for (let i = 0; i < DEFAULT_VOCABULARY.length; i++)
    if (/\d/.test(DEFAULT_VOCABULARY[i]!)) embedding[(i + FIRST_CHAR_ID) * arch.embeddingDim] = 1;
  model.getLayer(LAYER.embedding).setWeights([tf.tensor2d(embedding, [vocab, arch.embeddingDim])]);
  for (const width of arch.widths) {
    const kernel = new Float32Array(width * arch.embeddingDim * arch.filters);
    for (let k = 0; k < width; k++) kernel[k * arch.embeddingDim * arch.filters] = 1;
    model
      .getLayer(LAYER.conv(width))
      .setWeights([tf.tensor3d(kernel, [width, arch.embeddingDim, arch.filters]), tf.zeros([arch.filters])]);
  }
  const out = new Float32Array(arch.widths.length * arch.filters);
  arch.widths.forEach((_w, b) => (out[b * arch.filters] = 1));
  model.getLayer(LAYER.output).setWeights([tf.tensor2d(out, [out.length, 1]), tf.tensor1d([-4])]);
  const bundle = await bundleOf(model, metadata);
  return { weights: readExplainWeights(bundle.artifacts, metadata), bundle };
}

const hostArbitrary = fc
  .tuple(
    fc.boolean(),
    fc.array(fc.stringMatching(/^[a-z0-9](?:[a-z0-9-]{0,20}[a-z0-9])?$/), { minLength: 1, maxLength: 4 }),
    fc.constantFrom('com', 'co.uk', 'de', 'github.io', 'xn--p1ai'),
    fc.constantFrom('', 'münchen', 'bücher-shop', 'пример'),
  )
  .map(([www, labels, tld, idn]) => `${www ? 'www.' : ''}${labels.join('.')}${idn ? `.${idn}` : ''}.${tld}`);

describe('explanations', () => {
  let shipped: ExplainWeights;
  let shippedBundle: ModelBundle;
  beforeAll(async () => {
    await initBackend({ preferred: 'cpu' });
    shippedBundle = await readModelBundle(diskModelReader());
    shipped = readExplainWeights(shippedBundle.artifacts, shippedBundle.metadata);
  });

  it("recomputes the scorer's probability exactly (shipped model, including truncated names)", async () => {
    const names = ['example.com', 'xq7zk9vbw3m-login.com', `${'a1b2c3'.repeat(20)}.com`, 'x', 'bücher.de'.normalize()];
    const scorer = await createLayersScorer(shippedBundle);
    const scores = await scoreHosts(scorer, names);
    names.forEach((name, i) => expect(explainHost(shipped, name).probability).toBeCloseTo(scores[i]!.score, 5));
    scorer.dispose();
  });

  it('follows the output through a hidden relu layer and several heads', async () => {
    const arch: ArchitectureConfig = { ...SEED_ARCHITECTURE, name: 'wide', hidden: 8, heads: ['malicious', 'dga'] };
    const bundle = await bundleOf(buildLayersModel(arch, DEFAULT_TOKENIZER, 7), metadataFor(arch));
    const weights = readExplainWeights(bundle.artifacts, bundle.metadata);
    const scorer = await createLayersScorer(bundle);
    const names = ['paypal-secure-login.com', 'kq3j9x0zz1.net'];
    const probabilities = await scorer.predict(names);
    names.forEach((name, i) => {
      for (const head of [0, 1])
        expect(explainHost(weights, name, head).probability).toBeCloseTo(probabilities[i * 2 + head]!, 5);
    });
    scorer.dispose();
  });

  it('gives spans that are valid, disjoint ranges of the displayed name', () => {
    fc.assert(
      fc.property(hostArbitrary, (input) => {
        const names = parsed(input);
        const { spans, displayHost } = explainDisplay(shipped, names);
        expect(displayHost).toBe(names.displayHost);
        let previousEnd = -1;
        for (const span of spans) {
          expect(Number.isInteger(span.start) && Number.isInteger(span.end)).toBe(true);
          expect(span.start).toBeGreaterThan(previousEnd);
          expect(span.end).toBeGreaterThan(span.start);
          expect(span.end).toBeLessThanOrEqual(displayHost.length);
          expect(span.weight).toBeGreaterThan(0);
          expect(span.weight).toBeLessThanOrEqual(1 + 1e-6);
          previousEnd = span.end;
        }
      }),
      { numRuns: 300 },
    );
  });

  it('points at the digits of the digit model, and the spans move with them', async () => {
    const { weights } = await digitModel();
    const run = '4827193';
    for (const [prefix, suffix] of [
      ['shop', 'mail'],
      ['shopping', ''],
      ['', 'mailbox-login'],
      ['a', 'bcdefghij'],
    ]) {
      const host = `${prefix}${run}${suffix}.com`;
      const { spans } = explainHost(weights, host);
      expect(spans.length).toBeGreaterThan(0);
      for (const span of spans) {
        expect(span.start).toBeGreaterThanOrEqual(prefix!.length);
        expect(span.end).toBeLessThanOrEqual(prefix!.length + run.length);
      }
    }
  });

  it('moves the spans with a random string placed at different offsets (shipped model)', () => {
    // The conv is shift-equivariant: surrounded by a uniform filler, the strongest span must move
    // with the random string, both edges keeping their offsets. A span is a filter's window, so one
    // that starts inside the string may end up to (widest kernel − 1) characters past it; its left
    // edge may reach into the filler when a filler span touches it and the two are merged.
    const widest = Math.max(...shipped.branches.map((b) => b.width));
    const random = 'xq7zk9vbw3m';
    const at = (k: number): string => `${'a'.repeat(k)}${random}${'a'.repeat(16 - k)}.com`;
    const strongest = (k: number) => [...explainHost(shipped, at(k)).spans].sort((a, b) => b.weight - a.weight)[0]!;
    const reference = strongest(4);
    expect(reference.start).toBe(4);
    expect(reference.end).toBeGreaterThan(4);
    expect(reference.end).toBeLessThanOrEqual(4 + random.length + widest - 1);
    for (const k of [2, 6, 8, 10]) {
      const top = strongest(k);
      expect(top.end - k).toBe(reference.end - 4);
      expect(top.start).toBeLessThanOrEqual(k);
    }
  });

  it('maps spans of long, truncated names into the part the model saw', () => {
    const names = parsed(`www.${'abcdefghij'.repeat(5)}.${'klmnopqrst'.repeat(4)}-login7x9.example.com`);
    const seen = names.host.length - DEFAULT_TOKENIZER.maxLength;
    const shift = names.fullHost.length - names.host.length;
    const { spans } = explainDisplay(shipped, names);
    expect(spans.length).toBeGreaterThan(0);
    for (const span of spans) {
      expect(span.start).toBeGreaterThanOrEqual(seen + shift);
      expect(span.end).toBeLessThanOrEqual(names.displayHost.length);
    }
  });

  it('maps ASCII spans through www and highlights whole Unicode labels', () => {
    const names = parsed('www.xn--bcher-kva.example.de'); // www.bücher.example.de
    expect(names.displayHost).toBe('www.bücher.example.de');
    // "bcher-kva" is characters 0..9 of host "xn--bcher-kva.example.de"; "exam" is 14..18.
    expect(
      toDisplaySpans(names, [
        { start: 4, end: 8, weight: 0.5 },
        { start: 14, end: 18, weight: 0.25 },
      ]),
    ).toEqual([
      { start: 4, end: 10, weight: 0.5 },
      { start: 11, end: 15, weight: 0.25 },
    ]);
  });

  it('merges overlapping and touching spans and cuts names into registrable and highlighted runs', () => {
    expect(
      mergeSpans([
        { start: 5, end: 8, weight: 0.2 },
        { start: 0, end: 3, weight: 0.1 },
        { start: 3, end: 6, weight: 0.3 },
      ]),
    ).toEqual([{ start: 0, end: 8, weight: 0.6000000000000001 }]);
    const segments = nameSegments('login.paypa1.co.uk', labelCount('paypa1.co.uk'), [{ start: 6, end: 12, weight: 1 }]);
    expect(segments).toEqual([
      { text: 'login.', registrable: false, highlighted: false },
      { text: 'paypa1', registrable: true, highlighted: true },
      { text: '.co.uk', registrable: true, highlighted: false },
    ]);
    expect(segments.map((s) => s.text).join('')).toBe('login.paypa1.co.uk');
  });
});
