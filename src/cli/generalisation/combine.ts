/**
 * Score combinations shared by multi-head candidates and ensembles. All work on logit-scale
 * scores and are calibrated on the fold's validation names only (never on held-out data).
 */
import { thresholdAtFpr } from '../metrics.js';

/** Columns of a row-major [n × width] matrix. */
export function columns(matrix: Float32Array, width: number): Float32Array[] {
  const n = matrix.length / width;
  return Array.from({ length: width }, (_, c) => {
    const col = new Float32Array(n);
    for (let i = 0; i < n; i++) col[i] = matrix[i * width + c]!;
    return col;
  });
}

function benignScores(scores: Float32Array, labels: Uint8Array): Float32Array {
  const out: number[] = [];
  for (let i = 0; i < labels.length; i++) if (labels[i] === 0) out.push(scores[i]!);
  return Float32Array.from(out);
}

/**
 * Separate thresholds per head, as the verdict applies them: each head is shifted so that its
 * threshold at `fpr` on validation benign names sits at 0, and a name takes its worst head.
 */
export function maxOverShiftedHeads(
  heads: readonly Float32Array[],
  validationHeads: readonly Float32Array[],
  validationLabels: Uint8Array,
  fpr = 1e-3,
): Float32Array {
  const shifts = validationHeads.map((v) => thresholdAtFpr(benignScores(v, validationLabels), fpr));
  const n = heads[0]!.length;
  const out = new Float32Array(n).fill(Number.NEGATIVE_INFINITY);
  heads.forEach((head, h) => {
    for (let i = 0; i < n; i++) out[i] = Math.max(out[i]!, head[i]! - shifts[h]!);
  });
  return out;
}

/** Mean of logits, optionally weighted (weights sum to 1). */
export function meanOfLogits(
  scores: readonly Float32Array[],
  weights: readonly number[] = scores.map(() => 1 / scores.length),
): Float32Array {
  const out = new Float32Array(scores[0]!.length);
  scores.forEach((s, j) => {
    const w = weights[j]!;
    for (let i = 0; i < out.length; i++) out[i] = out[i]! + w * s[i]!;
  });
  return out;
}

function sigmoid(x: number): number {
  return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
}

/** Mean of probabilities, returned as a logit so every score stays on one scale. */
export function meanOfProbabilities(scores: readonly Float32Array[]): Float32Array {
  const out = new Float32Array(scores[0]!.length);
  for (let i = 0; i < out.length; i++) {
    let p = 0;
    for (const s of scores) p += sigmoid(s[i]!);
    p = Math.min(Math.max(p / scores.length, 1e-12), 1 - 1e-12);
    out[i] = Math.log(p / (1 - p));
  }
  return out;
}

/**
 * A tiny stacked logistic regression: weights for each member's logit and a bias, fitted on the
 * validation names (class-balanced, Newton steps, a little L2 so it cannot run off).
 */
export function fitStack(
  scores: readonly Float32Array[],
  labels: Uint8Array,
  l2 = 1e-3,
  iterations = 25,
): Float64Array {
  const k = scores.length;
  const dim = k + 1;
  const w = new Float64Array(dim);
  let pos = 0;
  for (const y of labels) pos += y;
  const neg = labels.length - pos;
  const wPos = labels.length / (2 * Math.max(pos, 1));
  const wNeg = labels.length / (2 * Math.max(neg, 1));
  const x = new Float64Array(dim);
  for (let it = 0; it < iterations; it++) {
    const grad = new Float64Array(dim);
    const hess = new Float64Array(dim * dim);
    for (let i = 0; i < labels.length; i++) {
      for (let j = 0; j < k; j++) x[j] = scores[j]![i]!;
      x[k] = 1;
      let z = 0;
      for (let j = 0; j < dim; j++) z += w[j]! * x[j]!;
      const p = sigmoid(z);
      const c = labels[i] === 1 ? wPos : wNeg;
      const r = c * (p - labels[i]!);
      const s = c * p * (1 - p);
      for (let a = 0; a < dim; a++) {
        grad[a] = grad[a]! + r * x[a]!;
        for (let b = 0; b < dim; b++) hess[a * dim + b] = hess[a * dim + b]! + s * x[a]! * x[b]!;
      }
    }
    for (let a = 0; a < dim; a++) {
      grad[a] = grad[a]! / labels.length + l2 * w[a]!;
      for (let b = 0; b < dim; b++) hess[a * dim + b] = hess[a * dim + b]! / labels.length + (a === b ? l2 : 0);
    }
    const step = solve(hess, grad, dim);
    for (let a = 0; a < dim; a++) w[a] = w[a]! - step[a]!;
  }
  return w;
}

