import { describe, expect, it } from 'vitest';
import { buildCalibration, riskTable } from '../../src/cli/train/calibration.js';
import { headRisk, riskOf } from '../../src/core/model/calibration.js';
import { validateMetadata } from '../../src/core/model/metadata.js';
import { SEED_ARCHITECTURE } from '../../src/core/model/architecture.js';
import { DEFAULT_TOKENIZER } from '../../src/core/tokenizer.js';
import { seededRandom } from '../../src/core/rng.js';

/** Deterministic pseudo-random float32 scores in [0, 1). */
function scores(n: number, seed: number): Float32Array {
  const random = seededRandom(seed);
  return Float32Array.from({ length: n }, random);
}

describe('risk tables', () => {
  it('give the exact share of reference names strictly below, name by name in the top 1 %', () => {
    const values = Array.from(scores(20_000, 3));
    const table = riskTable(values);
    const sorted = [...values].sort((a, b) => a - b);
    for (const rank of [19_999, 19_990, 19_900, 19_801]) {
      const p = sorted[rank]!;
      expect(headRisk(table, values.length, p)).toBe(rank / values.length);
    }
    expect(headRisk(table, values.length, 1)).toBe(1);
    expect(headRisk(table, values.length, -1)).toBe(0);
    // Body: within one grid step (0.2 %) of the exact share, never above it.
    const mid = sorted[10_001]!;
    const risk = headRisk(table, values.length, mid);
    expect(risk).toBeLessThanOrEqual(10_001 / values.length);
    expect(risk).toBeGreaterThan(10_001 / values.length - 0.0021);
  });

  it('distinguish FPR 1e-3 from 1e-4 and stay small enough to ship', () => {
    const table = riskTable(Array.from(scores(25_000, 5)));
    expect(table.scores.length).toBeLessThan(1000);
    const count = 25_000;
    expect(table.atOrBelow.filter((n) => n / count >= 0.999 && n / count < 0.9999).length).toBeGreaterThan(10);
  });

  it('count ties as one step', () => {
    const table = riskTable([0.5, 0.5, 0.5, 0.9]);
    expect(headRisk(table, 4, 0.5)).toBe(0);
    expect(headRisk(table, 4, 0.6)).toBe(0.75);
  });
});

describe('buildCalibration', () => {
  const heads = ['malicious', 'dga'] as const;
  const n = 20_000;
  const a = scores(n, 11);
  const b = scores(n, 12);
  const rows = new Float32Array(n * 2);
  for (let i = 0; i < n; i++) {
    rows[i * 2] = a[i]!;
    rows[i * 2 + 1] = b[i]!;
  }
  const { calibration, thresholds } = buildCalibration(heads, rows, 'test', { suspicious: 1e-3, dangerous: 1e-4 });

  it('sets one risk cut-off per level so the worst head flags at most the budget of the reference names', () => {
    let suspicious = 0;
    let dangerous = 0;
    for (let i = 0; i < n; i++) {
      const { risk } = riskOf(calibration, heads, [a[i]!, b[i]!]);
      if (risk >= calibration.levels.suspicious) suspicious++;
      if (risk >= calibration.levels.dangerous) dangerous++;
    }
    expect(suspicious).toBeLessThanOrEqual(20);
    expect(suspicious).toBeGreaterThanOrEqual(15);
    expect(dangerous).toBeLessThanOrEqual(2);
    expect(calibration.levels.dangerous).toBeGreaterThan(calibration.levels.suspicious);
  });

  it('restates the cut-offs as per-head thresholds: p ≥ threshold exactly when the head risk reaches the level', () => {
    heads.forEach((head, h) => {
      const table = calibration.heads[head]!;
      const t = thresholds[head]!;
      const column = h === 0 ? a : b;
      for (const p of column) {
        expect(p >= t.suspicious).toBe(headRisk(table, n, p) >= calibration.levels.suspicious);
        expect(p >= t.dangerous).toBe(headRisk(table, n, p) >= calibration.levels.dangerous);
      }
    });
  });

  it('passes metadata validation, and a broken table is refused', () => {
    const base = {
      format: 'snowman-model',
      formatVersion: 1,
      version: 'v',
      createdAt: 'now',
      architecture: { ...SEED_ARCHITECTURE, heads: [...heads] },
      tokenizer: DEFAULT_TOKENIZER,
      thresholds,
    };
    expect(validateMetadata({ ...base, calibration }).calibration).toBe(calibration);
    const broken = { ...calibration, heads: { malicious: calibration.heads.malicious } };
    expect(() => validateMetadata({ ...base, calibration: broken })).toThrow(/head "dga"/);
    const descending = {
      ...calibration,
      heads: { ...calibration.heads, dga: { scores: [0.9, 0.1], atOrBelow: [1, 2] } },
    };
    expect(() => validateMetadata({ ...base, calibration: descending })).toThrow(/not ascending/);
  });
});

describe('buildCalibration with the every-list rule', () => {
  const heads = ['malicious'] as const;
  // A big top list scoring low and a small long-tail list scoring higher: pooled, the big list outvotes it.
  const big = scores(20_000, 21).map((x) => x * 0.8);
  const small = scores(2_000, 22).map((x) => 0.2 + x * 0.8);
  const rows = Float32Array.from([...big, ...small]);
  const lists = [...big].map(() => 'top').concat([...small].map(() => 'long-tail'));
  const budget = { suspicious: 1e-3, dangerous: 1e-4 };
  const flaggedShare = (values: Float32Array, threshold: number) =>
    values.filter((p) => p >= threshold).length / values.length;

  it('keeps every list within each level budget on its own', () => {
    const { thresholds } = buildCalibration(heads, rows, 'test', budget, lists);
    for (const own of [big, small]) {
      expect(flaggedShare(own, thresholds.malicious!.suspicious)).toBeLessThanOrEqual(budget.suspicious);
      expect(flaggedShare(own, thresholds.malicious!.dangerous)).toBeLessThanOrEqual(budget.dangerous);
    }
  });

  it('is stricter than pooling exactly where pooling breaks a small list', () => {
    const pooled = buildCalibration(heads, rows, 'test', budget).thresholds.malicious!;
    expect(flaggedShare(small, pooled.suspicious)).toBeGreaterThan(budget.suspicious);
    const everyList = buildCalibration(heads, rows, 'test', budget, lists).thresholds.malicious!;
    expect(everyList.suspicious).toBeGreaterThan(pooled.suspicious);
    // The cut-off is the lowest one the small list allows: one more of its names would be over budget.
    const allowed = Math.floor(budget.suspicious * small.length);
    const sorted = [...small].sort((x, y) => y - x);
    expect(everyList.suspicious).toBeLessThanOrEqual(Math.fround(sorted[allowed]! + 1e-6));
  });

  it('refuses a list name count that does not match the names', () => {
    expect(() => buildCalibration(heads, rows, 'test', budget, lists.slice(1))).toThrow(/list names/);
  });
});
