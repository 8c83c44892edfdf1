/**
 * Label-noise handling: positives that look benign. Some malicious lists carry names whose text
 * has no malicious trait at all — compromised legitimate sites (ClearFake, SocGholish, wp_inject
 * trails), abused services, sinkholes. A name-only model cannot tell them from benign sites, and
 * training on them only pushes ordinary-looking names up, which costs false positives.
 *
 * After an early epoch the model scores its own training positives; those scoring below the
 * `benignQuantile` of validation benign names on their head (more benign-looking than a typical
 * benign name) get their weight multiplied by `factor` for the remaining epochs. One pass of
 * inference; after a single epoch a small CNN has not memorised 1.5M names, so these scores are
 * close to out-of-sample.
 */
import type { StepEngine } from './step-engine.js';
import { allocateBatch } from './batch.js';
import { fillRow, type EncodedNames } from './encoded-names.js';

export interface NoiseOptions {
  /** Epoch after which positives are re-weighted (1-based). */
  readonly afterEpoch: number;
  /** Quantile of validation benign scores, per head, below which a positive counts as benign-looking. */
  readonly benignQuantile: number;
  /** Weight multiplier for benign-looking positives (0 drops them). */
  readonly factor: number;
}

export interface NoiseReport {
  readonly epoch: number;
  /** Down-weighted positives per head index. */
  readonly downweighted: number[];
  readonly positives: number[];
  /** Indexes (into the training examples) of down-weighted positives. */
  readonly indexes: number[];
}

const CHUNK = 4096;

/** Probabilities of every training name from the engine's current weights, [count × heads]. */
export function predictAll(engine: StepEngine, names: EncodedNames): Float32Array {
  const { maxLength: L, heads: O } = engine.layout.shape;
  const batch = allocateBatch(engine.layout.shape, CHUNK);
  const out = new Float32Array(names.count * O);
  for (let start = 0; start < names.count; start += CHUNK) {
    const size = Math.min(CHUNK, names.count - start);
    for (let row = 0; row < size; row++) fillRow(names, start + row, null, batch, row, L);
    out.set(engine.predict(batch.ids, batch.lengths, size).subarray(0, size * O), start * O);
  }
  return out;
}

/** q-quantile of a list (nearest rank). */
function quantile(values: number[], q: number): number {
  const sorted = Float64Array.from(values).sort();
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.floor(q * sorted.length)))]!;
}

/**
 * Multiplies the weights of benign-looking positives in place; `validation` gives each head's
 * benign scores ([count × heads] probabilities and a benign flag per row).
 */
export function downweightBenignLooking(
  options: NoiseOptions,
  epoch: number,
  train: Float32Array,
  targets: Float32Array,
  weights: Float32Array,
  validation: Float32Array,
  validationBenign: readonly boolean[],
  heads: number,
): NoiseReport {
  const thresholds: number[] = [];
  for (let h = 0; h < heads; h++) {
    const benign: number[] = [];
    validationBenign.forEach((isBenign, i) => isBenign && benign.push(validation[i * heads + h]!));
    thresholds.push(benign.length > 0 ? quantile(benign, options.benignQuantile) : Number.NEGATIVE_INFINITY);
  }
  const downweighted = new Array<number>(heads).fill(0);
  const positives = new Array<number>(heads).fill(0);
  const indexes: number[] = [];
  const count = train.length / heads;
  for (let i = 0; i < count; i++) {
    let hit = false;
    for (let h = 0; h < heads; h++) {
      const k = i * heads + h;
      if (targets[k] !== 1 || weights[k] === 0) continue;
      positives[h]!++;
      if (train[k]! < thresholds[h]!) {
        weights[k]! *= options.factor;
        downweighted[h]!++;
        hit = true;
      }
    }
    if (hit) indexes.push(i);
  }
  return { epoch, downweighted, positives, indexes };
}
