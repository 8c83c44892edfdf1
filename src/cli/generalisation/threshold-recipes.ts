/**
 * Ways to set an operating threshold from benign reference names that come from several lists.
 * The trainer pools them (FPR over all names), so the big top lists decide and a small long-tail
 * list may sit far above the budget; the alternatives here give every list a say. All return a
 * threshold t: a name is flagged when its score is at or above t.
 */
import { nextFloat32Up, thresholdAtFpr } from '../metrics.js';

export type ThresholdRecipe = 'pooled' | 'every-list' | 'list-balanced';

export const THRESHOLD_RECIPES: readonly ThresholdRecipe[] = ['pooled', 'every-list', 'list-balanced'];

/** Scores of benign reference names, one array per list (empty lists are ignored). */
export type ScoresByList = readonly ArrayLike<number>[];

/** FPR `budget` over all names of all lists together (the trainer's rule). */
export function pooledThreshold(byList: ScoresByList, budget: number): number {
  const all: number[] = [];
  for (const list of byList) for (let i = 0; i < list.length; i++) all.push(list[i]!);
  return thresholdAtFpr(all, budget);
}

/** The lowest threshold that keeps every list within `budget` on its own. */
export function everyListThreshold(byList: ScoresByList, budget: number): number {
  const lists = byList.filter((l) => l.length > 0);
  if (lists.length === 0) throw new Error('everyListThreshold needs at least one benign score');
  return Math.max(...lists.map((l) => thresholdAtFpr(l, budget)));
}

/**
 * The lowest threshold whose mean false-positive rate over the lists (each list weighing the
 * same, whatever its size) is at most `budget`. Tied scores are flagged together.
 */
export function listBalancedThreshold(byList: ScoresByList, budget: number): number {
  const lists = byList.filter((l) => l.length > 0);
  if (lists.length === 0) throw new Error('listBalancedThreshold needs at least one benign score');
  const items: { score: number; weight: number }[] = [];
  for (const list of lists)
    for (let i = 0; i < list.length; i++) items.push({ score: list[i]!, weight: 1 / (lists.length * list.length) });
  items.sort((a, b) => b.score - a.score);
  let spent = 0;
  for (let i = 0; i < items.length;) {
    const score = items[i]!.score;
    let weight = 0;
    let j = i;
    for (; j < items.length && items[j]!.score === score; j++) weight += items[j]!.weight;
    // Flagging this tie group would exceed the budget: the threshold sits just above it.
    if (spent + weight > budget + 1e-12) return nextFloat32Up(score);
    spent += weight;
    i = j;
  }
  return items[items.length - 1]!.score;
}

/** The threshold `recipe` sets on `byList` at `budget`. */
export function recipeThreshold(recipe: ThresholdRecipe, byList: ScoresByList, budget: number): number {
  if (recipe === 'pooled') return pooledThreshold(byList, budget);
  if (recipe === 'every-list') return everyListThreshold(byList, budget);
  return listBalancedThreshold(byList, budget);
}

/** Groups `scores` by `lists[i]` (the list each name came from), in first-seen order of the lists. */
export function groupByList(scores: ArrayLike<number>, lists: readonly string[]): Float32Array[] {
  const byList = new Map<string, number[]>();
  for (let i = 0; i < lists.length; i++) {
    let group = byList.get(lists[i]!);
    if (!group) byList.set(lists[i]!, (group = []));
    group.push(scores[i]!);
  }
  return [...byList.values()].map((g) => Float32Array.from(g));
}

/**
 * Per-head decision under a recipe: each head is shifted so its own recipe threshold sits at 0,
 * a name takes its worst head (as the verdict does), and the union gets the recipe's threshold
 * too, so the flagged share of every reference list stays what the recipe promises.
 */
export function recipeShifts(
  recipe: ThresholdRecipe,
  referenceHeads: readonly ArrayLike<number>[],
  lists: readonly string[],
  budget: number,
): number[] {
  return referenceHeads.map((head) => recipeThreshold(recipe, groupByList(head, lists), budget));
}

/** max over heads of (head − shift): the decision score the union threshold applies to. */
export function shiftedMax(heads: readonly ArrayLike<number>[], shifts: readonly number[]): Float32Array {
  const n = heads[0]!.length;
  const out = new Float32Array(n).fill(Number.NEGATIVE_INFINITY);
  heads.forEach((head, h) => {
    for (let i = 0; i < n; i++) out[i] = Math.max(out[i]!, head[i]! - shifts[h]!);
  });
  return out;
}
