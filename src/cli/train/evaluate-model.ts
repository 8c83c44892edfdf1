/**
 * Thresholds and test metrics for a trained model.
 *
 * Thresholds: per head, on validation benign names, so that the verdict (any head at or above its
 * threshold) flags 1e-3 (suspicious) and 1e-4 (dangerous) of them.
 * Metrics: a name's decision score is its worst head measured against that head's suspicious
 * threshold (logit(p_h) − logit(t_h), max over heads), exactly the order the verdict flags names
 * in; for a one-head model it ranks like the probability. AUC and recall at FPR 1e-3 use that
 * score with the FPR measured on the test benign names.
 */
import { auc, nextFloat32Up, recallAtFpr, shareAtOrAbove } from '../metrics.js';
import type { RiskCategory } from '../../core/model/architecture.js';
import type { HeadThresholds } from '../../core/model/metadata.js';
import type { Example, Label } from '../data/labelled-files.js';
import type { TrainedModel } from './archs.js';

export const SUSPICIOUS_FPR = 1e-3;
export const DANGEROUS_FPR = 1e-4;

function logit(p: number): number {
  const q = Math.min(Math.max(p, 1e-7), 1 - 1e-7);
  return Math.log(q / (1 - q));
}

/** Lowest threshold that lets at most `allowed` of the sorted-descending `scores` reach it. */
function thresholdAllowing(sortedDesc: Float64Array, allowed: number): number {
  return allowed >= sortedDesc.length ? 0 : nextFloat32Up(sortedDesc[allowed]!);
}

/** Scores of `labels === want` rows for head h, sorted descending. */
function headScores(
  probabilities: Float32Array,
  heads: number,
  h: number,
  labels: readonly Label[],
  want: (l: Label) => boolean,
): Float64Array {
  const out: number[] = [];
  labels.forEach((label, i) => want(label) && out.push(probabilities[i * heads + h]!));
  return Float64Array.from(out).sort().reverse();
}

/**
 * Per-head thresholds such that the verdict (a name is flagged when any head reaches its
 * threshold) flags at most `fpr` of the validation benign names. With one head this is the plain
 * FPR threshold. With two, the benign budget is split between the heads: every split is tried and
 * the one with the best mean per-class recall on validation wins — thresholds at `fpr` on each head
 * separately would flag up to twice as many benign names.
 */
export function unionThresholds(
  probabilities: Float32Array,
  heads: number,
  labels: readonly Label[],
  fpr: number,
): number[] {
  const benignRows = labels.flatMap((l, i) => (l === 'benign' ? [i] : []));
  if (benignRows.length === 0) throw new Error('no benign validation names to set thresholds on');
  const allowed = Math.floor(fpr * benignRows.length + 1e-9);
  const sorted = Array.from({ length: heads }, (_, h) =>
    headScores(probabilities, heads, h, labels, (l) => l === 'benign'),
  );
  if (heads === 1) return [thresholdAllowing(sorted[0]!, allowed)];
  if (heads !== 2) return sorted.map((s) => thresholdAllowing(s, allowed));
  const classes = (['malicious', 'dga'] as const).filter((c) => labels.includes(c));
  let best = { score: -1, t: [thresholdAllowing(sorted[0]!, allowed), thresholdAllowing(sorted[1]!, allowed)] };
  for (let k = 0; k <= allowed; k++) {
    // Head 1 takes k benign names; head 0 then gets the largest budget keeping the union within `allowed`.
    const t1 = thresholdAllowing(sorted[1]!, k);
    const rest = benignRows.filter((i) => probabilities[i * 2 + 1]! < t1).map((i) => probabilities[i * 2]!);
    const t0 = thresholdAllowing(
      Float64Array.from(rest).sort().reverse(),
      allowed - Math.min(k, benignRows.length - rest.length),
    );
    let score = 0;
    for (const c of classes) {
      let hit = 0;
      let n = 0;
      labels.forEach((l, i) => {
        if (l !== c) return;
        n++;
        if (probabilities[i * 2]! >= t0 || probabilities[i * 2 + 1]! >= t1) hit++;
      });
      score += hit / n / classes.length;
    }
    if (score > best.score) best = { score, t: [t0, t1] };
  }
  return best.t;
}

