import { describe, expect, it } from 'vitest';
import { warmUp, warmUpNames } from '../../src/background/warm-up.js';
import { parseDomain, type ScorableHost } from '../../src/core/domain.js';
import type { Scorer } from '../../src/core/model/scorer.js';

describe('background warm-up', () => {
  it('invents varied, distinct names that all parse, the same ones every time', () => {
    const names = warmUpNames(200);
    expect(new Set(names).size).toBe(200);
    expect(warmUpNames(200)).toEqual(names);
    expect(names.every((name) => parseDomain(name).ok)).toBe(true);
    expect(new Set(names.map((name) => name.length)).size).toBeGreaterThan(15);
  });

  it('scores them in one batch and explains a few, keeping nothing', async () => {
    const predicted: string[][] = [];
    const explained: ScorableHost[][] = [];
    const scorer = {
      predict: async (hosts: readonly string[]) => (predicted.push([...hosts]), new Float32Array(hosts.length)),
    } as unknown as Scorer;
    await warmUp(
      scorer,
      { explain: async () => [], preload: async (names = []) => void explained.push([...names]) },
      50,
    );
    expect(predicted).toHaveLength(1);
    expect(predicted[0]).toHaveLength(50);
    expect(explained[0]).toHaveLength(20);
  });
});