/** Gaussian elimination with partial pivoting for the small Newton systems above. */
function solve(matrix: Float64Array, rhs: Float64Array, n: number): Float64Array {
  const a = Float64Array.from(matrix);
  const b = Float64Array.from(rhs);
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(a[r * n + col]!) > Math.abs(a[pivot * n + col]!)) pivot = r;
    if (pivot !== col) {
      for (let c = 0; c < n; c++) [a[col * n + c], a[pivot * n + c]] = [a[pivot * n + c]!, a[col * n + c]!];
      [b[col], b[pivot]] = [b[pivot]!, b[col]!];
    }
    const d = a[col * n + col]!;
    if (Math.abs(d) < 1e-12) continue;
    for (let r = col + 1; r < n; r++) {
      const f = a[r * n + col]! / d;
      for (let c = col; c < n; c++) a[r * n + c] = a[r * n + c]! - f * a[col * n + c]!;
      b[r] = b[r]! - f * b[col]!;
    }
  }
  const out = new Float64Array(n);
  for (let r = n - 1; r >= 0; r--) {
    let s = b[r]!;
    for (let c = r + 1; c < n; c++) s -= a[r * n + c]! * out[c]!;
    const d = a[r * n + r]!;
    out[r] = Math.abs(d) < 1e-12 ? 0 : s / d;
  }
  return out;
}

/** Applies stacked weights from fitStack. */
export function applyStack(weights: Float64Array, scores: readonly Float32Array[]): Float32Array {
  const k = scores.length;
  const out = new Float32Array(scores[0]!.length);
  for (let i = 0; i < out.length; i++) {
    let z = weights[k]!;
    for (let j = 0; j < k; j++) z += weights[j]! * scores[j]![i]!;
    out[i] = z;
  }
  return out;
}

/**
 * Mean of logits after standardising each member on the validation benign names (z-scores), so
 * a member with a wider logit range does not dominate the average.
 */
export function meanOfStandardised(
  scores: readonly Float32Array[],
  validation: readonly Float32Array[],
  labels: Uint8Array,
): Float32Array {
  const stats = validation.map((v) => {
    const b = benignScores(v, labels);
    let mean = 0;
    for (const x of b) mean += x / b.length;
    let variance = 0;
    for (const x of b) variance += (x - mean) ** 2 / b.length;
    return { mean, sd: Math.sqrt(variance) || 1 };
  });
  const out = new Float32Array(scores[0]!.length);
  scores.forEach((s, j) => {
    const { mean, sd } = stats[j]!;
    for (let i = 0; i < out.length; i++) out[i] = out[i]! + (s[i]! - mean) / sd / scores.length;
  });
  return out;
}

/**
 * Per-head ensemble: each risk category averages the logits of the members' heads for it (a
 * one-head member serves every category), then the heads are combined as the verdict does. This
 * is the form the product can ship: per-head probabilities and per-head thresholds, unchanged.
 */
export function perHeadMean(
  members: readonly {
    categories: readonly string[];
    heads: readonly Float32Array[];
    validationHeads: readonly Float32Array[];
  }[],
  validationLabels: Uint8Array,
  weights?: readonly number[],
): Float32Array {
  const categories = [...new Set(members.flatMap((m) => (m.categories.length > 1 ? m.categories : [])))];
  if (categories.length === 0)
    return meanOfLogits(
      members.map((m) => m.heads[0]!),
      weights,
    );
  const pick = (m: (typeof members)[number], category: string, which: 'heads' | 'validationHeads') =>
    m.categories.length === 1 ? m[which][0]! : m[which][m.categories.indexOf(category)]!;
  const heads = categories.map((c) =>
    meanOfLogits(
      members.map((m) => pick(m, c, 'heads')),
      weights,
    ),
  );
  const validationHeads = categories.map((c) =>
    meanOfLogits(
      members.map((m) => pick(m, c, 'validationHeads')),
      weights,
    ),
  );
  return maxOverShiftedHeads(heads, validationHeads, validationLabels);
}
