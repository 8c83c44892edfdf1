/**
 * The threshold and blend-weight screen: for one scored fold, the shipped members blended at a
 * given CNN weight, each head and the union thresholded by a recipe on a benign reference set,
 * and what that does at the operating point (held-out positives flagged, held-out benign names
 * flagged per list, the sub-domain probe). It trains nothing: it reads the members' scores.
 */
import { auc, recallAtFpr, shareAtOrAbove } from '../metrics.js';
import type { MemberScores } from './candidate.js';
import { meanOfLogits } from './combine.js';
import { groupByList, recipeShifts, recipeThreshold, shiftedMax, type ThresholdRecipe } from './threshold-recipes.js';
import type { FoldScores } from './types.js';
import { hashString } from '../data/split.js';

/**
 * Where the thresholds are chosen: the run's validation benign names (what the trainer has), the
 * held-out share of the other lists, or a calibration hold-out (`holdout`: what `snowman train
 * --calibration-holdout` has, a share of every benign list never trained on).
 */
export type Reference = 'validation' | 'held-out-share' | 'holdout';

/**
 * Share of the held-out benign registrable domains that plays the calibration hold-out: the
 * harness holds out 25 % of them, so 40 % of those are 10 % of every list, the trainer's share.
 */
export const HOLDOUT_OF_HELD_OUT = 0.4;

/** Whether a held-out benign registrable domain belongs to the calibration hold-out part (seeded hash). */
export function inHoldoutPart(group: string, seed = 1): boolean {
  return hashString(group, seed ^ 0x63616c) / 2 ** 32 < HOLDOUT_OF_HELD_OUT;
}

export interface ScreenSetting {
  /** Candidate names, CNN first, and their logit weights (summing to 1). */
  readonly members: readonly string[];
  readonly weights: readonly number[];
  readonly recipe: ThresholdRecipe;
  readonly reference: Reference;
  /**
   * Score every setting on the same names when comparing with `holdout`: held-out runs' negatives
   * and probe lose the hold-out part, benign-list runs' calibration keeps only it.
   */
  readonly splitNegatives?: boolean;
}

/** One row of the screen: a held-out set at one setting. */
export interface ScreenRow {
  readonly setting: string;
  readonly fold: number;
  readonly kind: 'source' | 'family' | 'benign-list';
  readonly key: string;
  readonly auc: number;
  readonly recallAtFpr1e3: number;
  readonly recallAtFpr1e4: number;
  /** Positives (benign-list rows: the held-out list's names) at or above the suspicious / dangerous thresholds. */
  readonly flagged: number;
  readonly stopped: number;
  /** Held-out runs: the sub-domain probe at the suspicious threshold (not the bare names' FPR 1e-3 threshold). */
  readonly probeFlagged?: number;
  /** Held-out runs: the held-out benign names (all lists) at or above the suspicious threshold. */
  readonly benignFlagged?: number;
  /** Benign-list rows: the random split's held-out positives flagged at suspicious (recall at the operating point). */
  readonly positivesFlagged?: number;
}

/** A setting's name in the screen's tables. */
export function settingName(s: ScreenSetting): string {
  const w = s.weights.map((x) => Math.round(x * 100)).join('-');
  return `w${w} ${s.recipe} on ${s.reference}`;
}

/** Per-head blended logits of `members` (a one-head member serves every category), as perHeadMean does. */
export function blendHeads(
  members: readonly MemberScores[],
  weights: readonly number[],
  which: 'evalHeads' | 'validationHeads',
): Float32Array[] {
  const categories = [...new Set(members.flatMap((m) => (m.categories.length > 1 ? m.categories : [])))];
  if (categories.length === 0) categories.push(members[0]!.categories[0]!);
  return categories.map((c) =>
    meanOfLogits(
      members.map((m) => (m.categories.length === 1 ? m[which][0]! : m[which][m.categories.indexOf(c)]!)),
      weights,
    ),
  );
}

function pick(heads: readonly Float32Array[], indices: readonly number[]): Float32Array[] {
  return heads.map((h) => Float32Array.from(indices, (i) => h[i]!));
}

/**
 * The screen's rows for one fold and one setting. `alsoFlagged` (one entry per held-out score,
 * in the fold's layout) marks names a rule outside the model flags anyway, such as a lookalike
 * finding: they count as flagged and stopped whatever their score.
 */
