/**
 * The source-invariant levers inside the trainer: the kernel reports each sample's own loss (what
 * group DRO compares), on one thread and across worker threads alike.
 */
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { listDataFiles, readLabelledFiles, type Example } from '../../src/cli/data/labelled-files.js';
import { splitByGroup } from '../../src/cli/data/split.js';
import { allocateBatch } from '../../src/cli/train/batch.js';
import { encodeRows } from '../../src/cli/train/encoded-names.js';
import { createParamLayout } from '../../src/cli/train/param-layout.js';
import { batchGradients, predictEncoded } from '../../src/cli/train/step-engine.js';
import { initialParams } from '../../src/cli/train/tfjs-bridge.js';
import { trainCnn } from '../../src/cli/train/index.js';
import { SEED_ARCHITECTURE } from '../../src/core/model/architecture.js';
import { createTokenizer, DEFAULT_TOKENIZER } from '../../src/core/tokenizer.js';

const FIXTURE = fileURLToPath(new URL('../fixtures/train-small/', import.meta.url));
const TWO_HEADS = { ...SEED_ARCHITECTURE, heads: ['malicious', 'dga'] as const };
let examples: Example[] = [];

beforeAll(async () => {
  examples = (await readLabelledFiles((await listDataFiles(FIXTURE)).map((p) => ({ path: p })))).examples;
});

describe('per-sample loss', () => {
  it('is the unweighted cross-entropy summed over the heads that train on the sample', () => {
    const layout = createParamLayout(TWO_HEADS, DEFAULT_TOKENIZER);
    const params = initialParams(TWO_HEADS, DEFAULT_TOKENIZER, layout, 4);
    const names = ['google.com', 'xjw9qk2mz8vfh3lp.com', 'paypal-verify.xyz'];
    const batch = allocateBatch(layout.shape, names.length);
    const rows = encodeRows(createTokenizer(DEFAULT_TOKENIZER), names);
    batch.ids.set(rows.ids);
    batch.lengths.set(rows.lengths);
    batch.targets.set([0, 0, 1, 1, 1, 0]);
    batch.weights.set([2, 0.5, 3, 1, 0.7, 0]); // the third sample's DGA head is masked
    batchGradients(layout, params, batch, names.length, false);
    const p = predictEncoded(layout, params, batch.ids, batch.lengths, names.length);
    const bce = (k: number) => -Math.log(batch.targets[k] === 1 ? p[k]! : 1 - p[k]!);
    expect(batch.sampleLoss[0]).toBeCloseTo(bce(0) + bce(1), 5);
    expect(batch.sampleLoss[1]).toBeCloseTo(bce(2) + bce(3), 5);
    expect(batch.sampleLoss[2]).toBeCloseTo(bce(4), 5);
  });
});

describe('trainer with balanced sampling and group DRO', () => {
  it('ends with DRO weights normalised per label, the same on one thread and on two', async () => {
    const { train, validation } = splitByGroup(examples, { validation: 0.15, test: 0 }, 3);
    const options = {
      architecture: TWO_HEADS,
      epochs: 1,
      batchSize: 32,
      seed: 9,
      sampling: 'balanced' as const,
      groupDro: { eta: 0.3 },
      weighting: { headMode: 'nested' as const, sourcePower: 1 },
    };
    const one = await trainCnn(train, validation, options);
    const two = await trainCnn(train, validation, { ...options, threads: 2 });
    const q = one.groupWeights!;
    expect(Object.keys(q).sort()).toEqual([...new Set(train.map((e) => e.source))].sort());
    expect(q['malicious-maltrail-sample']! + q['malicious-phishing-sample']!).toBeCloseTo(1, 6);
    // Phishing names are the harder source (they look like ordinary names): DRO moved weight to them.
    expect(q['malicious-phishing-sample']!).toBeGreaterThan(0.55);
    // Worker threads write their samples' losses into the shared batch: DRO sees every row.
    for (const [source, weight] of Object.entries(q)) expect(two.groupWeights![source]).toBeCloseTo(weight, 2);
  });
});
