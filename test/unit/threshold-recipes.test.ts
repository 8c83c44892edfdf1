import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { shareAtOrAbove, thresholdAtFpr } from '../../src/cli/metrics.js';
import {
  everyListThreshold,
  groupByList,
  listBalancedThreshold,
  pooledThreshold,
  recipeShifts,
  shiftedMax,
} from '../../src/cli/generalisation/threshold-recipes.js';

const score = fc.integer({ min: -50, max: 50 }).map((x) => Math.fround(x / 8));
const lists = fc.array(fc.array(score, { minLength: 1, maxLength: 60 }), { minLength: 1, maxLength: 5 });
const budget = fc.constantFrom(0, 0.01, 0.05, 0.2);

const meanFpr = (byList: number[][], t: number) => byList.reduce((s, l) => s + shareAtOrAbove(l, t), 0) / byList.length;

describe('threshold recipes', () => {
  it('pooled is the FPR threshold of all names together', () => {
    const byList = [[0.1, 0.2, 0.9], [0.3]];
    expect(pooledThreshold(byList, 0.25)).toBe(thresholdAtFpr([0.1, 0.2, 0.9, 0.3], 0.25));
  });

  it('every-list keeps a small list within budget where pooling does not', () => {
    // 1,000 names of a big list at 0 and a 10-name list with one high score: pooled flags it, every-list may not.
    const big = new Array<number>(1000).fill(0);
    const small = [5, ...new Array<number>(9).fill(0)];
    const pooled = pooledThreshold([big, small], 0.001);
    expect(shareAtOrAbove(small, pooled)).toBeCloseTo(0.1, 9);
    const strict = everyListThreshold([big, small], 0.001);
    expect(shareAtOrAbove(small, strict)).toBe(0);
    expect(shareAtOrAbove(big, strict)).toBe(0);
  });

  it('every-list respects the budget on each list and is the lowest threshold that does', () => {
    fc.assert(
      fc.property(lists, budget, (byList, b) => {
        const t = everyListThreshold(byList, b);
        for (const l of byList) expect(shareAtOrAbove(l, t)).toBeLessThanOrEqual(b + 1e-12);
        const lower = Math.max(...byList.flat().filter((x) => x < t));
        if (Number.isFinite(lower)) expect(byList.some((l) => shareAtOrAbove(l, lower) > b + 1e-12)).toBe(true);
      }),
    );
  });

  it('list-balanced keeps the mean FPR over lists within budget and is the lowest threshold that does', () => {
    fc.assert(
      fc.property(lists, budget, (byList, b) => {
        const t = listBalancedThreshold(byList, b);
        expect(meanFpr(byList, t)).toBeLessThanOrEqual(b + 1e-12);
        const lower = Math.max(...byList.flat().filter((x) => x < t));
        if (Number.isFinite(lower)) expect(meanFpr(byList, lower)).toBeGreaterThan(b + 1e-12);
      }),
    );
  });

  it('list-balanced weighs a small list as much as a big one', () => {
    const big = new Array<number>(1000).fill(0);
    const small = [5, ...new Array<number>(9).fill(0)]; // one name = 5 % of the mean FPR, over a 1 % budget
    expect(shareAtOrAbove(small, listBalancedThreshold([big, small], 0.01))).toBe(0);
    expect(shareAtOrAbove(small, listBalancedThreshold([big, small], 0.05))).toBeCloseTo(0.1, 9);
  });

  it('groups scores by list and shifts each head to its own threshold', () => {
    const byList = groupByList([1, 2, 3, 4], ['a', 'b', 'a', 'b']);
    expect(byList.map((l) => [...l])).toEqual([
      [1, 3],
      [2, 4],
    ]);
    const heads = [Float32Array.from([0, 1, 2, 3]), Float32Array.from([10, 10, 10, 20])];
    const shifts = recipeShifts('every-list', heads, ['a', 'a', 'b', 'b'], 0);
    expect(shifts[0]).toBeGreaterThan(3);
    expect(shifts[1]).toBeGreaterThan(20);
    // With budget 0 no reference name reaches its head's threshold, so none reaches 0 after shifting.
    expect(Math.max(...shiftedMax(heads, shifts))).toBeLessThan(0);
  });
});
