/**
 * The scoring interface every surface uses (CLI, server, service worker), and its reference
 * implementation on the tfjs layers model. Faster engines implement the same interface.
 */
import * as tf from '@tensorflow/tfjs';
import { createTokenizer, vocabularySize, type Tokenizer } from '../tokenizer.js';
import { LAYER, type RiskCategory } from './architecture.js';
import { readModelBundle, type ModelBundle, type ModelFileReader } from './files.js';
import { ModelFormatError, type ModelMetadata } from './metadata.js';
import { withNgramBlend } from '../ngram/blend.js';

/** Model output for one normalised host. */
export interface HostScore {
  /** Highest head probability: how likely the name is malicious or algorithmically generated. */
  readonly score: number;
  /** The head that gave `score`. */
  readonly category: RiskCategory;
  /** Per-head probabilities in `metadata.architecture.heads` order. */
  readonly heads: readonly number[];
}

export interface Scorer {
  readonly metadata: ModelMetadata;
  /** tfjs backend in use (`wasm`, `cpu`, …). */
  readonly backend: string;
  readonly engine: string;
  /** Head probabilities for normalised hosts, row-major [hosts.length × heads]. */
  predict(hosts: readonly string[]): Promise<Float32Array>;
  dispose(): void;
}

/** Folds raw head probabilities into per-host scores. */
export function toHostScores(metadata: ModelMetadata, probabilities: Float32Array, count: number): HostScore[] {
  const heads = metadata.architecture.heads;
  const out: HostScore[] = new Array(count);
  for (let i = 0; i < count; i++) {
    let best = 0;
    const row: number[] = new Array(heads.length);
    for (let h = 0; h < heads.length; h++) {
      row[h] = probabilities[i * heads.length + h]!;
      if (row[h]! > row[best]!) best = h;
    }
    out[i] = { score: row[best]!, category: heads[best]!, heads: row };
  }
  return out;
}

/** Scores normalised hosts in one call. */
export async function scoreHosts(scorer: Scorer, hosts: readonly string[]): Promise<HostScore[]> {
  if (hosts.length === 0) return [];
  return toHostScores(scorer.metadata, await scorer.predict(hosts), hosts.length);
}

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
