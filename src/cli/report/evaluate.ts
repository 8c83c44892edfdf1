/**
 * Scored files → the numbers `snowman eval` prints: per class AUC and recall at fixed
 * false-positive rates, per file the share flagged at the shipped thresholds, ROC curves and
 * histograms for the report. Pure: no I/O, so tests feed it hand-made scores.
 */
import { auc, rocCurve, thresholdAtFpr, shareAtOrAbove, type RocPoint } from '../metrics.js';
import type { ModelMetadata } from '../../core/model/metadata.js';
import type { Label } from '../data/labelled-files.js';
import type { ScoredFile } from './scored-files.js';

export const FPR_TARGETS = [1e-2, 1e-3, 1e-4] as const;
export const HISTOGRAM_BINS = 50;

/** A head name, or `max` (highest head probability) when the model has no head for a class. */
export type ScoreColumn = string;

export interface RecallAtFpr {
  readonly fpr: number;
  readonly threshold: number;
  readonly recall: number;
  /** False when there are fewer than 1/fpr benign names: the threshold then sits above every benign score. */
  readonly resolved: boolean;
}

/** Share of names at or above each shipped level (model thresholds, and the full decision). */
export interface ShippedRates {
  readonly suspicious: number;
  readonly dangerous: number;
  /** Share the full decision (allowlist, lookalikes) marks suspicious or dangerous. */
  readonly verdict: number;
}

export interface ClassMetrics {
  readonly label: Exclude<Label, 'benign'> | 'all';
  readonly column: ScoreColumn;
  readonly positives: number;
  readonly negatives: number;
  readonly auc: number;
  readonly recall: readonly RecallAtFpr[];
  readonly shipped: ShippedRates;
  readonly roc: readonly RocPoint[];
}

export interface FileMetrics {
  readonly source: string;
  readonly path: string;
  readonly label: Label;
  readonly names: number;
  readonly rejected: number;
  readonly duplicates: number;
  readonly column: ScoreColumn;
  /** Against all benign names (null for benign files). */
  readonly auc: number | null;
  readonly recallAtFpr1e3: number | null;
  /** For benign files these are false-positive rates. */
  readonly shipped: ShippedRates;
  readonly histogram: readonly number[];
}

export interface Histogram {
  readonly column: ScoreColumn;
  /** Counts per class over HISTOGRAM_BINS equal bins of [0, 1]. */
  readonly byLabel: Readonly<Partial<Record<Label, readonly number[]>>>;
}

export interface EvalResult {
  readonly model: {
    readonly version: string;
    readonly architecture: string;
    readonly heads: readonly string[];
    readonly thresholds: ModelMetadata['thresholds'];
    readonly backend: string;
    readonly engine: string;
  };
  /** Size of the popular-site list behind the verdict column (allowlist, lookalikes); null: model-only verdicts. */
  readonly popularSites: number | null;
  readonly benign: { readonly names: number; readonly shipped: ShippedRates };
  readonly classes: readonly ClassMetrics[];
  readonly files: readonly FileMetrics[];
  readonly histograms: readonly Histogram[];
}

/** The score column used for a class: its own head when the model has one, else the highest head. */
export function columnFor(label: Label | 'all', heads: readonly string[]): ScoreColumn {
  return label !== 'all' && label !== 'benign' && heads.includes(label)
    ? label
    : heads.length === 1
      ? heads[0]!
      : 'max';
}

/** The values of one score column for a file. */
export function columnValues(file: ScoredFile, column: ScoreColumn, heads: readonly string[]): Float32Array {
  const h = heads.indexOf(column);
  if (h >= 0) return file.heads[h]!;
  const n = file.modelLevels.length;
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    let best = 0;
    for (const head of file.heads) if (head[i]! > best) best = head[i]!;
    out[i] = best;
  }
  return out;
}

function concat(parts: readonly Float32Array[]): Float32Array {
  const out = new Float32Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}

