/**
 * The fast engine: the char-CNN as table lookups (fast-tables.ts) run with tfjs ops, so it works
 * on the WASM backend the service worker uses (and on `cpu`). Per batch: one SparseSegmentSum
 * (all lookups and additions of every convolution), one MaxPool over window positions, relu, and
 * the dense head as fused matMuls. Gives the layers model's scores (to float rounding) at a
 * fraction of its work; measured against it in bench/sections/engine.ts.
 */
import * as tf from '@tensorflow/tfjs-core';
import { createTokenizer, vocabularySize } from '../tokenizer.js';
import { createBatchEncoder, type FastBatch } from './fast-batch.js';
import { buildFastTables, tableBytes, type GroupSize } from './fast-tables.js';
import { contributionsOf } from './fast-contributions.js';
import { poolingOf, readFastWeights } from './fast-weights.js';
import type { ModelBundle } from './files.js';
import type { Scorer } from './scorer.js';

/** Pair tables are used while they fit this (seed model: 0.9 MB; six widths × 64 filters: 10 MB). */
export const PAIR_TABLE_BUDGET_BYTES = 32 * 1024 * 1024;

export interface FastScorerOptions {
  /** Characters per table row; by default pairs when the pair table fits the budget. */
  readonly groupSize?: GroupSize;
}

/** Which window each pooled filter chose, for explanations. */
export interface FilterActivations {
  /** Head probabilities, as `predict` returns them. */
  readonly probabilities: Float32Array;
  /**
   * The dense head's inputs per name, [n × inputs]: the max-pooled filters (relu applied; 0 means
   * the filter found nothing) in columns [0, columns), then for `max-mean` models the mean-pooled
   * filters in [columns, 2 · columns).
   */
  readonly features: Float32Array;
  /**
   * Start of each max-pooled filter's strongest window in the encoded name, [n × columns]; add
   * `tokenizer.startOf(host)` for an offset in the host. A window may run past the name's end
   * into padding (even start past it); clamp when drawing.
   */
  readonly positions: Int32Array;
  /** Share of each head's logit per input feature, [n × heads × inputs]; exact for this piecewise-linear net, bias shares left out. */
  readonly contributions: Float32Array;
  /** Kernel width of each max-pooled column (columns are width-major, in `architecture.widths` order). */
  readonly columnWidths: Int32Array;
  readonly columns: number;
  readonly inputs: number;
}

/** A Scorer that can also say where each filter fired. */
export interface FastScorer extends Scorer {
  explain(hosts: readonly string[]): Promise<FilterActivations>;
}

