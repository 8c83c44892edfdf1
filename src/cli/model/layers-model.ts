/**
 * The char-CNN family as tfjs layers models, for training and the reference scorer. Layer names
 * (LAYER) are part of the format: the fast engine and the trainer find weights by them.
 */
import * as tf from '@tensorflow/tfjs';
import { vocabularySize, type TokenizerSpec } from '../../core/tokenizer.js';
import { LAYER, type ArchitectureConfig } from '../../core/model/architecture.js';

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
