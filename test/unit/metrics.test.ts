import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { auc, nextFloat32Up, recallAtFpr, rocCurve, shareAtOrAbove, thresholdAtFpr } from '../../src/cli/metrics.js';

/** Every (positive, negative) pair: 1 when the positive ranks higher, 1/2 on a tie. */
function bruteAuc(pos: number[], neg: number[]): number {
  let sum = 0;
  for (const p of pos) for (const n of neg) sum += p > n ? 1 : p === n ? 0.5 : 0;
  return sum / (pos.length * neg.length);
}

/** i/n for i = 0..n-1, as float32 like model scores. */
const evenNegatives = (n: number) => Float32Array.from({ length: n }, (_, i) => i / n);

describe('auc', () => {
  it('counts ties as one half (hand-worked: 5 of 6 pairs)', () => {
    // Pairs: 0.9 beats both; each 0.5 ties 0.5 (½) and beats 0.1 (1): 1 + 1 + 1.5 + 1.5 = 5.
    expect(auc([0.9, 0.5, 0.5], [0.5, 0.1])).toBeCloseTo(5 / 6, 12);
  });
  it('is 0.5 when every score ties, 1 when separated, 0 when reversed', () => {
    expect(auc([0.3, 0.3], [0.3, 0.3, 0.3])).toBe(0.5);
    expect(auc([0.8, 0.9], [0.1, 0.2])).toBe(1);
    expect(auc([0.1, 0.2], [0.8, 0.9])).toBe(0);
  });
  it('is NaN when a class is empty', () => {
    expect(auc([], [0.1])).toBeNaN();
    expect(auc([0.1], [])).toBeNaN();
  });
  it('agrees with the pairwise definition on arrays with many ties', () => {
    const scores = fc.array(
      fc.integer({ min: 0, max: 5 }).map((k) => k / 5),
      { minLength: 1, maxLength: 30 },
    );
    fc.assert(fc.property(scores, scores, (pos, neg) => Math.abs(auc(pos, neg) - bruteAuc(pos, neg)) < 1e-12));
  });
});

describe('thresholdAtFpr', () => {
  it('with 1,000 negatives at FPR 1e-3 flags exactly the top one', () => {
    const neg = evenNegatives(1000);
    const t = thresholdAtFpr(neg, 1e-3);
    // Lowest threshold above 0.998 (the second-highest negative): only 0.999 stays at or above it.
    expect(t).toBeGreaterThan(neg[998]!);
    expect(t).toBeLessThanOrEqual(neg[999]!);
    expect(t).toBe(nextFloat32Up(neg[998]!));
    expect(shareAtOrAbove(neg, t)).toBe(1 / 1000);
  });
  it('with 2,000 negatives at FPR 1e-3 flags the top two', () => {
    const neg = evenNegatives(2000);
    const t = thresholdAtFpr(neg, 1e-3);
    expect(t).toBe(nextFloat32Up(neg[1997]!));
    expect(shareAtOrAbove(neg, t)).toBe(2 / 2000);
  });
  it('with fewer than 1/FPR negatives sits above every negative', () => {
    const neg = evenNegatives(999);
    const t = thresholdAtFpr(neg, 1e-3);
    expect(t).toBeGreaterThan(neg[998]!);
    expect(shareAtOrAbove(neg, t)).toBe(0);
  });
  it('never flags part of a tie: the tie stays below the threshold', () => {
    const neg = evenNegatives(1000);
    // The top three tie above every other negative; flagging one of them would flag all three.
    neg[997] = neg[998] = neg[999] = 0.9995;
    const t = thresholdAtFpr(neg, 1e-3);
    expect(shareAtOrAbove(neg, t)).toBe(0);
    expect(t).toBe(nextFloat32Up(Math.fround(0.9995)));
  });
  it('is the lowest such threshold: one float32 step lower flags too many', () => {
    const neg = evenNegatives(1000);
    const t = thresholdAtFpr(neg, 1e-3);
    expect(shareAtOrAbove(neg, neg[998]!)).toBe(2 / 1000);
    expect(t).toBe(nextFloat32Up(neg[998]!));
  });
  it('handles negative (logit-like) scores', () => {
    const t = thresholdAtFpr([-3, -2, -1], 0);
    expect(t).toBeGreaterThan(-1);
    expect(shareAtOrAbove([-3, -2, -1], t)).toBe(0);
  });
  it('rejects bad arguments', () => {
    expect(() => thresholdAtFpr([], 1e-3)).toThrow();
    expect(() => thresholdAtFpr([0.1], 1)).toThrow();
    expect(() => thresholdAtFpr([0.1], -0.1)).toThrow();
  });
});

