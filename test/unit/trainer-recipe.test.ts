/** The training recipe's pieces: head targets and weights, sub-domain augmentation, label-noise down-weighting. */
import { describe, expect, it } from 'vitest';
import { createTokenizer, DEFAULT_TOKENIZER } from '../../src/core/tokenizer.js';
import type { Example, Label } from '../../src/cli/data/labelled-files.js';
import { allocateBatch } from '../../src/cli/train/batch.js';
import { encodeNames, encodeRows, fillRow } from '../../src/cli/train/encoded-names.js';
import { augmentable, encodePrefixes } from '../../src/cli/train/augment.js';
import { downweightBenignLooking } from '../../src/cli/train/noise.js';
import { createParamLayout } from '../../src/cli/train/param-layout.js';
import { buildTargets } from '../../src/cli/train/targets.js';
import { SEED_ARCHITECTURE } from '../../src/core/model/architecture.js';

const tokenizer = createTokenizer(DEFAULT_TOKENIZER);

function ex(label: Label, source: string, n: number): Example[] {
  return Array.from({ length: n }, (_, i) => ({
    host: `${source}${i}.com`,
    label,
    source,
    group: `${source}${i}.com`,
  }));
}

describe('buildTargets', () => {
  const examples = [
    ...ex('benign', 'b', 10),
    ...ex('malicious', 'm1', 80),
    ...ex('malicious', 'm2', 20),
    ...ex('dga', 'd', 30),
  ];
  const total = (w: Float32Array, heads: number, h: number, pick: (e: Example) => boolean) =>
    examples.reduce((s, e, i) => s + (pick(e) ? w[i * heads + h]! : 0), 0);

  it('one head: every non-benign name is a positive; classes weigh the same in total', () => {
    const { targets, weights } = buildTargets(examples, ['malicious'], { sourcePower: 1 });
    expect(examples.map((e, i) => targets[i])).toEqual(examples.map((e) => (e.label === 'benign' ? 0 : 1)));
    expect(total(weights, 1, 0, (e) => e.label === 'benign')).toBeCloseTo(
      total(weights, 1, 0, (e) => e.label !== 'benign'),
      4,
    );
  });

  it('two heads: each head ignores the other class (weight 0)', () => {
    const { targets, weights } = buildTargets(examples, ['malicious', 'dga']);
    examples.forEach((e, i) => {
      expect(weights[i * 2 + 0]! > 0).toBe(e.label !== 'dga');
      expect(weights[i * 2 + 1]! > 0).toBe(e.label !== 'malicious');
      expect(targets[i * 2 + 1]).toBe(e.label === 'dga' ? 1 : 0);
    });
  });

  it('nested heads: the malicious head takes every risky name, the dga head only DGA names', () => {
    const { targets, weights } = buildTargets(examples, ['malicious', 'dga'], { headMode: 'nested' });
    examples.forEach((e, i) => {
      expect(targets[i * 2 + 0]).toBe(e.label === 'benign' ? 0 : 1);
      expect(weights[i * 2 + 0]! > 0).toBe(true);
      expect(weights[i * 2 + 1]! > 0).toBe(e.label !== 'malicious');
    });
  });

  it('sourcePower shrinks a big source: 0 makes every source weigh the same', () => {
    const { weights } = buildTargets(examples, ['malicious', 'dga'], { sourcePower: 0 });
    expect(total(weights, 2, 0, (e) => e.source === 'm1')).toBeCloseTo(
      total(weights, 2, 0, (e) => e.source === 'm2'),
      4,
    );
    const sqrt = buildTargets(examples, ['malicious', 'dga'], { sourcePower: 0.5 }).weights;
    expect(total(sqrt, 2, 0, (e) => e.source === 'm1') / total(sqrt, 2, 0, (e) => e.source === 'm2')).toBeCloseTo(2, 4);
    const perLabel = buildTargets(examples, ['malicious', 'dga'], { sourcePower: { malicious: 1, dga: 0 } }).weights;
    expect(
      total(perLabel, 2, 0, (e) => e.source === 'm1') / total(perLabel, 2, 0, (e) => e.source === 'm2'),
    ).toBeCloseTo(4, 4);
  });
});

