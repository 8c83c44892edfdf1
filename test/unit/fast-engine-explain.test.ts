import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { LAYER, SEED_ARCHITECTURE, type ArchitectureConfig } from '../../src/core/model/architecture.js';
import { initBackend } from '../../src/core/model/backend.js';
import { createFastScorer } from '../../src/core/model/fast-scorer.js';
import { createTokenizer, DEFAULT_TOKENIZER } from '../../src/core/tokenizer.js';
import { MAX_MEAN_ARCHITECTURE, randomBundle, randomNames, WIDE_ARCHITECTURE } from './helpers/random-model.js';

const NAMES = ['a', 'paypal-login.example.com', 'x'.repeat(90), ...randomNames(40, 3)];

beforeAll(async () => {
  await initBackend();
});

describe.each([
  ['seed', SEED_ARCHITECTURE],
  ['wide', WIDE_ARCHITECTURE],
  ['max-mean', { ...MAX_MEAN_ARCHITECTURE, hidden: 10 }],
] as [string, ArchitectureConfig][])('fast engine explanations (%s)', (_label, architecture) => {
  it('names the window each filter max-pooled, with its value, and splits the logit among features', async () => {
    const bundle = await randomBundle(architecture, 9);
    const fast = await createFastScorer(bundle);
    const model = await tf.loadLayersModel(tf.io.fromMemory(bundle.artifacts));
    const explained = await fast.explain(NAMES);
    expect(explained.probabilities).toEqual(await fast.predict(NAMES));

    // Every positive feature is the conv output (after relu) at the reported window start.
    const ids = createTokenizer(DEFAULT_TOKENIZER).encodeBatch(NAMES);
    const input = tf.tensor2d(ids, [NAMES.length, DEFAULT_TOKENIZER.maxLength], 'int32');
    const { columns, inputs, filters } = {
      columns: explained.columns,
      inputs: explained.inputs,
      filters: architecture.filters,
    };
    expect(inputs).toBe(architecture.pooling === 'max-mean' ? 2 * columns : columns);
    for (const [branch, width] of architecture.widths.entries()) {
      const conv = tf.model({
        inputs: model.inputs,
        outputs: model.getLayer(LAYER.conv(width)).output as tf.SymbolicTensor,
      });
      const values = (conv.predict(input) as tf.Tensor).arraySync() as number[][][];
      NAMES.forEach((_, n) => {
        for (let f = 0; f < filters; f++) {
          const c = branch * filters + f;
          expect(explained.columnWidths[c]).toBe(width);
          const feature = explained.features[n * inputs + c]!;
          const best = Math.max(...values[n]!.map((row) => row[f]!));
          expect(feature).toBeCloseTo(best, 5);
          if (feature > 0) expect(values[n]![explained.positions[n * columns + c]!]![f]!).toBeCloseTo(feature, 5);
          if (inputs > columns) {
            const mean = values[n]!.reduce((sum, row) => sum + row[f]!, 0) / values[n]!.length;
            expect(explained.features[n * inputs + columns + c]!).toBeCloseTo(mean, 5);
          }
        }
      });
    }
    input.dispose();

    // Contributions plus the bias shares rebuild each head's logit.
    const weights = Object.fromEntries(model.weights.map((w) => [w.originalName, w.read().arraySync()])) as Record<
      string,
      number[] & number[][]
    >;
    const heads = architecture.heads.length;
    NAMES.forEach((_, n) => {
      const feature = explained.features.subarray(n * inputs, (n + 1) * inputs);
      let biasShare = (weights[`${LAYER.output}/bias`] as number[]).slice();
      if (architecture.hidden > 0) {
        const kernel = weights[`${LAYER.hidden}/kernel`] as number[][];
        const bias = weights[`${LAYER.hidden}/bias`] as number[];
        const out = weights[`${LAYER.output}/kernel`] as number[][];
        for (let h = 0; h < architecture.hidden; h++) {
          const pre = bias[h]! + feature.reduce((sum, x, c) => sum + x * kernel[c]![h]!, 0);
          if (pre > 0) biasShare = biasShare.map((b, k) => b + bias[h]! * out[h]![k]!);
        }
      }
      for (let k = 0; k < heads; k++) {
        const p = explained.probabilities[n * heads + k]!;
        const share = explained.contributions
          .subarray((n * heads + k) * inputs, (n * heads + k + 1) * inputs)
          .reduce((a, b) => a + b, 0);
        expect(share + biasShare[k]!).toBeCloseTo(Math.log(p / (1 - p)), 3);
      }
    });
    model.dispose();
    fast.dispose();
  });
});
