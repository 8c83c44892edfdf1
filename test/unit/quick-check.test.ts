/**
 * The quick check's thresholds: the shipped model carries them, they are sound and hold the same
 * false-positive budget on the validation benign names as the full model's, and the quick scorer
 * is the n-gram members alone.
 */
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { riskOf, type RiskTable } from '../../src/core/model/calibration.js';
import { ModelFormatError, validateMetadata, type ModelMetadata } from '../../src/core/model/metadata.js';
import { scoreHosts } from '../../src/core/model/scorer.js';
import { ngramBlendOf, ngramOnlyProbabilities, readBlendMembers } from '../../src/core/ngram/blend.js';
import { createQuickScorer, QUICK_ENGINE, readQuickMembers } from '../../src/core/ngram/quick-check.js';
import { modelLevel } from '../../src/core/verdict.js';

const read = (name: string) => readFile(`model/${name}`).then((b) => new Uint8Array(b));
const shipped = async (): Promise<ModelMetadata> =>
  validateMetadata(JSON.parse(await readFile('model/metadata.json', 'utf8')));

/** Reference names scoring at or above `threshold` on a head, from its table (exact in the tail). */
function namesAtOrAbove(table: RiskTable, count: number, threshold: number): number {
  let below = 0;
  table.scores.forEach((score, i) => {
    if (score < threshold) below = table.atOrBelow[i]!;
  });
  return count - below;
}

describe('quick check thresholds (model/metadata.json)', () => {
  it('are present for every head, ordered and in range', async () => {
    const metadata = await shipped();
    const quick = metadata.quickCheck;
    expect(quick).toBeDefined();
    for (const head of metadata.architecture.heads) {
      const t = quick!.thresholds[head]!;
      expect(t.suspicious).toBeGreaterThan(0.5);
      expect(t.dangerous).toBeGreaterThanOrEqual(t.suspicious);
      expect(t.dangerous).toBeLessThan(1);
    }
    // Calibrated on the same reference names as the full model's own thresholds.
    expect(quick!.calibration.count).toBe(metadata.calibration!.count);
    expect(quick!.calibration.reference).toBe(metadata.calibration!.reference);
    expect(quick!.calibration.levels.suspicious).toBeGreaterThanOrEqual(1 - 1e-3);
    expect(quick!.calibration.levels.dangerous).toBeGreaterThanOrEqual(1 - 1e-4);
  });

  it('flag no more validation benign names than the budget: 1e-3 suspicious, 1e-4 dangerous', async () => {
    const metadata = await shipped();
    const { thresholds, calibration } = metadata.quickCheck!;
    for (const head of metadata.architecture.heads) {
      const table = calibration.heads[head]!;
      const t = thresholds[head]!;
      expect(namesAtOrAbove(table, calibration.count, t.suspicious)).toBeLessThanOrEqual(
        Math.floor(1e-3 * calibration.count),
      );
      expect(namesAtOrAbove(table, calibration.count, t.dangerous)).toBeLessThanOrEqual(
        Math.floor(1e-4 * calibration.count),
      );
    }
  });

  it('a malformed quickCheck block is refused like any other metadata fault', async () => {
    const metadata = await shipped();
    const bad = structuredClone(metadata) as { quickCheck: { thresholds: Record<string, unknown> } };
    bad.quickCheck.thresholds['malicious'] = { suspicious: 0.99, dangerous: 0.5 };
    expect(() => validateMetadata(bad)).toThrow(ModelFormatError);
    expect(() =>
      validateMetadata({ ...metadata, quickCheck: { thresholds: metadata.quickCheck!.thresholds } }),
    ).toThrow(/quickCheck: calibration/);
  });
});

describe('quick scorer', () => {
  it('scores with its own small member and decides with its own thresholds', async () => {
    const metadata = await shipped();
    const members = await readQuickMembers(read, metadata);
    // One member of 2^18 one-byte buckets: a quarter of one blend member's table.
    expect(members.map((m) => m.model.heads[0]!.weights.length)).toEqual([2 ** 18]);
    const scorer = createQuickScorer(metadata, members)!;
    expect(scorer.engine).toBe(QUICK_ENGINE);
    // Its scores are never cached as the full model's.
    expect(scorer.metadata.version).not.toBe(metadata.version);
    expect(scorer.metadata.calibration).toBe(metadata.quickCheck!.calibration);
    const hosts = ['example.com', 'aftxopbojhxapurcajyz.info'];
    const heads = metadata.architecture.heads;
    expect(await scorer.predict(hosts)).toEqual(ngramOnlyProbabilities(heads, members, hosts));
    const [safe, random] = await scoreHosts(scorer, hosts);
    expect(modelLevel(safe!, scorer.metadata).level).toBe('safe');
    expect(modelLevel(random!, scorer.metadata).level).toBe('dangerous');
    expect(riskOf(scorer.metadata.calibration!, heads, random!.heads).risk).toBeGreaterThanOrEqual(
      metadata.quickCheck!.calibration.levels.dangerous,
    );
  });

  it('is absent for a model without quick-check thresholds', async () => {
    const { quickCheck: _, ...metadata } = await shipped();
    const members = await readBlendMembers(read, ngramBlendOf(metadata)!);
    expect(createQuickScorer(metadata, members)).toBeNull();
  });
});
