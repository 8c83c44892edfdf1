/**
 * The contract of `snowman eval --generalisation`: options in, a result out. The report code
 * renders `GeneralisationResult`; the harness fills it. Kept in its own file so both sides can
 * build against it before the other is finished.
 */
import type { Example } from '../data/labelled-files.js';
import type { MemberScores } from './candidate.js';
import type { FoldPlan } from './folds.js';

/**
 * `source`: one malicious source file held out (leave-one-source-out).
 * `family`: one DGA family held out (leave-family-out; families may be held out in groups, the
 * row is still per family). `random`: a seeded random group split, reported beside the others only.
 * `benign-list`: one benign list held out of training and used as the negatives (leave-one-benign-list-out),
 * against the random split's held-out positives.
 */
export type FoldKind = 'source' | 'family' | 'random' | 'benign-list';

/** One held-out set scored by one model. */
export interface FoldResult {
  readonly kind: FoldKind;
  /** Source file base name (`malicious-phishing-blocklistproject`), family (`dga-tinba`), or `random-malicious` / `random-dga`. */
  readonly heldOut: string;
  /** Training run this row came from (several rows share one run when families are held out in groups). */
  readonly fold: number;
  readonly model: string;
  readonly auc: number;
  /** Recall of the held-out positives at the threshold giving FPR 1e-3 on the held-out benign names. */
  readonly recallAtFpr1e3: number;
  readonly recallAtFpr1e4: number;
  /**
   * Recall at the same FPR 1e-3 threshold over the held-out names that are bare registrable
   * domains (no sub-domain). Blocklists are full of sub-domains and benign lists are not, so
   * "has a sub-domain" alone buys recall on the full rows; here it cannot. Absent when none is bare.
   */
  readonly bareRecallAtFpr1e3?: number;
  readonly nBare?: number;
  /**
   * Share of the row's held-out names at or above the operating thresholds set as the trainer sets
   * them, on the run's validation benign names (FPR 1e-3: flagged *suspicious*; 1e-4: *stopped*, dangerous).
   * Positives for source/family/random rows; the held-out benign list's own names for benign-list rows.
   */
  readonly flagged?: number;
  readonly stopped?: number;
  readonly nPositives: number;
  readonly nNegatives: number;
}

/** Means over a set of rows. */
export interface RowMeans {
  readonly auc: number;
  readonly recallAtFpr1e3: number;
  readonly recallAtFpr1e4?: number;
  readonly flagged?: number;
  readonly stopped?: number;
  readonly folds: number;
}

/** Means per model over the rows of each kind; these decide which scorer ships. */
export interface ModelMeans {
  readonly model: string;
  readonly source: {
    readonly auc: number;
    readonly recallAtFpr1e3: number;
    readonly folds: number;
    readonly bareRecallAtFpr1e3?: number;
    readonly recallAtFpr1e4?: number;
    readonly flagged?: number;
    readonly stopped?: number;
  };
  readonly family: {
    readonly auc: number;
    readonly recallAtFpr1e3: number;
    readonly folds: number;
    readonly recallAtFpr1e4?: number;
    readonly flagged?: number;
    readonly stopped?: number;
  };
  /** Word-based DGA families (DICTIONARY_FAMILIES), a subset of the family rows. */
  readonly dictionary?: RowMeans;
  /** Leave-one-benign-list-out rows: `flagged` / `stopped` are the held-out lists' false-alarm shares. */
  readonly benignList?: RowMeans;
  /**
   * Share of held-out benign names with a service sub-domain (mail-like labels, see
   * subdomain-probe.ts) flagged at the FPR 1e-3 threshold set on the bare names; about 0.001 when
   * the model has not learned "has a sub-domain" = malicious. Mean over the held-out runs.
   */
  readonly subdomainFlagged?: number;
  /** Random split: mean of its malicious and DGA rows (null when the random fold was not run). */
  readonly random: { readonly auc: number; readonly recallAtFpr1e3: number } | null;
}

/** Cost of a model: time spent training and scoring over all folds, and per-name scoring cost. */
export interface ModelCost {
  readonly model: string;
  readonly trainSeconds: number;
  /** Microseconds per name when scoring in batches (this machine, Node, single thread). */
  readonly scoreMicrosPerName: number;
}

