/**
 * The fast engine: the char-CNN as table lookups (fast-tables.ts) run with tfjs ops, so it works
 * on the WASM backend the service worker uses (and on `cpu`). Per batch: one SparseSegmentSum
 * (all lookups and additions of every convolution), one MaxPool over window positions, relu, and
 * the dense head as fused matMuls. Gives the layers model's scores (to float rounding) at a
 * fraction of its work; measured against it in bench/sections/engine.ts.
 */
import * as tf from '@tensorflow/tfjs';
import { createTokenizer, vocabularySize } from '../tokenizer.js';
import { createBatchEncoder, type FastBatch } from './fast-batch.js';
import { buildFastTables, tableBytes, type GroupSize } from './fast-tables.js';
import { contributionsOf } from './fast-contributions.js';
import { readFastWeights } from './fast-weights.js';
import { readModelBundle, type ModelBundle, type ModelFileReader } from './files.js';
import type { Scorer } from './scorer.js';

/** Pair tables are used while they fit this (seed model: 0.9 MB; six widths × 64 filters: 10 MB). */
export const PAIR_TABLE_BUDGET_BYTES = 32 * 1024 * 1024;

export interface FastScorerOptions {
  /** Characters per table row; by default pairs when the pair table fits the budget. */
  readonly groupSize?: GroupSize;
}

/** Which window each pooled filter chose, for explanations (issue 4). */
export interface FilterActivations {
  /** Head probabilities, as `predict` returns them. */
  readonly probabilities: Float32Array;
  /** Pooled features per name, [n × columns] (relu applied; 0 means the filter found nothing). */
  readonly features: Float32Array;
  /**
   * Start of each filter's strongest window in the encoded name, [n × columns]; add
   * `tokenizer.startOf(host)` for an offset in the host. A window may run past the name's end
   * into padding (even start past it); clamp when drawing.
   */
  readonly positions: Int32Array;
  /** Share of each head's logit per feature, [n × heads × columns]; exact for this piecewise-linear net, bias shares left out. */
  readonly contributions: Float32Array;
  /** Kernel width of each column (columns are width-major, in `architecture.widths` order). */
  readonly columnWidths: Int32Array;
  readonly columns: number;
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
  const weights = readFastWeights(bundle);
  const groupSize = options.groupSize ?? (tableBytes(config, vocabularySize(metadata.tokenizer), 2) <= PAIR_TABLE_BUDGET_BYTES ? 2 : 1);
  const tables = buildFastTables(weights, config, tokenizer.spec.maxLength, groupSize);
  const encoder = createBatchEncoder(tokenizer, tables);
  const columns = tables.columns;
  const heads = config.heads.length;

  const tensors = {
    table: tf.tensor2d(tables.table, [tables.rows, columns]),
    mask: tf.tensor2d(tables.mask, [tables.positions, columns]),
    hiddenKernel: weights.hidden ? tf.tensor2d(weights.hidden.kernel, [columns, weights.hidden.units]) : null,
    hiddenBias: weights.hidden ? tf.tensor1d(weights.hidden.bias) : null,
    outputKernel: tf.tensor2d(weights.output.kernel, [weights.hidden?.units ?? columns, heads]),
    outputBias: tf.tensor1d(weights.output.bias),
  };
  let disposed = false;

  /** Window values of every name, [names, positions, 1, columns] (NHWC for MaxPool). Call inside tidy. */
  function windows(batch: FastBatch): tf.Tensor4D {
    // The typed arrays are the encoder's reusable buffers: tensors made from them are consumed
    // synchronously within this tidy, before any later call can overwrite them.
    const indices = tf.tensor1d(batch.indices.subarray(0, batch.lookups), 'int32');
    const segments = tf.tensor1d(batch.segments.subarray(0, batch.lookups), 'int32');
    let sums: tf.Tensor = tf.sparse.sparseSegmentSum(tensors.table, indices, segments);
    sums = sums.reshape([batch.names, batch.positions, columns]);
    if (batch.needsMask) sums = tf.add(sums, tensors.mask.slice([0, 0], [batch.positions, columns]));
    return sums.reshape([batch.names, batch.positions, 1, columns]);
  }

  /** Dense head on pooled (pre-relu) features. Call inside tidy. */
  function head(pooled: tf.Tensor2D): tf.Tensor2D {
    // relu after max pooling equals max pooling after relu, on 1/positions of the values.
    let x: tf.Tensor2D = tf.relu(pooled);
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
    const output = tf.tidy(() => {
      const pooled = tf.maxPool(windows(batch), [batch.positions, 1], 1, 'valid');
      return head(pooled.reshape([batch.names, columns]));
    });
    try {
      return (await output.data()) as Float32Array;
    } finally {
      output.dispose();
    }
  }

  async function explain(hosts: readonly string[]): Promise<FilterActivations> {
    assertLive();
    const count = hosts.length;
    if (count === 0) return { probabilities: new Float32Array(0), features: new Float32Array(0), positions: new Int32Array(0), contributions: new Float32Array(0), columnWidths: tables.columnWidths, columns };
    const batch = encoder.encode(hosts);
    const [features, argmax, probabilities] = tf.tidy(() => {
      const { result, indexes } = tf.maxPoolWithArgmax(windows(batch), [batch.positions, 1], 1, 'valid', false) as { result: tf.Tensor; indexes: tf.Tensor };
      const pooled = result.reshape([count, columns]) as tf.Tensor2D;
      return [tf.relu(pooled), indexes, head(pooled)] as const;
    });
    try {
      const [f, a, p] = await Promise.all([features.data(), argmax.data(), probabilities.data()]);
      const positions = new Int32Array(count * columns);
      // Without the batch in the index, MaxPoolWithArgmax gives (y · width + x) · channels + c, width 1.
      for (let i = 0; i < positions.length; i++) positions[i] = Math.floor(a[i]! / columns);
      const featureValues = f as Float32Array;
      return { probabilities: p as Float32Array, features: featureValues, positions, contributions: contributionsOf(weights, featureValues, count, columns, heads), columnWidths: tables.columnWidths, columns };
    } finally {
      features.dispose();
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

/** Loads the model directory through `read` into the fast engine. */
export async function loadFastScorer(read: ModelFileReader, options: FastScorerOptions = {}): Promise<FastScorer> {
  return createFastScorer(await readModelBundle(read), options);
}
