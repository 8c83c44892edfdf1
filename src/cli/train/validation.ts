/**
 * Per-epoch validation: probabilities for the validation names and the AUCs early stopping and the
 * progress line use. The combined score is the highest head, as the scorer reports it.
 */
import { auc } from '../metrics.js';
import type { Label } from '../data/labelled-files.js';

export interface ValidationMetrics {
  /** AUC of the combined score, every non-benign name against benign names. */
  readonly auc: number;
  /** AUC of the combined score per non-benign label against benign names. */
  readonly aucByLabel: Partial<Record<Exclude<Label, 'benign'>, number>>;
}

/** Highest head per row of a [count × heads] probability matrix. */
export function combinedScores(probabilities: Float32Array, heads: number): Float32Array {
  const count = probabilities.length / heads;
  const out = new Float32Array(count);
  for (let i = 0; i < count; i++) {
    let best = probabilities[i * heads]!;
    for (let h = 1; h < heads; h++) best = Math.max(best, probabilities[i * heads + h]!);
    out[i] = best;
  }
  return out;
}

/** AUCs of `scores` against `labels` (same order). */
export function validationMetrics(scores: Float32Array, labels: readonly Label[]): ValidationMetrics {
  const benign: number[] = [];
  const positives: number[] = [];
  const byLabel: Record<string, number[]> = { malicious: [], dga: [] };
  labels.forEach((label, i) => {
    const s = scores[i]!;
    if (label === 'benign') benign.push(s);
    else {
      positives.push(s);
      byLabel[label]!.push(s);
    }
  });
  const aucByLabel: Partial<Record<Exclude<Label, 'benign'>, number>> = {};
  for (const label of ['malicious', 'dga'] as const)
    if (byLabel[label]!.length > 0) aucByLabel[label] = auc(byLabel[label]!, benign);
  return { auc: auc(positives, benign), aucByLabel };
}
