/**
 * The fast trainer's forward pass and gradients are the tfjs model's: same weights, same batch,
 * same loss (Σ w·BCE / batch size) → same probabilities and gradients for every weight, to 1e-4.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { LAYER, SEED_ARCHITECTURE, type ArchitectureConfig } from '../../src/core/model/architecture.js';
import { buildLayersModel } from '../../src/cli/model/layers-model.js';
import { createTokenizer, DEFAULT_TOKENIZER } from '../../src/core/tokenizer.js';
import { allocateBatch, type Batch } from '../../src/cli/train/batch.js';
import { encodeRows } from '../../src/cli/train/encoded-names.js';
import { createParamLayout, type ParamLayout } from '../../src/cli/train/param-layout.js';
import { createRng, type Rng } from '../../src/core/rng.js';
import { batchGradients, predictEncoded } from '../../src/cli/train/step-engine.js';
import { fillDropoutMask } from '../../src/cli/train/dropout-mask.js';
import { readModelParams } from '../../src/cli/train/tfjs-bridge.js';

const WIDE: ArchitectureConfig = {
  name: 'wide-test',
  embeddingDim: 8,
  widths: [1, 3, 7],
  filters: 12,
  hidden: 10,
  dropout: 0.3,
  heads: ['malicious', 'dga'],
};
/** Max and mean pooling, no hidden layer. */
const MEAN: ArchitectureConfig = {
  name: 'mean-test',
  embeddingDim: 6,
  widths: [2, 5],
  filters: 9,
  hidden: 0,
  dropout: 0.4,
  heads: ['malicious', 'dga'],
  pooling: 'max-mean',
};
const tokenizer = createTokenizer(DEFAULT_TOKENIZER);
const L = DEFAULT_TOKENIZER.maxLength;
const CHARS = 'abcdefghijklmnopqrstuvwxyz0123456789-._';

/** Random names: mostly short (padding matters), some repetitive (tied windows), some past maxLength, some unknown chars. */
function randomNames(rng: Rng, count: number): string[] {
  const names: string[] = [];
  for (let i = 0; i < count; i++) {
    const kind = i % 5;
    const length = kind === 0 ? 1 + rng.nextInt(4) : kind === 1 ? 76 + rng.nextInt(20) : 3 + rng.nextInt(30);
    let name = '';
    for (let j = 0; j < length; j++)
      name += kind === 2 ? 'ab'[rng.nextInt(2)] : rng.nextInt(40) === 0 ? 'é' : CHARS[rng.nextInt(CHARS.length)];
    names.push(name);
  }
  return names;
}

function randomBatch(rng: Rng, layout: ParamLayout, size: number): Batch {
  const batch = allocateBatch(layout.shape, size);
  const rows = encodeRows(tokenizer, randomNames(rng, size));
  batch.ids.set(rows.ids);
  batch.lengths.set(rows.lengths);
  for (let i = 0; i < size * layout.shape.heads; i++) {
    batch.targets[i] = rng.nextInt(2);
    batch.weights[i] = rng.nextInt(6) === 0 ? 0 : 0.2 + rng.nextFloat() * 2;
  }
  const keep = 1 / (1 - layout.shape.dropout);
  for (let i = 0; i < size * layout.shape.features; i++)
    batch.dropMask[i] = rng.nextFloat() < layout.shape.dropout ? 0 : keep;
  return batch;
}

/** Replaces every weight by a random normal one (biases too, so no window is trivially tied at 0). */
function randomiseWeights(model: tf.LayersModel, seed: number): void {
  model.setWeights(model.getWeights().map((w, i) => tf.randomNormal(w.shape, 0, 0.25, 'float32', seed + i)));
}