/** Worst head against its suspicious threshold, on the logit scale (≥ 0 ⇔ flagged suspicious). */
export function decisionScores(
  heads: readonly RiskCategory[],
  probabilities: Float32Array,
  thresholds: Record<string, HeadThresholds>,
): Float32Array {
  const H = heads.length;
  const shift = heads.map((head) => logit(thresholds[head]!.suspicious));
  const out = new Float32Array(probabilities.length / H);
  for (let i = 0; i < out.length; i++) {
    let best = Number.NEGATIVE_INFINITY;
    for (let h = 0; h < H; h++) best = Math.max(best, logit(probabilities[i * H + h]!) - shift[h]!);
    out[i] = best;
  }
  return out;
}

export interface SourceMetrics {
  readonly source: string;
  readonly label: Label;
  readonly count: number;
  /** Share flagged at the suspicious thresholds (a false-positive rate for benign sources). */
  readonly flaggedAtSuspicious: number;
  /** AUC against all test benign names (non-benign sources). */
  readonly auc?: number;
  readonly recallAtFpr1e3?: number;
}

export interface TestMetrics {
  readonly count: Record<Label, number>;
  readonly auc: number;
  readonly aucByClass: Partial<Record<Label, number>>;
  readonly recallAtFpr1e3: number;
  readonly recallAtFpr1e3ByClass: Partial<Record<Label, number>>;
  /** Share of test benign names flagged at the shipped suspicious / dangerous thresholds. */
  readonly benignFlaggedAtSuspicious: number;
  readonly bySource: readonly SourceMetrics[];
}

/** Test-split metrics for `model` at `thresholds`. */
export function testMetrics(
  model: TrainedModel,
  test: readonly Example[],
  thresholds: Record<string, HeadThresholds>,
): TestMetrics {
  const scores = decisionScores(model.heads, model.predict(test.map((e) => e.host)), thresholds);
  const byLabel: Record<Label, number[]> = { benign: [], malicious: [], dga: [] };
  const bySource = new Map<string, { label: Label; scores: number[] }>();
  test.forEach((e, i) => {
    byLabel[e.label].push(scores[i]!);
    const entry = bySource.get(e.source) ?? { label: e.label, scores: [] };
    entry.scores.push(scores[i]!);
    bySource.set(e.source, entry);
  });
  const benign = byLabel.benign;
  const positives = [...byLabel.malicious, ...byLabel.dga];
  const aucByClass: Partial<Record<Label, number>> = {};
  const recallByClass: Partial<Record<Label, number>> = {};
  for (const label of ['malicious', 'dga'] as const) {
    if (byLabel[label].length === 0) continue;
    aucByClass[label] = auc(byLabel[label], benign);
    recallByClass[label] = recallAtFpr(byLabel[label], benign, SUSPICIOUS_FPR);
  }
  const sources: SourceMetrics[] = [...bySource]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([source, { label, scores: s }]) => ({
      source,
      label,
      count: s.length,
      flaggedAtSuspicious: shareAtOrAbove(s, 0),
      ...(label === 'benign' ? {} : { auc: auc(s, benign), recallAtFpr1e3: recallAtFpr(s, benign, SUSPICIOUS_FPR) }),
    }));
  return {
    count: { benign: benign.length, malicious: byLabel.malicious.length, dga: byLabel.dga.length },
    auc: auc(positives, benign),
    aucByClass,
    recallAtFpr1e3: recallAtFpr(positives, benign, SUSPICIOUS_FPR),
    recallAtFpr1e3ByClass: recallByClass,
    benignFlaggedAtSuspicious: shareAtOrAbove(benign, 0),
    bySource: sources,
  };
}
