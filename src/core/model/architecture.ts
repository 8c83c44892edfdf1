/**
 * The char-CNN family: the seed configuration and its wider relatives, as tfjs layers models.
 * Layer names are part of the format: the fast engine and the trainer find weights by them.
 */
import * as tf from '@tensorflow/tfjs';
import { vocabularySize, type TokenizerSpec } from '../tokenizer.js';

/** A non-benign class the model has a sigmoid head for. */
export type RiskCategory = 'malicious' | 'dga';
export const RISK_CATEGORIES: readonly RiskCategory[] = ['malicious', 'dga'];

export interface ArchitectureConfig {
  /** Configuration name: `seed` is the original Snowman model. */
  readonly name: string;
  readonly embeddingDim: number;
  /** Conv1D kernel widths, one branch each. */
  readonly widths: readonly number[];
  /** Filters per width. */
  readonly filters: number;
  /** Units of an optional relu layer after pooling; 0 for none. */
  readonly hidden: number;
  readonly dropout: number;
  /** One sigmoid output per head, in this order. `['malicious']` is the seed's single output. */
  readonly heads: readonly RiskCategory[];
  /**
   * `max` (default, the seed): global max pooling per width. `max-mean`: also global average
   * pooling per width (layers mean_w{k}), concatenated after all max pools — the mean counts how
   * often a pattern fires, which max pooling cannot.
   */
  readonly pooling?: 'max' | 'max-mean';
}

/** The seed architecture exactly: embedding 15; Conv1D 2/4/6 × 15 relu; global max pool; concat; dropout; dense sigmoid. */
export const SEED_ARCHITECTURE: ArchitectureConfig = {
  name: 'seed',
  embeddingDim: 15,
  widths: [2, 4, 6],
  filters: 15,
  hidden: 0,
  dropout: 0.5,
  heads: ['malicious'],
};

export const LAYER = {
  embedding: 'embedding',
  conv: (width: number) => `conv_w${width}`,
  pool: (width: number) => `pool_w${width}`,
  meanPool: (width: number) => `mean_w${width}`,
  concat: 'concat',
  dropout: 'dropout',
  hidden: 'hidden',
  output: 'output',
} as const;

/** Builds an untrained layers model for `config` and the tokenizer's input shape. */
export function buildLayersModel(config: ArchitectureConfig, tokenizer: TokenizerSpec, seed = 1): tf.LayersModel {
  const input = tf.input({ shape: [tokenizer.maxLength], dtype: 'int32', name: 'chars' });
  const embedded = tf.layers
    .embedding({
      name: LAYER.embedding,
      inputDim: vocabularySize(tokenizer),
      outputDim: config.embeddingDim,
      inputLength: tokenizer.maxLength,
      embeddingsInitializer: tf.initializers.randomUniform({ minval: -0.05, maxval: 0.05, seed }),
    })
    .apply(input) as tf.SymbolicTensor;
  const convs: tf.SymbolicTensor[] = [];
  const pooled = config.widths.map((width, i) => {
    const conv = tf.layers
      .conv1d({
        name: LAYER.conv(width),
        filters: config.filters,
        kernelSize: width,
        activation: 'relu',
        padding: 'valid',
        kernelInitializer: tf.initializers.glorotUniform({ seed: seed + 1 + i }),
      })
      .apply(embedded) as tf.SymbolicTensor;
    convs.push(conv);
    return tf.layers.globalMaxPooling1d({ name: LAYER.pool(width) }).apply(conv) as tf.SymbolicTensor;
  });
  if (config.pooling === 'max-mean') {
    config.widths.forEach((width, i) => pooled.push(tf.layers.globalAveragePooling1d({ name: LAYER.meanPool(width) }).apply(convs[i]!) as tf.SymbolicTensor));
  }
  let features = pooled.length === 1 ? pooled[0]! : (tf.layers.concatenate({ name: LAYER.concat }).apply(pooled) as tf.SymbolicTensor);
  features = tf.layers.dropout({ name: LAYER.dropout, rate: config.dropout }).apply(features) as tf.SymbolicTensor;
  if (config.hidden > 0) {
    features = tf.layers
      .dense({ name: LAYER.hidden, units: config.hidden, activation: 'relu', kernelInitializer: tf.initializers.glorotUniform({ seed: seed + 50 }) })
      .apply(features) as tf.SymbolicTensor;
  }
  const output = tf.layers
    .dense({ name: LAYER.output, units: config.heads.length, activation: 'sigmoid', kernelInitializer: tf.initializers.glorotUniform({ seed: seed + 99 }) })
    .apply(features) as tf.SymbolicTensor;
  return tf.model({ inputs: input, outputs: output, name: `snowman_${config.name}` });
}

/** Throws unless `config` is internally consistent. */
export function validateArchitecture(config: ArchitectureConfig): void {
  const ok =
    typeof config.name === 'string' &&
    Number.isInteger(config.embeddingDim) && config.embeddingDim > 0 &&
    Array.isArray(config.widths) && config.widths.length > 0 && config.widths.every((w) => Number.isInteger(w) && w > 0 && w <= 16) &&
    Number.isInteger(config.filters) && config.filters > 0 &&
    Number.isInteger(config.hidden) && config.hidden >= 0 &&
    typeof config.dropout === 'number' && config.dropout >= 0 && config.dropout < 1 &&
    Array.isArray(config.heads) && config.heads.length > 0 && config.heads.every((h) => RISK_CATEGORIES.includes(h)) &&
    (config.pooling === undefined || config.pooling === 'max' || config.pooling === 'max-mean');
  if (!ok) throw new Error(`invalid model architecture: ${JSON.stringify(config)}`);
}
