import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEED_ARCHITECTURE, type ArchitectureConfig } from '../../src/core/model/architecture.js';
import { initBackend } from '../../src/core/model/backend.js';
import { createFastScorer } from '../../src/core/model/fast-scorer.js';
import { scoreHosts, type Scorer } from '../../src/core/model/scorer.js';
import { createLayersScorer } from '../../src/cli/model/layers-scorer.js';
import { DEFAULT_MAX_LENGTH } from '../../src/core/tokenizer.js';
import { MAX_MEAN_ARCHITECTURE, randomBundle, randomNames, WIDE_ARCHITECTURE } from './helpers/random-model.js';

const L = DEFAULT_MAX_LENGTH;
// Lengths at every boundary the engine special-cases: empty, 1 char, windows reaching maxLength, truncation.
const EDGE_NAMES = [
  '',
  'a',
  '-',
  'é',
  'ab',
  'x.io',
  'a'.repeat(L - 7),
  'b'.repeat(L - 6),
  'c'.repeat(L - 1),
  'd'.repeat(L),
  'e'.repeat(L + 1),
  `${'f'.repeat(200)}.example.com`,
  'UPPER.case',
  'k'.repeat(L - 2) + '.z',
];
const NAMES = [...EDGE_NAMES, ...randomNames(3000, 11)];

function maxDifference(a: Float32Array, b: Float32Array): number {
  expect(a.length).toBe(b.length);
  let max = 0;
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs(a[i]! - b[i]!));
  return max;
}

beforeAll(async () => {
  await initBackend();
});

describe.each([
  ['seed', SEED_ARCHITECTURE],
  ['wide with hidden layer and two heads', WIDE_ARCHITECTURE],
  ['max-mean pooling', MAX_MEAN_ARCHITECTURE],
  ['max-mean pooling with a hidden layer', { ...MAX_MEAN_ARCHITECTURE, widths: [2, 5], hidden: 12 }],
] as [string, ArchitectureConfig][])('fast engine on the %s architecture', (_label, architecture) => {
  let layers: Scorer;
  let reference: Float32Array;
  beforeAll(async () => {
    const bundle = await randomBundle(architecture, 5);
    layers = await createLayersScorer(bundle);
    reference = await layers.predict(NAMES);
  });
  afterAll(() => layers.dispose());

  it('gives scores spread over (0, 1), so that parity means something', () => {
    const sorted = [...reference].sort((a, b) => a - b);
    expect(sorted[Math.floor(sorted.length * 0.1)]!).toBeLessThan(0.35);
    expect(sorted[Math.floor(sorted.length * 0.9)]!).toBeGreaterThan(0.65);
  });

  it.each([1, 2] as const)('agrees with the layers model to 1e-5 (group size %i, one batch)', async (groupSize) => {
    const fast = await createFastScorer(await randomBundle(architecture, 5), { groupSize });
    expect(maxDifference(await fast.predict(NAMES), reference)).toBeLessThan(1e-5);
    fast.dispose();
  });

  it('agrees name by name and in uneven batches', async () => {
    const fast = await createFastScorer(await randomBundle(architecture, 5));
    const heads = architecture.heads.length;
    for (const [start, size] of [
      [0, 1],
      [1, 1],
      [3, 7],
      [9, 64],
      [100, 257],
      [2000, 1000],
    ] as const) {
      const part = await fast.predict(NAMES.slice(start, start + size));
      expect(maxDifference(part, reference.subarray(start * heads, (start + size) * heads))).toBeLessThan(1e-5);
    }
    fast.dispose();
  });

  it('implements the Scorer interface: engine name, backend, metadata, host scores', async () => {
    const bundle = await randomBundle(architecture, 5);
    const fast = await createFastScorer(bundle);
    expect(fast.engine).toBe('fast');
    expect(fast.backend).toBe('wasm');
    expect(fast.metadata).toBe(bundle.metadata);
    expect(await fast.predict([])).toHaveLength(0);
    const [score] = await scoreHosts(fast, ['example.com']);
    expect(score!.heads).toHaveLength(architecture.heads.length);
    expect(architecture.heads).toContain(score!.category);
    fast.dispose();
  });
});
