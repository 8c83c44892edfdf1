/**
 * Ranking metrics for a binary detector: AUC, thresholds at a target false-positive rate, recall
 * there, and ROC points for reports. Shared by the trainer (threshold choice), eval and tests.
 */

function sortedAscending(values: ArrayLike<number>): Float64Array {
  const out = Float64Array.from(values as ArrayLike<number>);
  out.sort();
  return out;
}

/** Area under the ROC curve (Mann–Whitney U; ties count one half). NaN if a class is empty. */
export function auc(positives: ArrayLike<number>, negatives: ArrayLike<number>): number {
  if (positives.length === 0 || negatives.length === 0) return Number.NaN;
  const pos = sortedAscending(positives);
  const neg = sortedAscending(negatives);
  // For each positive: negatives strictly below + half the ties, by a merged walk.
  let below = 0;
  let equalEnd = 0;
  let sum = 0;
  for (let i = 0; i < pos.length; i++) {
    const p = pos[i]!;
    while (below < neg.length && neg[below]! < p) below++;
    if (equalEnd < below) equalEnd = below;
    while (equalEnd < neg.length && neg[equalEnd]! === p) equalEnd++;
    sum += below + (equalEnd - below) / 2;
  }
  return sum / (pos.length * neg.length);
}

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);

/** The smallest float32 strictly greater than x: scores are float32, so this is exact. */
export function nextFloat32Up(x: number): number {
  if (Number.isNaN(x) || x === Number.POSITIVE_INFINITY) return x;
  f32[0] = x;
  if (f32[0]! > x) return f32[0]!;
  if (f32[0]! < x) return nextFloat32Up(f32[0]!);
  if (x === 0) return 1.401298464324817e-45;
  // IEEE floats are sign-magnitude: stepping up means a larger magnitude above zero, a smaller one below
  // (logit-like scores can be negative).
  u32[0] = x > 0 ? u32[0]! + 1 : u32[0]! - 1;
  return f32[0]!;
}

/**
 * The lowest threshold t such that the share of negatives with score ≥ t is at most `fpr`.
 * Flag a name when score ≥ t. With n negatives, at most floor(fpr·n) of them are flagged.
 */
export function thresholdAtFpr(negatives: ArrayLike<number>, fpr: number): number {
  if (negatives.length === 0) throw new Error('thresholdAtFpr needs at least one negative score');
  if (!(fpr >= 0 && fpr < 1)) throw new Error(`fpr must be in [0, 1), got ${fpr}`);
  const neg = sortedAscending(negatives);
  const allowed = Math.floor(fpr * neg.length + 1e-9);
  // The highest negative score that must stay below the threshold.
  const mustPass = neg[neg.length - 1 - allowed]!;
  return nextFloat32Up(mustPass);
}

/** Share of `scores` at or above `threshold`. */
export function shareAtOrAbove(scores: ArrayLike<number>, threshold: number): number {
  if (scores.length === 0) return Number.NaN;
  let hits = 0;
  for (let i = 0; i < scores.length; i++) if (scores[i]! >= threshold) hits++;
  return hits / scores.length;
}

/** Recall of positives at the threshold that keeps negatives' false-positive rate at most `fpr`. */
export function recallAtFpr(positives: ArrayLike<number>, negatives: ArrayLike<number>, fpr: number): number {
  return shareAtOrAbove(positives, thresholdAtFpr(negatives, fpr));
}

export interface RocPoint {
  readonly fpr: number;
  readonly tpr: number;
  readonly threshold: number;
}

/** ROC points at each distinct score, thinned to about `maxPoints` (keeping the low-FPR end dense). NaN scores are ignored. */
export function rocCurve(positives: ArrayLike<number>, negatives: ArrayLike<number>, maxPoints = 400): RocPoint[] {
  const pos = sortedAscending(positives);
  const neg = sortedAscending(negatives);
  // Typed-array sort puts NaN last; start the walk below them.
  let pi = pos.length - 1;
  let ni = neg.length - 1;
  while (pi >= 0 && Number.isNaN(pos[pi]!)) pi--;
  while (ni >= 0 && Number.isNaN(neg[ni]!)) ni--;
  const p = pi + 1;
  const n = ni + 1;
  // One merged walk down both sorted arrays, one point per distinct score (millions of scores:
  // typed arrays here, objects only for the points kept).
  const fprs = new Float64Array(p + n + 1);
  const tprs = new Float64Array(p + n + 1);
  const thresholds = new Float64Array(p + n + 1);
  thresholds[0] = Number.POSITIVE_INFINITY;
  let count = 1;
  let pAbove = 0;
  let nAbove = 0;
  while (pi >= 0 || ni >= 0) {
    const t = Math.max(pi >= 0 ? pos[pi]! : Number.NEGATIVE_INFINITY, ni >= 0 ? neg[ni]! : Number.NEGATIVE_INFINITY);
    while (pi >= 0 && pos[pi]! >= t) {
      pAbove++;
      pi--;
    }
    while (ni >= 0 && neg[ni]! >= t) {
      nAbove++;
      ni--;
    }
    fprs[count] = n ? nAbove / n : 0;
    tprs[count] = p ? pAbove / p : 0;
    thresholds[count] = t;
    count++;
  }
  const point = (i: number): RocPoint => ({ fpr: fprs[i]!, tpr: tprs[i]!, threshold: thresholds[i]! });
  if (count <= maxPoints) return Array.from({ length: count }, (_, i) => point(i));
  // Thin on a log-FPR grid so the 1e-4..1e-2 region stays visible.
  // The origin is always kept: it shares its bucket with the other FPR-0 points, which would replace it.
  const kept: number[] = [0];
  let lastKey = Number.NaN;
  for (let i = 1; i < count; i++) {
    const fpr = fprs[i]!;
    const key = fpr === 0 ? -Infinity : Math.round(Math.log10(fpr) * (maxPoints / 6));
    if (key !== lastKey) kept.push(i);
    else kept[kept.length - 1] = i;
    lastKey = key;
  }
  return kept.map(point);
}