describe('nextFloat32Up', () => {
  it('steps up by one float32 on both sides of zero', () => {
    expect(nextFloat32Up(0.5)).toBe(0.5000000596046448);
    expect(nextFloat32Up(-0.5)).toBe(-0.4999999701976776);
    expect(nextFloat32Up(0)).toBe(1.401298464324817e-45);
    expect(nextFloat32Up(1)).toBeGreaterThan(1);
  });
  it('returns the next float32 above a value float32 cannot hold', () => {
    expect(nextFloat32Up(0.1)).toBe(Math.fround(0.1) > 0.1 ? Math.fround(0.1) : nextFloat32Up(Math.fround(0.1)));
    expect(nextFloat32Up(0.1)).toBeGreaterThan(0.1);
  });
});

describe('recallAtFpr', () => {
  it('is the share of positives at or above the FPR threshold (hand-worked: 3 of 4)', () => {
    const neg = evenNegatives(1000);
    const pos = Float32Array.from([0.9995, 0.9985, 0.5, 0.999]);
    // Threshold just above 0.998: 0.9995, 0.9985 and 0.999 pass, 0.5 does not.
    expect(recallAtFpr(pos, neg, 1e-3)).toBe(0.75);
    expect(recallAtFpr(pos, neg, 1e-2)).toBe(0.75);
    expect(recallAtFpr(pos, neg, 0)).toBe(0.25);
  });
});

describe('rocCurve', () => {
  it('walks every distinct threshold (hand-worked example)', () => {
    const points = rocCurve([0.8, 0.4], [0.6, 0.2]);
    expect(points.map((p) => [p.fpr, p.tpr])).toEqual([
      [0, 0],
      [0, 0.5],
      [0.5, 0.5],
      [0.5, 1],
      [1, 1],
    ]);
    expect(points[0]!.threshold).toBe(Number.POSITIVE_INFINITY);
    expect(points.map((p) => p.threshold).slice(1)).toEqual([0.8, 0.6, 0.4, 0.2]);
  });
  it('moves diagonally across a tie', () => {
    expect(rocCurve([0.5], [0.5]).map((p) => [p.fpr, p.tpr])).toEqual([
      [0, 0],
      [1, 1],
    ]);
  });
  it('starts at (0, 0) and ends at (1, 1), monotone, also when thinned', () => {
    const pos = Float32Array.from({ length: 5000 }, (_, i) => 0.4 + (0.6 * i) / 5000);
    const neg = Float32Array.from({ length: 20000 }, (_, i) => (0.9 * i) / 20000);
    for (const maxPoints of [50, 400, 100000]) {
      const points = rocCurve(pos, neg, maxPoints);
      expect(points[0]).toEqual({ fpr: 0, tpr: 0, threshold: Number.POSITIVE_INFINITY });
      expect(points.at(-1)!.fpr).toBe(1);
      expect(points.at(-1)!.tpr).toBe(1);
      for (let i = 1; i < points.length; i++) {
        expect(points[i]!.fpr).toBeGreaterThanOrEqual(points[i - 1]!.fpr);
        expect(points[i]!.tpr).toBeGreaterThanOrEqual(points[i - 1]!.tpr);
      }
      if (maxPoints === 50) expect(points.length).toBeLessThan(200);
    }
  });
  it('agrees with a per-threshold count on arrays with many ties', () => {
    const scores = fc.array(
      fc.integer({ min: 0, max: 6 }).map((k) => k / 6),
      { minLength: 1, maxLength: 25 },
    );
    fc.assert(
      fc.property(scores, scores, (pos, neg) => {
        const distinct = Array.from(new Set([...pos, ...neg])).sort((a, b) => b - a);
        const expected = [
          { fpr: 0, tpr: 0, threshold: Number.POSITIVE_INFINITY },
          ...distinct.map((t) => ({
            fpr: neg.filter((x) => x >= t).length / neg.length,
            tpr: pos.filter((x) => x >= t).length / pos.length,
            threshold: t,
          })),
        ];
        expect(rocCurve(pos, neg)).toEqual(expected);
      }),
    );
  });
  it('ignores NaN scores', () => {
    expect(rocCurve([0.8, Number.NaN], [0.2]).map((p) => [p.fpr, p.tpr])).toEqual([
      [0, 0],
      [0, 1],
      [1, 1],
    ]);
  });
  it('keeps the best recall at FPR 0 when thinning', () => {
    const pos = Float32Array.from({ length: 1000 }, (_, i) => 0.5 + i / 2000);
    const neg = Float32Array.from({ length: 1000 }, (_, i) => (0.9 * i) / 1000);
    const points = rocCurve(pos, neg, 50);
    const atZero = points.filter((p) => p.fpr === 0);
    // Positives above 0.8991 (the highest negative) are all found before any false positive.
    expect(Math.max(...atZero.map((p) => p.tpr))).toBeCloseTo(shareAtOrAbove(pos, nextFloat32Up(neg[999]!)), 12);
  });
});