/** tfjs loss: Σ w·BCE(p, y) / B, with dropout either off or applied as the given multipliers. */
function tfjsLossAndGrads(
  model: tf.LayersModel,
  config: ArchitectureConfig,
  batch: Batch,
  size: number,
  withMask: boolean,
) {
  const heads = config.heads.length;
  const x = tf.tensor2d(Int32Array.from(batch.ids.subarray(0, size * L)), [size, L], 'int32');
  const y = tf.tensor2d(batch.targets.subarray(0, size * heads), [size, heads]);
  const w = tf.tensor2d(batch.weights.subarray(0, size * heads), [size, heads]);
  const features = config.widths.length * config.filters * (config.pooling === 'max-mean' ? 2 : 1);
  const mask = tf.tensor2d(batch.dropMask.subarray(0, size * features), [size, features]);
  const pooled = tf.model({ inputs: model.inputs, outputs: model.getLayer(LAYER.concat).output as tf.SymbolicTensor });
  const variables = model.trainableWeights.map((v) => v.read() as tf.Variable);
  let probabilities: tf.Tensor | undefined;
  const { value, grads } = tf.variableGrads(() => {
    let p: tf.Tensor;
    if (withMask) {
      let h = tf.mul(pooled.apply(x) as tf.Tensor, mask);
      if (config.hidden > 0) h = model.getLayer(LAYER.hidden).apply(h) as tf.Tensor;
      p = model.getLayer(LAYER.output).apply(h) as tf.Tensor;
    } else {
      p = model.apply(x, { training: false }) as tf.Tensor;
    }
    probabilities = tf.keep(p);
    const bce = tf.neg(tf.add(tf.mul(y, tf.log(p)), tf.mul(tf.sub(1, y), tf.log(tf.sub(1, p)))));
    return tf.div(tf.sum(tf.mul(w, bce)), size) as tf.Scalar;
  }, variables);
  const byName = new Map(model.trainableWeights.map((v) => [(v.read() as tf.Variable).name, v.originalName]));
  const out = {
    loss: value.dataSync()[0]!,
    probabilities: probabilities!.dataSync() as Float32Array,
    grads: new Map<string, Float32Array>(),
  };
  for (const [name, g] of Object.entries(grads)) out.grads.set(byName.get(name)!, g.dataSync() as Float32Array);
  tf.dispose([x, y, w, mask, value, probabilities!, ...Object.values(grads)]);
  return out;
}

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i]! - b[i]!));
  return worst;
}

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe.each([SEED_ARCHITECTURE, WIDE, MEAN])('trainer parity with tfjs: $name', (config) => {
  for (const trial of [1, 2]) {
    it(`matches forward and every gradient, dropout off and masked (trial ${trial})`, () => {
      const model = buildLayersModel(config, DEFAULT_TOKENIZER, trial);
      randomiseWeights(model, 100 * trial);
      const layout = createParamLayout(config, DEFAULT_TOKENIZER);
      const params = readModelParams(model, layout);
      const batch = randomBatch(createRng(trial), layout, 24);
      for (const withMask of [false, true]) {
        const mine = batchGradients(layout, params, batch, 24, withMask);
        const ref = tfjsLossAndGrads(model, config, batch, 24, withMask);
        expect(Math.abs(mine.loss - ref.loss)).toBeLessThan(1e-4);
        if (!withMask) {
          const probabilities = predictEncoded(layout, params, batch.ids, batch.lengths, 24);
          expect(maxAbsDiff(probabilities, ref.probabilities)).toBeLessThan(1e-4);
        }
        for (const slot of layout.slots) {
          const name = `${slot.layer}/${slot.index === 0 ? (slot.layer === LAYER.embedding ? 'embeddings' : 'kernel') : 'bias'}`;
          const theirs = ref.grads.get(name);
          expect(theirs, name).toBeDefined();
          const ours = mine.grads.subarray(slot.offset, slot.offset + slot.size);
          expect(maxAbsDiff(ours, theirs!), `${name} (mask ${withMask})`).toBeLessThan(1e-4);
        }
      }
      model.dispose();
    });
  }
});

describe('dropout masks', () => {
  it('drop about `rate` of the features and scale the rest by 1/(1-rate), reproducibly', () => {
    const mask = new Float32Array(100_000);
    fillDropoutMask(mask, 0, mask.length, 0.3, createRng(7));
    const dropped = mask.filter((m) => m === 0).length / mask.length;
    expect(dropped).toBeGreaterThan(0.29);
    expect(dropped).toBeLessThan(0.31);
    expect(new Set(mask)).toEqual(new Set([0, Math.fround(1 / 0.7)]));
    const again = new Float32Array(mask.length);
    fillDropoutMask(again, 0, again.length, 0.3, createRng(7));
    expect(again).toEqual(mask);
  });

  it('a dropped feature passes no gradient to its filter', () => {
    const layout = createParamLayout(SEED_ARCHITECTURE, DEFAULT_TOKENIZER);
    const model = buildLayersModel(SEED_ARCHITECTURE, DEFAULT_TOKENIZER, 3);
    randomiseWeights(model, 3);
    const params = readModelParams(model, layout);
    const batch = randomBatch(createRng(3), layout, 1);
    batch.dropMask.fill(2);
    batch.dropMask[5] = 0; // filter 5 of the width-2 branch
    const { grads } = batchGradients(layout, params, batch, 1, true);
    const bias = layout.convBiases[0]!;
    expect(grads[bias.offset + 5]).toBe(0);
    model.dispose();
  });
});