describe('benign sub-domain augmentation', () => {
  it('puts the prefix in front and keeps the end of long names, like the tokenizer', () => {
    const layout = createParamLayout(SEED_ARCHITECTURE, DEFAULT_TOKENIZER);
    const batch = allocateBatch(layout.shape, 2);
    const long = `${'a'.repeat(70)}.com`;
    const names = encodeNames(tokenizer, ['example.org', long]);
    const [mail] = encodePrefixes(tokenizer, ['mail']);
    fillRow(names, 0, mail!, batch, 0, 75);
    fillRow(names, 1, mail!, batch, 1, 75);
    const expected = encodeRows(tokenizer, ['mail.example.org', `mail.${long}`]);
    expect(Array.from(batch.ids)).toEqual(Array.from(expected.ids));
    expect(Array.from(batch.lengths)).toEqual(Array.from(expected.lengths));
  });
});

describe('which benign names are augmented', () => {
  it('skips benign parents that host positives (dynamic DNS, free hosting), unless asked not to', () => {
    const examples = [
      { label: 'benign', group: 'ddns.net' },
      { label: 'malicious', group: 'ddns.net' },
      { label: 'benign', group: 'example.org' },
      { label: 'dga', group: 'qwxzkj.com' },
    ];
    expect(Array.from(augmentable(examples, {}))).toEqual([0, 0, 1, 0]);
    expect(Array.from(augmentable(examples, { skipRiskyParents: false }))).toEqual([1, 0, 1, 0]);
  });
});

describe('label-noise down-weighting', () => {
  it('drops positives scoring below the benign quantile of their head, and only those', () => {
    // 4 training names × 2 heads; validation benign scores per head: [0.1, 0.2, 0.3, 0.4].
    const train = Float32Array.from([0.05, 0, 0.9, 0, 0, 0.15, 0, 0.95]);
    const targets = Float32Array.from([1, 0, 1, 0, 0, 1, 0, 1]);
    const weights = Float32Array.from([1, 0, 1, 0, 0, 1, 0, 1]);
    const validation = Float32Array.from([0.1, 0.1, 0.2, 0.2, 0.3, 0.3, 0.4, 0.4]);
    const report = downweightBenignLooking(
      { afterEpoch: 1, benignQuantile: 0.5, factor: 0 },
      1,
      train,
      targets,
      weights,
      validation,
      [true, true, true, true],
      2,
    );
    expect(Array.from(weights)).toEqual([0, 0, 1, 0, 0, 0, 0, 1]);
    expect(report.downweighted).toEqual([1, 1]);
    expect(report.indexes).toEqual([0, 2]);
  });
});

describe('verdict thresholds', () => {
  it('split the benign budget between two heads so the union stays within the FPR', async () => {
    const { unionThresholds } = await import('../../src/cli/train/evaluate-model.js');
    // 1000 benign names: head 0 and head 1 each have 2 high benign scores (different names).
    const labels: Label[] = [];
    const p: number[] = [];
    for (let i = 0; i < 1000; i++) {
      labels.push('benign');
      p.push(i < 2 ? 0.95 : 0.1 + i / 1e4, i >= 2 && i < 4 ? 0.97 : 0.2);
    }
    // Positives: 10 malicious caught by head 0 at 0.9, 10 dga caught by head 1 at 0.99.
    for (let i = 0; i < 10; i++) {
      labels.push('malicious');
      p.push(0.9, 0.3);
      labels.push('dga');
      p.push(0.3, 0.99);
    }
    const probabilities = Float32Array.from(p);
    const [t0, t1] = unionThresholds(probabilities, 2, labels, 2e-3);
    // At most 2 benign names flagged by the union, and both classes still fully caught.
    const flagged = labels.filter(
      (l, i) => l === 'benign' && (probabilities[i * 2]! >= t0! || probabilities[i * 2 + 1]! >= t1!),
    ).length;
    expect(flagged).toBeLessThanOrEqual(2);
    expect(
      labels.every((l, i) => l === 'benign' || probabilities[i * 2]! >= t0! || probabilities[i * 2 + 1]! >= t1!),
    ).toBe(true);
  });
});