export function screenFold(
  fold: FoldScores,
  setting: ScreenSetting,
  alsoFlagged?: Uint8Array,
  label = settingName(setting),
): ScreenRow[] {
  const members = setting.members.map((m) => {
    const s = fold.members.get(m);
    if (!s) throw new Error(`member ${m} was not scored on fold ${fold.plan.index}`);
    return s;
  });
  const evalHeads = blendHeads(members, setting.weights, 'evalHeads');
  const nNeg = fold.negatives.length;
  const positivesStart = nNeg + fold.probeLength;
  const calibrationStart = positivesStart + fold.positives.reduce((s, p) => s + p.examples.length, 0);
  const heldOutRun = fold.plan.kind !== 'benign-list';
  const split = setting.splitNegatives === true || setting.reference === 'holdout';
  // Held-out runs: which negatives (and probe names, by their bare host) form the hold-out part.
  const holdoutNeg = fold.negatives.map((e) => heldOutRun && split && inHoldoutPart(e.group));
  const indexOfHost = new Map(fold.negatives.map((e, i) => [e.host, i]));
  const holdoutProbe = fold.probeHosts.map((h) => {
    const i = indexOfHost.get(h.slice(h.indexOf('.') + 1));
    return i !== undefined && holdoutNeg[i]!;
  });
  const calibrationIdx = fold.calibration.flatMap((e, i) =>
    !split || inHoldoutPart(e.group) ? [calibrationStart + i] : [],
  );
  let refHeads: Float32Array[];
  let refLists: string[];
  if (setting.reference === 'validation') {
    const benign = fold.validation.flatMap((e, i) => (e.label === 'benign' ? [i] : []));
    refHeads = pick(blendHeads(members, setting.weights, 'validationHeads'), benign);
    refLists = benign.map((i) => fold.validation[i]!.source);
  } else if (setting.reference === 'holdout' && heldOutRun) {
    const idx = fold.negatives.flatMap((_, i) => (holdoutNeg[i] ? [i] : []));
    refHeads = pick(evalHeads, idx);
    refLists = idx.map((i) => fold.negatives[i]!.source);
  } else {
    if (calibrationIdx.length === 0) return [];
    refHeads = pick(evalHeads, calibrationIdx);
    refLists = calibrationIdx.map((i) => fold.calibration[i - calibrationStart]!.source);
  }
  const shifts = recipeShifts(setting.recipe, refHeads, refLists, 1e-3);
  const refDecision = groupByList(shiftedMax(refHeads, shifts), refLists);
  const suspicious = recipeThreshold(setting.recipe, refDecision, 1e-3);
  const dangerous = recipeThreshold(setting.recipe, refDecision, 1e-4);
  const decision = shiftedMax(evalHeads, shifts);
  if (alsoFlagged) for (let i = 0; i < decision.length; i++) if (alsoFlagged[i]) decision[i] = Number.POSITIVE_INFINITY;
  const negatives = decision.subarray(0, nNeg).filter((_, i) => !holdoutNeg[i]);
  const probe = decision.subarray(nNeg, positivesStart).filter((_, i) => !holdoutProbe[i]);
  const name = label;
  const rows: ScreenRow[] = [];
  let offset = positivesStart;
  for (const { key, examples } of fold.positives) {
    const own = decision.subarray(offset, offset + examples.length);
    offset += examples.length;
    const common = {
      setting: name,
      fold: fold.plan.index,
      key,
      auc: auc(own, negatives),
      recallAtFpr1e3: recallAtFpr(own, negatives, 1e-3),
      recallAtFpr1e4: recallAtFpr(own, negatives, 1e-4),
    };
    if (fold.plan.kind === 'benign-list')
      rows.push({
        ...common,
        kind: 'benign-list',
        key: fold.plan.benignList!,
        flagged: shareAtOrAbove(negatives, suspicious),
        stopped: shareAtOrAbove(negatives, dangerous),
        positivesFlagged: shareAtOrAbove(own, suspicious),
      });
    else
      rows.push({
        ...common,
        kind: key.startsWith('dga-') ? 'family' : 'source',
        flagged: shareAtOrAbove(own, suspicious),
        stopped: shareAtOrAbove(own, dangerous),
        probeFlagged: shareAtOrAbove(probe, suspicious),
        benignFlagged: shareAtOrAbove(negatives, suspicious),
      });
  }
  return rows;
}
