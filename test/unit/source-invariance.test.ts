/** Source-invariant training levers: balanced sampling across sources, group DRO's weight update. */
import { describe, expect, it } from 'vitest';
import type { Example, Label } from '../../src/cli/data/labelled-files.js';
import { createBalancedSampler } from '../../src/cli/train/balanced-sampler.js';
import { createGroupDro } from '../../src/cli/train/group-dro.js';
import { createRng } from '../../src/core/rng.js';

function ex(label: Label, source: string, n: number): Example[] {
  return Array.from({ length: n }, (_, i) => ({
    host: `${source}${i}.com`,
    label,
    source,
    group: `${source}${i}.com`,
  }));
}

describe('balanced sampler', () => {
  const examples = [
    ...ex('benign', 'b-big', 300),
    ...ex('benign', 'b-small', 20),
    ...ex('malicious', 'm-big', 560),
    ...ex('malicious', 'm-small', 40),
    ...ex('dga', 'd1', 70),
    ...ex('dga', 'd2', 10),
  ];

  it('keeps each label at its share of the set and draws its sources equally often', () => {
    const sampler = createBalancedSampler(examples, createRng(7));
    const draws = 100_000;
    const bySource = new Map<string, number>();
    const byLabel = new Map<string, number>();
    for (let k = 0; k < draws; k++) {
      const e = examples[sampler.next()]!;
      bySource.set(e.source, (bySource.get(e.source) ?? 0) + 1);
      byLabel.set(e.label, (byLabel.get(e.label) ?? 0) + 1);
    }
    expect(byLabel.get('benign')! / draws).toBeCloseTo(320 / 1000, 2);
    expect(byLabel.get('malicious')! / draws).toBeCloseTo(600 / 1000, 2);
    expect(byLabel.get('dga')! / draws).toBeCloseTo(80 / 1000, 2);
    // Within a label, the 20-name list is drawn as often as the 300-name one (a plain shuffle: 15× less).
    expect(bySource.get('b-small')! / bySource.get('b-big')!).toBeGreaterThan(0.95);
    expect(bySource.get('b-small')! / bySource.get('b-big')!).toBeLessThan(1.05);
    expect(bySource.get('m-small')! / bySource.get('m-big')!).toBeGreaterThan(0.95);
    expect(bySource.get('d2')! / bySource.get('d1')!).toBeGreaterThan(0.9);
  });

  it('cycles through every name of a source before repeating one', () => {
    const sampler = createBalancedSampler(ex('benign', 'only', 50), createRng(3));
    const first = Array.from({ length: 50 }, () => sampler.next());
    expect(new Set(first).size).toBe(50);
  });

  it('is deterministic for a seed', () => {
    const a = createBalancedSampler(examples, createRng(5));
    const b = createBalancedSampler(examples, createRng(5));
    expect(Array.from({ length: 200 }, () => a.next())).toEqual(Array.from({ length: 200 }, () => b.next()));
  });
});

describe('group DRO', () => {
  const examples = [...ex('benign', 'b1', 4), ...ex('benign', 'b2', 4), ...ex('malicious', 'm1', 4)];

  it('starts with every multiplier 1 and moves weight to the source with the higher loss, within its label', () => {
    const dro = createGroupDro(examples, { eta: 0.5 });
    for (let g = 0; g < 3; g++) expect(dro.multiplier(g)).toBeCloseTo(1, 12);
    // b1 (rows 0, 1) lost 2.0 per sample, b2 (rows 4, 5) 0.2: q_b1/q_b2 = exp(0.5·1.8).
    dro.update([0, 1, 4, 5, 8], [2, 2, 0.2, 0.2, 5], 5);
    const q = dro.weights();
    expect(q['b1']! / q['b2']!).toBeCloseTo(Math.exp(0.9), 6);
    expect(q['b1']! + q['b2']!).toBeCloseTo(1, 6);
    expect(dro.multiplier(dro.groupOf[0]!) + dro.multiplier(dro.groupOf[4]!)).toBeCloseTo(2, 6);
    expect(dro.multiplier(dro.groupOf[0]!)).toBeGreaterThan(1);
    // The only malicious source keeps its weight whatever its loss: the class balance is untouched.
    expect(dro.multiplier(dro.groupOf[8]!)).toBeCloseTo(1, 12);
  });

  it('leaves a source absent from the batch where it was, relative to its own label', () => {
    const dro = createGroupDro(examples, { eta: 1 });
    dro.update([8], [3], 1);
    expect(dro.weights()['b1']).toBeCloseTo(0.5, 12);
    expect(dro.weights()['b2']).toBeCloseTo(0.5, 12);
  });
});
