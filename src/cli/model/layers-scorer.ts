/**
 * The reference scorer: the plain tfjs layers model, which the fast engine is measured and tested
 * against (and `--engine layers` runs). Needs tfjs-layers, so it lives with the CLI.
 */
import * as tf from '@tensorflow/tfjs';
import { createTokenizer, vocabularySize, type Tokenizer } from '../../core/tokenizer.js';
import { LAYER } from '../../core/model/architecture.js';
import { readModelBundle, type ModelBundle, type ModelFileReader } from '../../core/model/files.js';
import { ModelFormatError, type ModelMetadata } from '../../core/model/metadata.js';
import type { Scorer } from '../../core/model/scorer.js';
import { withNgramBlend } from '../../core/ngram/blend.js';

/** Throws unless the topology's shapes agree with the metadata (a mismatch would score silently wrong). */
export function assertModelMatchesMetadata(model: tf.LayersModel, metadata: ModelMetadata): void {
  const inputShape = model.inputs[0]?.shape;
  if (!inputShape || inputShape[1] !== metadata.tokenizer.maxLength) {
    throw new ModelFormatError(`model input length ${String(inputShape?.[1])} differs from metadata maxLength ${metadata.tokenizer.maxLength}`);
  }
  const embedding = model.getLayer(LAYER.embedding).getWeights()[0];
  if (!embedding || embedding.shape[0] !== vocabularySize(metadata.tokenizer) || embedding.shape[1] !== metadata.architecture.embeddingDim) {
    throw new ModelFormatError(`model embedding shape ${String(embedding?.shape)} does not fit the metadata vocabulary`);
  }
  const outputShape = model.outputs[0]?.shape;
  if (!outputShape || outputShape[1] !== metadata.architecture.heads.length) {
    throw new ModelFormatError(`model has ${String(outputShape?.[1])} outputs, metadata names ${metadata.architecture.heads.length} heads`);
  }
}

/** Reference scorer: the plain tfjs layers model. */
export async function createLayersScorer(bundle: ModelBundle): Promise<Scorer> {
  const model = await tf.loadLayersModel(tf.io.fromMemory(bundle.artifacts));
  assertModelMatchesMetadata(model, bundle.metadata);
  const tokenizer: Tokenizer = createTokenizer(bundle.metadata.tokenizer);
  const maxLength = tokenizer.spec.maxLength;
  return {
    metadata: bundle.metadata,
    backend: tf.getBackend(),
    engine: 'layers',
    async predict(hosts) {
      const ids = tokenizer.encodeBatch(hosts);
      const input = tf.tensor2d(ids, [hosts.length, maxLength], 'int32');
      const output = model.predict(input) as tf.Tensor;
      try {
        return (await output.data()) as Float32Array;
      } finally {
        input.dispose();
        output.dispose();
      }
    },
    dispose() {
      model.dispose();
    },
  };
}

/** Loads the model directory through `read` into the reference scorer. */
export async function loadLayersScorer(read: ModelFileReader): Promise<Scorer> {
  return withNgramBlend(read, await createLayersScorer(await readModelBundle(read)));
}
