/**
 * The n-gram baseline at inference: one logistic regression per head over hashed character
 * n-grams. Pure TypeScript on typed arrays, no tfjs: cheap enough to run beside the CNN in the
 * service worker.
 */
import type { RiskCategory } from '../model/architecture.js';
import { maxFeatureCount, ngramBuckets, validateNgramSpec, type NgramFeatureSpec } from './features.js';

export interface NgramHead {
  readonly category: RiskCategory;
  readonly bias: number;
  /**
   * One weight per hash bucket (2^bits), in units of `scale`: floats while training, the file's
   * int8 integers once loaded (a quarter of the memory, and no per-weight decoding at start-up).
   */
  readonly weights: Float32Array | Int8Array;
  /**
   * What every weight is multiplied by; 1 when absent. A power of two, so integer sums times the
   * scale are exact and an int8 head scores exactly as its float32 expansion would.
   */
  readonly scale?: number;
}

/** A head's weights as float32 values (a copy when they are stored as scaled integers). */
export function floatWeights(head: NgramHead): Float32Array {
  const scale = head.scale ?? 1;
  if (head.weights instanceof Float32Array && scale === 1) return head.weights;
  const out = new Float32Array(head.weights.length);
  for (let i = 0; i < out.length; i++) out[i] = head.weights[i]! * scale;
  return out;
}

export interface NgramModel {
  readonly features: NgramFeatureSpec;
  readonly heads: readonly NgramHead[];
}

/** Names longer than this are scored on their last characters (DNS caps names at 253). */
const MAX_SCORED_LENGTH = 253;

/** Throws unless every head has one weight per bucket. */
export function validateNgramModel(model: NgramModel): void {
  validateNgramSpec(model.features);
  if (model.heads.length === 0) throw new Error('n-gram model has no heads');
  for (const head of model.heads) {
    if (head.weights.length !== 2 ** model.features.bits)
      throw new Error(
        `n-gram head ${head.category} has ${head.weights.length} weights, expected 2^${model.features.bits}`,
      );
    if (!Number.isFinite(head.bias)) throw new Error(`n-gram head ${head.category} has a non-finite bias`);
    if (head.scale !== undefined && !(head.scale > 0 && Number.isFinite(head.scale)))
      throw new Error(`n-gram head ${head.category} has an invalid scale`);
  }
}

/** Scratch space for the buckets of one name, sized for the longest name. */
export function createBucketBuffer(model: Pick<NgramModel, 'features'>): Uint32Array {
  return new Uint32Array(maxFeatureCount(model.features, MAX_SCORED_LENGTH));
}

/** Clips a name to what a DNS name can hold, keeping the end (suffix and registrable domain). */
export function clipHost(host: string): string {
  return host.length > MAX_SCORED_LENGTH ? host.slice(host.length - MAX_SCORED_LENGTH) : host;
}

/**
 * Logits of every head for normalised hosts, row-major [hosts.length × heads]. Features are
 * n-gram counts scaled by 1/sqrt(count), so long and short names sit on the same scale.
 */
export function ngramLogits(
  model: NgramModel,
  hosts: readonly string[],
  buckets: Uint32Array = createBucketBuffer(model),
): Float32Array {
  const heads = model.heads;
  const out = new Float32Array(hosts.length * heads.length);
  for (let i = 0; i < hosts.length; i++) {
    const count = ngramBuckets(clipHost(hosts[i]!), model.features, buckets);
    const scale = 1 / Math.sqrt(count);
    for (let h = 0; h < heads.length; h++) {
      const head = heads[h]!;
      const w = head.weights;
      let dot = 0;
      for (let j = 0; j < count; j++) dot += w[buckets[j]!]!;
      out[i * heads.length + h] = head.bias + dot * (head.scale ?? 1) * scale;
    }
  }
  return out;
}

/** Numerically safe logistic function. */
export function sigmoid(x: number): number {
  return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
}

/** Head probabilities for normalised hosts, row-major [hosts.length × heads] (the Scorer layout). */
export function ngramProbabilities(model: NgramModel, hosts: readonly string[], buckets?: Uint32Array): Float32Array {
  const logits = ngramLogits(model, hosts, buckets);
  for (let i = 0; i < logits.length; i++) logits[i] = sigmoid(logits[i]!);
  return logits;
}