/** Builds the fast engine from a loaded model bundle; throws ModelFormatError on a topology it cannot reproduce. */
export async function createFastScorer(bundle: ModelBundle, options: FastScorerOptions = {}): Promise<FastScorer> {
  const { metadata } = bundle;
  const config = metadata.architecture;
  const tokenizer = createTokenizer(metadata.tokenizer);
  const maxLength = tokenizer.spec.maxLength;
  const weights = readFastWeights(bundle);
  const groupSize = options.groupSize ?? (tableBytes(config, vocabularySize(metadata.tokenizer), 2) <= PAIR_TABLE_BUDGET_BYTES ? 2 : 1);
  const { table, ...layout } = buildFastTables(weights, config, maxLength, groupSize);
  const encoder = createBatchEncoder(tokenizer, layout);
  const columns = layout.columns;
  const withMean = poolingOf(config) === 'max-mean';
  const inputs = withMean ? 2 * columns : columns;
  const heads = config.heads.length;

  const tensors = {
    table: tf.tensor2d(table, [layout.rows, columns]),
    mask: tf.tensor2d(layout.mask, [layout.positions, columns]),
    hiddenKernel: weights.hidden ? tf.tensor2d(weights.hidden.kernel, [inputs, weights.hidden.units]) : null,
    hiddenBias: weights.hidden ? tf.tensor1d(weights.hidden.bias) : null,
    outputKernel: tf.tensor2d(weights.output.kernel, [weights.hidden?.units ?? inputs, heads]),
    outputBias: tf.tensor1d(weights.output.bias),
    ...(withMean ? meanTensors(layout.columnWidths, layout.padWindow, maxLength) : {}),
  };
  let disposed = false;

  /** Window values of every name, [names, positions, 1, columns] (NHWC for the pools). Call inside tidy. */
  function windows(batch: FastBatch): tf.Tensor4D {
    // The typed arrays are the encoder's reusable buffers: tensors made from them are consumed
    // synchronously within this tidy, before any later call can overwrite them.
    const indices = tf.tensor1d(batch.indices.subarray(0, batch.lookups), 'int32');
    const segments = tf.tensor1d(batch.segments.subarray(0, batch.lookups), 'int32');
    let sums: tf.Tensor = tf.sparse.sparseSegmentSum(tensors.table, indices, segments);
    sums = tf.reshape(sums, [batch.names, batch.positions, columns]);
    if (batch.needsMask) sums = tf.add(sums, tf.slice(tensors.mask, [0, 0], [batch.positions, columns]));
    return tf.reshape(sums, [batch.names, batch.positions, 1, columns]);
  }

  /**
   * Mean pooling over every window the layers model has (maxLength − width + 1 of them), from the
   * windows computed: each name's grid holds its real windows plus one padding-only window; the
   * other padding-only windows all equal that one, so they are added as a count × relu(value).
   */
  function meanPooled(grid: tf.Tensor4D, batch: FastBatch): tf.Tensor2D {
    const { padRelu, padLimit, meanScale } = tensors as Required<typeof tensors>;
    // Rows never written are zeros and masked rows are −1e30: both add nothing after relu.
    const summed = tf.mul(tf.reshape(tf.avgPool(tf.relu(grid), [batch.positions, 1], 1, 'valid'), [batch.names, columns]), batch.positions);
    const lengths = tf.tensor2d(Float32Array.from(batch.lengths.subarray(0, batch.names)), [batch.names, 1]);
    const extraWindows = tf.relu(tf.sub(padLimit, lengths));
    return tf.mul(tf.add(summed, tf.mul(extraWindows, padRelu)), meanScale);
  }

  /** The dense head's inputs from the window grid, [names × inputs], and the max-pool argmax when asked. Call inside tidy. */
  function features(batch: FastBatch, withArgmax: boolean): { inputs: tf.Tensor2D; argmax: tf.Tensor | null } {
    const grid = windows(batch);
    let pooled: tf.Tensor;
    let argmax: tf.Tensor | null = null;
    if (withArgmax) {
      const { result, indexes } = tf.maxPoolWithArgmax(grid, [batch.positions, 1], 1, 'valid', false) as { result: tf.Tensor; indexes: tf.Tensor };
      pooled = result;
      argmax = indexes;
    } else {
      pooled = tf.maxPool(grid, [batch.positions, 1], 1, 'valid');
    }
    // relu after max pooling equals max pooling after relu, on 1/positions of the values.
    const maxFeatures = tf.relu(tf.reshape(pooled, [batch.names, columns])) as tf.Tensor2D;
    return { inputs: withMean ? tf.concat([maxFeatures, meanPooled(grid, batch)], 1) : maxFeatures, argmax };
  }

  /** Dense head on pooled features. Call inside tidy. */
  function head(x0: tf.Tensor2D): tf.Tensor2D {
    let x = x0;
    if (tensors.hiddenKernel && tensors.hiddenBias) x = tf.fused.matMul({ a: x, b: tensors.hiddenKernel, bias: tensors.hiddenBias, activation: 'relu' }) as tf.Tensor2D;
    return tf.fused.matMul({ a: x, b: tensors.outputKernel, bias: tensors.outputBias, activation: 'sigmoid' }) as tf.Tensor2D;
  }

  function assertLive(): void {
    if (disposed) throw new Error('the fast scorer was disposed');
  }

  async function predict(hosts: readonly string[]): Promise<Float32Array> {
    assertLive();
    if (hosts.length === 0) return new Float32Array(0);
    const batch = encoder.encode(hosts);
    const output = tf.tidy(() => head(features(batch, false).inputs));
    try {
      return (await output.data()) as Float32Array;
    } finally {
      output.dispose();
    }
  }

  async function explain(hosts: readonly string[]): Promise<FilterActivations> {
    assertLive();
    const count = hosts.length;
    const shape = { columnWidths: layout.columnWidths, columns, inputs };
    if (count === 0) return { probabilities: new Float32Array(0), features: new Float32Array(0), positions: new Int32Array(0), contributions: new Float32Array(0), ...shape };
    const batch = encoder.encode(hosts);
    const [featureTensor, argmax, probabilities] = tf.tidy(() => {
      const f = features(batch, true);
      return [f.inputs, f.argmax!, head(f.inputs)] as const;
    });
    try {
      const [f, a, p] = await Promise.all([featureTensor.data(), argmax.data(), probabilities.data()]);
      const positions = new Int32Array(count * columns);
      // Without the batch in the index, MaxPoolWithArgmax gives (y · width + x) · channels + c, width 1.
      for (let i = 0; i < positions.length; i++) positions[i] = Math.floor(a[i]! / columns);
      const featureValues = f as Float32Array;
      return { probabilities: p as Float32Array, features: featureValues, positions, contributions: contributionsOf(weights, featureValues, count, inputs, heads), ...shape };
    } finally {
      featureTensor.dispose();
      argmax.dispose();
      probabilities.dispose();
    }
  }

  const scorer: FastScorer = {
    metadata,
    backend: tf.getBackend(),
    engine: 'fast',
    predict,
    explain,
    dispose() {
      if (disposed) return;
      disposed = true;
      for (const tensor of Object.values(tensors)) tensor?.dispose();
    },
  };
  // Warm-up: the first call of each kernel pays set-up costs that should not land on a user's first name.
  await predict(['warm-up.example']);
  return scorer;
}

/** Constants of mean pooling, per column: relu(padding window), maxLength − width, 1 / window count. */
function meanTensors(columnWidths: Int32Array, padWindow: Float32Array, maxLength: number) {
  const columns = columnWidths.length;
  return {
    padRelu: tf.tensor2d(padWindow.map((v) => Math.max(0, v)), [1, columns]),
    padLimit: tf.tensor2d(Float32Array.from(columnWidths, (w) => maxLength - w), [1, columns]),
    meanScale: tf.tensor2d(Float32Array.from(columnWidths, (w) => 1 / (maxLength - w + 1)), [1, columns]),
  };
}
