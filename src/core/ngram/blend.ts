/**
 * The shipped scorer as a blend: the char-CNN's head logits averaged with the n-gram model's,
 * head by head (a one-head n-gram model serves every head). The result is a Scorer with the
 * CNN's heads, so thresholds, verdicts and caches work unchanged; the thresholds in metadata.json
 * must then be those of the blend (the trainer chooses them on the blend's validation scores).
 */
import type { ModelFileReader } from '../model/files.js';
import { ModelFormatError, type ModelMetadata } from '../model/metadata.js';
import type { Scorer } from '../model/scorer.js';
import { decodeNgramModel, NGRAM_FILE_NAME } from './format.js';
import { createBucketBuffer, ngramLogits, sigmoid, type NgramModel } from './model.js';

/** Recorded as `metadata.architecture.ngramBlend` when the shipped model is a blend. */
export interface NgramBlendSpec {
  /** File in the model directory holding the n-gram model. */
  readonly file: string;
  /** Weight of the n-gram logit; the CNN's is 1 − weight (0.5: plain mean of logits). */
  readonly weight: number;
}

/** The blend spec of a model, or null for a plain CNN. */
export function ngramBlendOf(metadata: ModelMetadata): NgramBlendSpec | null {
  const spec = (metadata.architecture as { ngramBlend?: unknown }).ngramBlend;
  if (spec === undefined) return null;
  const s = spec as Partial<NgramBlendSpec> | null;
  if (typeof s !== 'object' || s === null || typeof s.file !== 'string' || !(typeof s.weight === 'number' && s.weight > 0 && s.weight < 1)) {
    throw new ModelFormatError(`metadata.json architecture.ngramBlend is invalid: ${JSON.stringify(spec)}`);
  }
  return { file: s.file, weight: s.weight };
}

/** For each CNN head, the n-gram head that joins it: the same category, else the n-gram's first head. */
export function headMapping(cnnHeads: readonly string[], ngram: NgramModel): number[] {
  return cnnHeads.map((head) => Math.max(0, ngram.heads.findIndex((h) => h.category === head)));
}

/** Blends CNN head probabilities [n × heads] with n-gram logits for the same hosts; returns probabilities. */
export function blendProbabilities(cnn: Float32Array, cnnHeads: readonly string[], ngram: NgramModel, hosts: readonly string[], weight: number, buckets?: Uint32Array): Float32Array {
  const heads = cnnHeads.length;
  const map = headMapping(cnnHeads, ngram);
  const z = ngramLogits(ngram, hosts, buckets);
  const width = ngram.heads.length;
  const out = new Float32Array(cnn.length);
  for (let i = 0; i < hosts.length; i++) {
    for (let h = 0; h < heads; h++) {
      const p = Math.min(Math.max(cnn[i * heads + h]!, 1e-7), 1 - 1e-7);
      out[i * heads + h] = sigmoid((1 - weight) * Math.log(p / (1 - p)) + weight * z[i * width + map[h]!]!);
    }
  }
  return out;
}

/** Wraps a CNN scorer with an n-gram model; other members of the scorer (explain, …) pass through. */
export function blendWithNgram<S extends Scorer>(scorer: S, ngram: NgramModel, spec: NgramBlendSpec): S {
  const heads = scorer.metadata.architecture.heads;
  const buckets = createBucketBuffer(ngram);
  return {
    ...scorer,
    engine: `${scorer.engine}+ngram`,
    async predict(hosts: readonly string[]) {
      return blendProbabilities(await scorer.predict(hosts), heads, ngram, hosts, spec.weight, buckets);
    },
    dispose: () => scorer.dispose(),
  };
}

/**
 * Loaders call this after loading the CNN: a blended model gets its n-gram member from the same
 * directory; a plain CNN is returned as it is. A blend whose n-gram file is missing is refused,
 * since its thresholds would be wrong for the CNN alone.
 */
export async function withNgramBlend<S extends Scorer>(read: ModelFileReader, scorer: S): Promise<S> {
  const spec = ngramBlendOf(scorer.metadata);
  if (!spec) return scorer;
  let bytes: Uint8Array;
  try {
    bytes = await read(spec.file);
  } catch (error) {
    throw new ModelFormatError(`the model blends in ${spec.file}, which cannot be read: ${(error as Error).message}`);
  }
  return blendWithNgram(scorer, decodeNgramModel(bytes).model, spec);
}

export { NGRAM_FILE_NAME };
