/**
 * Trains the n-gram baseline: logistic regression over hashed character n-grams with AdaGrad,
 * L2 on the weights a sample touches, class weights, and early stopping on validation AUC.
 * Single-threaded and deterministic for a seed (the same seed gives the same weights).
 */
import { auc } from '../metrics.js';
import {
  DEFAULT_NGRAM_FEATURES,
  maxFeatureCount,
  ngramBuckets,
  validateNgramSpec,
  type NgramFeatureSpec,
} from '../../core/ngram/features.js';
import { clipHost, ngramLogits, type NgramHead } from '../../core/ngram/model.js';
import { hostParts } from '../../core/ngram/parts.js';
import type { RiskCategory } from '../../core/model/architecture.js';
import { BENIGN_PREFIXES } from '../train/augment.js';
import { rngFromState, shuffleInPlace } from '../../core/rng.js';

/** One training name for one head: a host, its 0/1 target, and its loss weight. */
export interface WeightedHost {
  readonly host: string;
  readonly y: 0 | 1;
  readonly weight: number;
}

export interface NgramTrainOptions {
  readonly features: NgramFeatureSpec;
  readonly epochs: number;
  /** AdaGrad step size. */
  readonly learningRate: number;
  /** L2 strength per update, applied to the weights a sample touches (lazy regularisation). */
  readonly l2: number;
  readonly seed: number;
  /**
   * Share of benign names given a common service prefix (mail., api., cdn. …) in each epoch. Benign
   * lists are bare registrable domains while blocklists are full of sub-domains; without this the
   * model can learn "has a sub-domain" = malicious. Default 0 (the classic baseline has none).
   */
  readonly benignPrefixRate?: number;
  readonly benignPrefixes?: readonly string[];
  readonly log?: (line: string) => void;
}

export const DEFAULT_NGRAM_TRAIN: NgramTrainOptions = {
  features: DEFAULT_NGRAM_FEATURES,
  epochs: 3,
  learningRate: 0.5,
  l2: 1e-6,
  seed: 1,
};

/** Training statistics, for progress lines and the bench. */
export interface NgramTrainReport {
  readonly samplesPerSecond: number;
  readonly bestEpoch: number;
  readonly validationAuc: number;
  readonly epochs: readonly NgramEpoch[];
}

export interface NgramEpoch {
  readonly epoch: number;
  /** Weighted mean log-loss over the epoch's updates. */
  readonly loss: number;
  readonly validationAuc: number;
  readonly seconds: number;
}

function validationAuc(head: NgramHead, features: NgramFeatureSpec, validation: readonly WeightedHost[]): number {
  if (validation.length === 0) return Number.NaN;
  const logits = ngramLogits(
    { features, heads: [head] },
    validation.map((v) => v.host),
  );
  const pos: number[] = [];
  const neg: number[] = [];
  validation.forEach((v, i) => (v.y === 1 ? pos : neg).push(logits[i]!));
  return auc(pos, neg);
}

/**
 * Trains one head. With a validation set, the weights of the epoch with the best validation AUC
 * are kept (early stopping); without one, the last epoch's.
 */
export function trainNgramHead(
  category: RiskCategory,
  train: readonly WeightedHost[],
  validation: readonly WeightedHost[],
  options: NgramTrainOptions,
): { head: NgramHead; report: NgramTrainReport } {
  validateNgramSpec(options.features);
  const spec = options.features;
  const size = 2 ** spec.bits;
  const weights = new Float32Array(size);
  // AdaGrad's per-bucket sum of squared gradients; float64 so late updates keep their precision.
  const squares = new Float64Array(size);
  let bias = 0;
  let biasSquares = 0;
  const buckets = new Uint32Array(maxFeatureCount(spec, 253));
  const order = new Uint32Array(train.length);
  for (let i = 0; i < order.length; i++) order[i] = i;
  const rng = rngFromState(options.seed);
  const random = rng.nextFloat;
  // Splitting a name with the PSL costs more than hashing it: do it once, not once per epoch.
  const parts = spec.parts || spec.structure ? train.map((e) => hostParts(clipHost(e.host))) : null;
  const { learningRate: lr, l2 } = options;
  const prefixRate = options.benignPrefixRate ?? 0;
  const prefixes = options.benignPrefixes ?? BENIGN_PREFIXES;
  let best: { head: NgramHead; epoch: number; auc: number } | null = null;
  let samples = 0;
  const started = performance.now();
  const history: NgramEpoch[] = [];
  for (let epoch = 1; epoch <= options.epochs; epoch++) {
    const epochStart = performance.now();
    shuffleInPlace(order, rng);
    let lossSum = 0;
    let weightSum = 0;
    for (let o = 0; o < order.length; o++) {
      const index = order[o]!;
      const example = train[index]!;
      let count: number;
      if (example.y === 0 && prefixRate > 0 && random() < prefixRate) {
        count = ngramBuckets(
          clipHost(`${prefixes[Math.floor(random() * prefixes.length)]!}.${example.host}`),
          spec,
          buckets,
        );
      } else {
        count = ngramBuckets(clipHost(example.host), spec, buckets, parts?.[index]);
      }
      const scale = 1 / Math.sqrt(count);
      let dot = 0;
      for (let j = 0; j < count; j++) dot += weights[buckets[j]!]!;
      const z = bias + dot * scale;
      const p = z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
      lossSum += example.weight * (example.y === 1 ? -Math.log(Math.max(p, 1e-12)) : -Math.log(Math.max(1 - p, 1e-12)));
      weightSum += example.weight;
      const g = (p - example.y) * example.weight;
      // A repeated n-gram gets one update per occurrence: the gradient of a count feature.
      for (let j = 0; j < count; j++) {
        const b = buckets[j]!;
        const grad = g * scale + l2 * weights[b]!;
        const s = (squares[b] = squares[b]! + grad * grad);
        weights[b] = weights[b]! - (lr * grad) / Math.sqrt(s + 1e-8);
      }
      biasSquares += g * g;
      bias -= (lr * g) / Math.sqrt(biasSquares + 1e-8);
    }
    samples += order.length;
    const head: NgramHead = { category, bias, weights };
    const score = validationAuc(head, spec, validation);
    const loss = lossSum / Math.max(weightSum, 1e-12);
    history.push({ epoch, loss, validationAuc: score, seconds: (performance.now() - epochStart) / 1000 });
    options.log?.(
      `  ngram ${category} epoch ${epoch}/${options.epochs}: loss ${loss.toFixed(4)}, validation AUC ${score.toFixed(4)}`,
    );
    if (validation.length === 0 || best === null || score > best.auc) {
      best = { head: { category, bias, weights: Float32Array.from(weights) }, epoch, auc: score };
    }
  }
  const seconds = (performance.now() - started) / 1000;
  const result = best ?? { head: { category, bias, weights }, epoch: 0, auc: Number.NaN };
  return {
    head: result.head,
    report: {
      samplesPerSecond: samples / Math.max(seconds, 1e-9),
      bestEpoch: result.epoch,
      validationAuc: result.auc,
      epochs: history,
    },
  };
}

/** Loss weights that give the positives and the negatives the same total weight. */
export function balanceClasses<T extends { y: 0 | 1 }>(items: readonly T[]): number[] {
  let pos = 0;
  for (const item of items) pos += item.y;
  const neg = items.length - pos;
  const wPos = pos === 0 ? 0 : items.length / (2 * pos);
  const wNeg = neg === 0 ? 0 : items.length / (2 * neg);
  return items.map((item) => (item.y === 1 ? wPos : wNeg));
}
