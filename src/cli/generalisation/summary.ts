/** Per-fold metrics and the means that decide which scorer ships. */
import { auc, recallAtFpr, thresholdAtFpr } from '../metrics.js';
import type { BenignSourceRow, FoldKind, FoldResult, ModelMeans, RowMeans } from './types.js';

/** Mean of finite values (NaN when there are none). */
export function mean(values: readonly number[]): number {
  const finite = values.filter((v) => Number.isFinite(v));
  return finite.length === 0 ? Number.NaN : finite.reduce((a, b) => a + b, 0) / finite.length;
}

/** Word-based DGA families: their names are dictionary words or morphemes glued together, not random letters. */
export const DICTIONARY_FAMILIES: readonly string[] = [
  'dga-matsnu',
  'dga-nivdort',
  'dga-rovnix',
  'dga-pushdo',
  'dga-ngioweb',
];

/** Operating thresholds of a run (the trainer's: FPR 1e-3 and 1e-4 on validation benign names). */
export interface OperatingThresholds {
  readonly suspicious: number;
  readonly dangerous: number;
}

/** Thresholds at FPR 1e-3 / 1e-4 of `validationBenign` scores, as the trainer sets them. */
export function operatingThresholds(validationBenign: ArrayLike<number>): OperatingThresholds {
  return { suspicious: thresholdAtFpr(validationBenign, 1e-3), dangerous: thresholdAtFpr(validationBenign, 1e-4) };
}

function shareAtOrAbove(scores: ArrayLike<number>, t: number): number {
  let n = 0;
  for (let i = 0; i < scores.length; i++) if (scores[i]! >= t) n++;
  return scores.length === 0 ? Number.NaN : n / scores.length;
}

/**
 * One row: a held-out set's positives against the held-out benign names. With `operating`,
 * also the share of `flaggedOf` (default the positives) flagged and stopped at those thresholds.
 */
export function foldRow(
  kind: FoldKind,
  heldOut: string,
  fold: number,
  model: string,
  positives: Float32Array,
  negatives: Float32Array,
  bare?: readonly boolean[],
  operating?: OperatingThresholds,
  flaggedOf: Float32Array = positives,
): FoldResult {
  const bareScores = bare ? positives.filter((_, i) => bare[i]) : new Float32Array(0);
  return {
    kind,
    heldOut,
    fold,
    model,
    auc: auc(positives, negatives),
    recallAtFpr1e3: recallAtFpr(positives, negatives, 1e-3),
    recallAtFpr1e4: recallAtFpr(positives, negatives, 1e-4),
    ...(bareScores.length > 0
      ? { bareRecallAtFpr1e3: recallAtFpr(bareScores, negatives, 1e-3), nBare: bareScores.length }
      : {}),
    ...(operating
      ? {
          flagged: shareAtOrAbove(flaggedOf, operating.suspicious),
          stopped: shareAtOrAbove(flaggedOf, operating.dangerous),
        }
      : {}),
    nPositives: positives.length,
    nNegatives: negatives.length,
  };
}

/** Mean bare-name recall over the rows that have one (see FoldResult.bareRecallAtFpr1e3). */
function bareMean(rows: readonly FoldResult[]): { bareRecallAtFpr1e3?: number } {
  const values = rows.flatMap((r) => (r.bareRecallAtFpr1e3 === undefined ? [] : [r.bareRecallAtFpr1e3]));
  return values.length === rows.length && values.length > 0 ? { bareRecallAtFpr1e3: mean(values) } : {};
}

/** Means of every metric over `rows`; the optional ones only when every row has them. */
export function rowMeans(rows: readonly FoldResult[]): RowMeans {
  const optional = (pick: (r: FoldResult) => number | undefined, key: string) => {
    const values = rows.flatMap((r) => (pick(r) === undefined ? [] : [pick(r)!]));
    return values.length === rows.length && values.length > 0 ? { [key]: mean(values) } : {};
  };
  return {
    auc: mean(rows.map((r) => r.auc)),
    recallAtFpr1e3: mean(rows.map((r) => r.recallAtFpr1e3)),
    ...optional((r) => r.recallAtFpr1e4, 'recallAtFpr1e4'),
    ...optional((r) => r.flagged, 'flagged'),
    ...optional((r) => r.stopped, 'stopped'),
    folds: rows.length,
  };
}

/** Means per model over source rows, family rows (all, and the dictionary families), benign-list rows and the random rows. */
export function summarise(rows: readonly FoldResult[], models: readonly string[]): ModelMeans[] {
  return models.map((model) => {
    const of = (kind: FoldKind) => rows.filter((r) => r.model === model && r.kind === kind);
    const source = of('source');
    const family = of('family');
    const random = of('random');
    const dictionary = family.filter((r) => DICTIONARY_FAMILIES.includes(r.heldOut));
    const benignList = of('benign-list');
    return {
      model,
      source: { ...rowMeans(source), ...bareMean(source) },
      family: rowMeans(family),
      ...(dictionary.length > 0 ? { dictionary: rowMeans(dictionary) } : {}),
      ...(benignList.length > 0 ? { benignList: rowMeans(benignList) } : {}),
      random:
        random.length === 0
          ? null
          : { auc: mean(random.map((r) => r.auc)), recallAtFpr1e3: mean(random.map((r) => r.recallAtFpr1e3)) },
    };
  });
}

/** Share flagged and median percentile of each benign list, within one fold's held-out benign names. */
export function benignSourceRows(model: string, scores: Float32Array, sources: readonly string[]): BenignSourceRow[] {
  const threshold = thresholdAtFpr(scores, 1e-3);
  const threshold2 = thresholdAtFpr(scores, 1e-2);
  const sorted = Float64Array.from(scores).sort();
  const percentile = (x: number) => {
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (sorted[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    return lo / sorted.length;
  };
  const bySource = new Map<string, number[]>();
  sources.forEach((s, i) => {
    let list = bySource.get(s);
    if (!list) bySource.set(s, (list = []));
    list.push(scores[i]!);
  });
  return [...bySource]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([source, list]) => {
      list.sort((a, b) => a - b);
      return {
        model,
        source,
        n: list.length,
        flaggedAtFpr1e3: list.filter((x) => x >= threshold).length / list.length,
        flaggedAtFpr1e2: list.filter((x) => x >= threshold2).length / list.length,
        medianPercentile: percentile(list[Math.floor(list.length / 2)]!),
      };
    });
}

/** Averages benign-list rows of the same model and list over folds. */
export function averageBenignRows(rows: readonly BenignSourceRow[]): BenignSourceRow[] {
  const groups = new Map<string, BenignSourceRow[]>();
  for (const r of rows) {
    const key = `${r.model}\u0000${r.source}`;
    let list = groups.get(key);
    if (!list) groups.set(key, (list = []));
    list.push(r);
  }
  return [...groups.values()].map((list) => ({
    model: list[0]!.model,
    source: list[0]!.source,
    n: list[0]!.n,
    flaggedAtFpr1e3: mean(list.map((r) => r.flaggedAtFpr1e3)),
    flaggedAtFpr1e2: mean(list.map((r) => r.flaggedAtFpr1e2 ?? Number.NaN)),
    medianPercentile: mean(list.map((r) => r.medianPercentile)),
  }));
}