/**
 * How one benign list fares under one model: the share of its held-out names flagged at the
 * threshold that gives FPR 1e-3 over all held-out benign names (averaged over the held-out
 * folds). Long-tail lists flagged far more than top lists would mean the model learned "not
 * popular" rather than "malicious".
 */
export interface BenignSourceRow {
  readonly model: string;
  readonly source: string;
  readonly n: number;
  readonly flaggedAtFpr1e3: number;
  /** The same at the FPR 1e-2 threshold: more names, so a popularity bias shows up more clearly. */
  readonly flaggedAtFpr1e2?: number;
  /** Median score as a percentile of all held-out benign scores (0.5 = typical). */
  readonly medianPercentile: number;
}

export interface GeneralisationProtocol {
  /** Share of benign registrable domains held out of every fold's training and used as negatives. */
  readonly benignHoldoutShare: number;
  /** DGA families held out together in one training run. */
  readonly familyGroups: readonly (readonly string[])[];
  /** Malicious source held out in each training run (null: none in that run). */
  readonly sourceByFold: readonly (string | null)[];
  /** Training caps applied to keep the run affordable (names per source file, total). */
  readonly maxTrainPerSource: number;
  /** Held-out positives scored per source or family at most (seeded sample). */
  readonly maxEvalPerSource: number;
  readonly epochs: number;
  readonly seed: number;
  /** Plain-language description of the shortcuts taken (subsampling, grouped folds, epochs). */
  readonly notes: readonly string[];
}

export interface GeneralisationResult {
  readonly createdAt: string;
  readonly dataDir: string;
  readonly models: readonly string[];
  /** What each model is (registry descriptions). */
  readonly descriptions?: Readonly<Record<string, string>>;
  readonly protocol: GeneralisationProtocol;
  readonly folds: readonly FoldResult[];
  readonly means: readonly ModelMeans[];
  readonly costs: readonly ModelCost[];
  readonly benignBySource: readonly BenignSourceRow[];
  readonly runSeconds: number;
}

export interface GeneralisationOptions {
  /** Directory of benign-/malicious-/dga- list files (default ../shared/data). */
  readonly dataDir?: string;
  /** Model names from the candidate registry (default: ngram, seed and the registered ensembles). */
  readonly models?: readonly string[];
  /** Training epochs per fold for the models that take epochs. */
  readonly epochs?: number;
  /** Number of training runs (DGA families are spread over them; malicious sources one per run). */
  readonly folds?: number;
  readonly seed?: number;
  /** Cap on training names taken from any one source file (seeded sample). */
  readonly maxTrainPerSource?: number;
  /** Cap on held-out positives scored per source or family (seeded sample). */
  readonly maxEvalPerSource?: number;
  /** Share of benign registrable domains held out as negatives (default 0.25). */
  readonly benignHoldoutShare?: number;
  /** Also run the random group split (default true). */
  readonly random?: boolean;
  /** Also run leave-one-benign-list-out (default true). */
  readonly benignLists?: boolean;
  /** Directory for cached per-fold scores (reruns skip models already trained with the same settings). */
  readonly cacheDir?: string;
  /** Run only these training runs (0-based plan indices), e.g. to spread one comparison over processes sharing a cache. */
  readonly onlyFolds?: readonly number[];
  /** With `cacheDir`: score only the folds on which every candidate is already cached, train nothing. */
  readonly cachedOnly?: boolean;
  /** Progress lines (default: none). */
  readonly log?: (line: string) => void;
  /** Called once per fold with every trained member's scores, for analyses beyond the rows (threshold recipes). */
  readonly onFold?: (fold: FoldScores) => void | Promise<void>;
}

/**
 * One fold as the harness scored it. Every member's `eval` scores follow this layout: held-out
 * benign names | sub-domain probe | positives by key in order | calibration names.
 */
export interface FoldScores {
  readonly plan: FoldPlan;
  /** What the run's members trained on (after the caps and the validation split). */
  readonly train: readonly Example[];
  readonly negatives: readonly Example[];
  readonly probeLength: number;
  readonly probeHosts: readonly string[];
  readonly positives: readonly { readonly key: string; readonly examples: readonly Example[] }[];
  /** Benign-list runs: the other lists' held-out names (FoldData.calibration, capped per list); else empty. */
  readonly calibration: readonly Example[];
  readonly validation: readonly Example[];
  readonly members: ReadonlyMap<string, MemberScores>;
}