function shippedRates(files: readonly ScoredFile[]): ShippedRates {
  let n = 0;
  let suspicious = 0;
  let dangerous = 0;
  let verdict = 0;
  for (const f of files) {
    n += f.modelLevels.length;
    for (let i = 0; i < f.modelLevels.length; i++) {
      if (f.modelLevels[i]! >= 1) suspicious++;
      if (f.modelLevels[i]! >= 2) dangerous++;
      if (f.verdictLevels[i]! >= 1) verdict++;
    }
  }
  return n === 0
    ? { suspicious: NaN, dangerous: NaN, verdict: NaN }
    : { suspicious: suspicious / n, dangerous: dangerous / n, verdict: verdict / n };
}

/** Counts of `values` over `bins` equal bins of [0, 1] (1.0 falls in the last bin). */
export function histogram(values: ArrayLike<number>, bins = HISTOGRAM_BINS): number[] {
  const counts = new Array<number>(bins).fill(0);
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (!(v >= 0)) continue;
    counts[Math.min(bins - 1, Math.floor(v * bins))]!++;
  }
  return counts;
}

function recallRows(positives: Float32Array, negatives: Float32Array): RecallAtFpr[] {
  return FPR_TARGETS.map((fpr) => {
    if (negatives.length === 0 || positives.length === 0) return { fpr, threshold: NaN, recall: NaN, resolved: false };
    const threshold = thresholdAtFpr(negatives, fpr);
    return { fpr, threshold, recall: shareAtOrAbove(positives, threshold), resolved: negatives.length * fpr >= 1 };
  });
}

/** Computes every number of the evaluation from scored files. */
export function evaluate(
  files: readonly ScoredFile[],
  metadata: ModelMetadata,
  run: { backend: string; engine: string; popularSites?: number | null },
): EvalResult {
  const heads = metadata.architecture.heads as readonly string[];
  const benignFiles = files.filter((f) => f.label === 'benign');
  const benignOf = (column: ScoreColumn) => concat(benignFiles.map((f) => columnValues(f, column, heads)));

  const positiveLabels = (['malicious', 'dga'] as const).filter((label) => files.some((f) => f.label === label));
  const classLabels: ClassMetrics['label'][] =
    positiveLabels.length > 1 ? [...positiveLabels, 'all'] : [...positiveLabels];
  const classes = classLabels.map((label): ClassMetrics => {
    const column = columnFor(label, heads);
    const members = files.filter((f) => (label === 'all' ? f.label !== 'benign' : f.label === label));
    const positives = concat(members.map((f) => columnValues(f, column, heads)));
    const negatives = benignOf(column);
    return {
      label,
      column,
      positives: positives.length,
      negatives: negatives.length,
      auc: auc(positives, negatives),
      recall: recallRows(positives, negatives),
      shipped: shippedRates(members),
      roc: positives.length && negatives.length ? rocCurve(positives, negatives) : [],
    };
  });

  const fileRows = files.map((f): FileMetrics => {
    const column = columnFor(f.label, heads);
    const values = columnValues(f, column, heads);
    const negatives = f.label === 'benign' ? null : benignOf(column);
    return {
      source: f.summary.source,
      path: f.summary.path,
      label: f.label,
      names: values.length,
      rejected: f.summary.rejected,
      duplicates: f.summary.duplicates,
      column,
      auc: negatives ? auc(values, negatives) : null,
      recallAtFpr1e3:
        negatives && negatives.length && values.length ? shareAtOrAbove(values, thresholdAtFpr(negatives, 1e-3)) : null,
      shipped: shippedRates([f]),
      histogram: histogram(values),
    };
  });

  const columns = Array.from(new Set([...heads, ...(heads.length > 1 ? ['max'] : [])]));
  const histograms = columns.map((column): Histogram => {
    const byLabel: Partial<Record<Label, number[]>> = {};
    for (const label of ['benign', 'malicious', 'dga'] as const) {
      const members = files.filter((f) => f.label === label);
      if (members.length) byLabel[label] = histogram(concat(members.map((f) => columnValues(f, column, heads))));
    }
    return { column, byLabel };
  });

  return {
    model: {
      version: metadata.version,
      architecture: metadata.architecture.name,
      heads,
      thresholds: metadata.thresholds,
      backend: run.backend,
      engine: run.engine,
    },
    popularSites: run.popularSites ?? null,
    benign: { names: benignFiles.reduce((n, f) => n + f.modelLevels.length, 0), shipped: shippedRates(benignFiles) },
    classes,
    files: fileRows,
    histograms,
  };
}
