import { describe, expect, it } from 'vitest';
import {
  applyStack,
  fitStack,
  maxOverShiftedHeads,
  meanOfLogits,
  meanOfProbabilities,
  perHeadMean,
} from '../../src/cli/generalisation/combine.js';
import { renderDeltas, renderGeneralisationMarkdown } from '../../src/cli/generalisation/markdown.js';
import { parseEnsembleName, resolveModels } from '../../src/cli/generalisation/registry.js';
import { probeFlagged, probeHosts, PROBE_PREFIXES } from '../../src/cli/generalisation/subdomain-probe.js';
import { BENIGN_PREFIXES } from '../../src/cli/train/augment.js';
import {
  benignSourceRows,
  DICTIONARY_FAMILIES,
  foldRow,
  operatingThresholds,
  summarise,
} from '../../src/cli/generalisation/summary.js';
import { operatingTable } from '../../src/cli/report/generalisation-text.js';
import type { FoldResult, GeneralisationResult } from '../../src/cli/generalisation/types.js';

function row(model: string, kind: FoldResult['kind'], heldOut: string, aucValue: number, recall: number): FoldResult {
  return {
    kind,
    heldOut,
    fold: 0,
    model,
    auc: aucValue,
    recallAtFpr1e3: recall,
    recallAtFpr1e4: recall / 2,
    nPositives: 10,
    nNegatives: 10,
  };
}

describe('generalisation summary', () => {
  it('averages source rows and family rows separately, per model (hand-worked)', () => {
    const rows = [
      row('a', 'source', 's1', 0.8, 0.1),
      row('a', 'source', 's2', 0.6, 0.3),
      row('a', 'family', 'f1', 0.9, 0.5),
      row('a', 'family', 'f2', 1.0, 0.7),
      row('a', 'family', 'f3', 0.8, 0.0),
      row('a', 'random', 'random-malicious', 0.95, 0.4),
      row('a', 'random', 'random-dga', 0.99, 0.8),
      row('b', 'source', 's1', 0.7, 0.2),
    ];
    const [a, b] = summarise(rows, ['a', 'b']);
    expect(a!.source.auc).toBeCloseTo(0.7);
    expect(a!.source.recallAtFpr1e3).toBeCloseTo(0.2);
    expect(a!.source.folds).toBe(2);
    expect(a!.family.auc).toBeCloseTo(0.9);
    expect(a!.family.recallAtFpr1e3).toBeCloseTo(0.4);
    expect(a!.random!.auc).toBeCloseTo(0.97);
    expect(b!.source.auc).toBeCloseTo(0.7);
    expect(b!.family.folds).toBe(0);
    expect(Number.isNaN(b!.family.auc)).toBe(true);
    expect(b!.random).toBeNull();
  });

  it('flags and stops at the operating thresholds set on validation benign names; for a benign list, its own names', () => {
    const validation = Float32Array.from({ length: 10_000 }, (_, i) => i / 10_000);
    const operating = operatingThresholds(validation);
    // 1e-3 of 10,000: 10 names may reach `suspicious` (0.999 and up), 1 may reach `dangerous` (0.9999).
    expect(operating.suspicious).toBeGreaterThan(0.9989);
    expect(operating.suspicious).toBeLessThanOrEqual(0.999);
    expect(operating.dangerous).toBeGreaterThan(0.9998);
    const negatives = Float32Array.from({ length: 1000 }, (_, i) => i / 1000);
    const positives = Float32Array.from([0.5, 0.9995, 0.99995, 2]);
    const r = foldRow('family', 'dga-x', 0, 'm', positives, negatives, undefined, operating);
    expect(r.flagged).toBeCloseTo(0.75);
    expect(r.stopped).toBeCloseTo(0.5);
    const listed = Float32Array.from([0.1, 0.2, 0.9995, 0.3]);
    const b = foldRow('benign-list', 'benign-x', 0, 'm', positives, listed, undefined, operating, listed);
    expect(b.flagged).toBeCloseTo(0.25);
    expect(b.stopped).toBe(0);
    expect(foldRow('source', 's', 0, 'm', positives, negatives)).not.toHaveProperty('flagged');
  });

  it('averages the dictionary DGA families and the benign-list rows on their own, with R@1e-4, flagged and stopped', () => {
    const withOp = (r: FoldResult, flagged: number, stopped: number): FoldResult => ({ ...r, flagged, stopped });
    const [dictA, dictB] = DICTIONARY_FAMILIES;
    const rows = [
      withOp(row('a', 'family', dictA!, 0.8, 0.2), 0.1, 0.05),
      withOp(row('a', 'family', dictB!, 0.6, 0.0), 0.3, 0.15),
      withOp(row('a', 'family', 'dga-tinba', 1.0, 1.0), 1, 1),
      withOp(row('a', 'benign-list', 'benign-one', 0.9, 0.4), 0.002, 0.0),
      withOp(row('a', 'benign-list', 'benign-two', 0.7, 0.2), 0.004, 0.001),
    ];
    const [a] = summarise(rows, ['a']);
    expect(a!.dictionary).toMatchObject({ folds: 2, flagged: 0.2 });
    expect(a!.dictionary!.auc).toBeCloseTo(0.7);
    expect(a!.dictionary!.recallAtFpr1e4).toBeCloseTo(0.05);
    expect(a!.family.folds).toBe(3);
    expect(a!.family.auc).toBeCloseTo(0.8);
    expect(a!.benignList!.flagged).toBeCloseTo(0.003);
    expect(a!.benignList!.stopped).toBeCloseTo(0.0005);
    expect(a!.benignList!.folds).toBe(2);
    const table = operatingTable({ means: [a!] } as unknown as GeneralisationResult);
    expect(table.rows.map((r) => r[1])).toEqual([
      'unseen sources',
      'unseen DGA families',
      'dictionary DGA families',
      'held-out benign lists',
    ]);
    expect(table.rows[3]).toEqual(['a', 'held-out benign lists', '0.8000', '30.00%', '15.00%', '0.30%', '0.05%']);
  });

  it('computes a row from scores: AUC, recall at the FPR 1e-3 threshold', () => {
    const negatives = Float32Array.from({ length: 1000 }, (_, i) => i / 1000);
    const positives = Float32Array.from([0.9995, 2, 3, 0.5]);
    const r = foldRow('source', 'x', 0, 'm', positives, negatives);
    // Threshold at FPR 1e-3 lets 1 of 1000 negatives (0.999) through: 0.9995, 2 and 3 are above it.
    expect(r.recallAtFpr1e3).toBeCloseTo(0.75);
    expect(r.auc).toBeCloseTo((1 + 1 + 1 + 0.5) / 4, 2);
    expect(r.nNegatives).toBe(1000);
    expect(r.bareRecallAtFpr1e3).toBeUndefined();
  });

  it('reports recall over the bare registrable names apart, at the same threshold, and its source mean', () => {
    const negatives = Float32Array.from({ length: 1000 }, (_, i) => i / 1000);
    const positives = Float32Array.from([0.9995, 2, 3, 0.5]);
    // Only the first and the last name are bare: one of the two clears the threshold.
    const r = foldRow('source', 'x', 0, 'm', positives, negatives, [true, false, false, true]);
    expect(r.recallAtFpr1e3).toBeCloseTo(0.75);
    expect(r.bareRecallAtFpr1e3).toBeCloseTo(0.5);
    expect(r.nBare).toBe(2);
    const other = foldRow('source', 'y', 1, 'm', positives, negatives, [false, true, true, false]);
    expect(summarise([r, other], ['m'])[0]!.source.bareRecallAtFpr1e3).toBeCloseTo(0.75);
    // A row without any bare name leaves the mean out rather than averaging a hole.
    const none = foldRow('source', 'z', 2, 'm', positives, negatives, [false, false, false, false]);
    expect(summarise([r, none], ['m'])[0]!.source.bareRecallAtFpr1e3).toBeUndefined();
  });

  it('reports how each benign list fares at the shared threshold', () => {
    const scores = Float32Array.from({ length: 2000 }, (_, i) => i);
    const sources = Array.from({ length: 2000 }, (_, i) => (i >= 1000 ? 'benign-tail' : 'benign-top'));
    const rows = benignSourceRows('m', scores, sources);
    expect(rows.map((r) => r.source)).toEqual(['benign-tail', 'benign-top']);
    expect(rows[0]!.flaggedAtFpr1e3).toBeCloseTo(2 / 1000);
    expect(rows[0]!.flaggedAtFpr1e2).toBeCloseTo(20 / 1000);
    expect(rows[1]!.flaggedAtFpr1e3).toBe(0);
    expect(rows[0]!.medianPercentile).toBeCloseTo(0.75, 2);
  });
});

describe('score combinations', () => {
  it('average logits and probabilities', () => {
    const a = Float32Array.from([0, 2]);
    const b = Float32Array.from([2, -2]);
    expect(Array.from(meanOfLogits([a, b]))).toEqual([1, 0]);
    expect(meanOfProbabilities([a, b])[1]).toBeCloseTo(0);
  });

  it('shift each head to its own threshold so the worst head decides', () => {
    const labels = Uint8Array.from({ length: 2000 }, () => 0);
    const h1 = Float32Array.from({ length: 2000 }, (_, i) => i / 2000); // benign spread on [0, 1)
    const h2 = Float32Array.from({ length: 2000 }, (_, i) => 10 + i / 200); // on [10, 20)
    const out = maxOverShiftedHeads([Float32Array.from([1.5, 0]), Float32Array.from([0, 25])], [h1, h2], labels);
    expect(out[0]).toBeGreaterThan(0); // above head 1's threshold
    expect(out[1]).toBeGreaterThan(0); // above head 2's threshold, though its raw score is low for head 1
  });

  it('a stacked regression leans on the informative member', () => {
    const n = 400;
    const labels = Uint8Array.from({ length: n }, (_, i) => i % 2);
    const good = Float32Array.from(labels, (y, i) => (y ? 1 : -1) + ((i * 7) % 5) / 10);
    const noise = Float32Array.from({ length: n }, (_, i) => ((i * 13) % 11) / 5 - 1);
    const w = fitStack([good, noise], labels);
    expect(Math.abs(w[0]!)).toBeGreaterThan(5 * Math.abs(w[1]!));
    const out = applyStack(w, [good, noise]);
    expect(out[1]!).toBeGreaterThan(out[0]!);
  });
});

describe('generalisation markdown', () => {
  it('renders the means and one row per held-out set', () => {
    const folds = [row('ngram', 'source', 'malicious-x', 0.84, 0.04), row('ngram', 'family', 'dga-y', 0.86, 0.3)];
    const result: GeneralisationResult = {
      createdAt: '2026-01-01T00:00:00.000Z',
      dataDir: '/data',
      models: ['ngram'],
      protocol: {
        benignHoldoutShare: 0.25,
        familyGroups: [['dga-y']],
        sourceByFold: ['malicious-x'],
        maxTrainPerSource: 10,
        maxEvalPerSource: 10,
        epochs: 1,
        seed: 1,
        notes: ['a note'],
      },
      folds,
      means: summarise(folds, ['ngram']),
      costs: [{ model: 'ngram', trainSeconds: 3, scoreMicrosPerName: 2.5 }],
      benignBySource: [],
      runSeconds: 60,
    };
    const md = renderGeneralisationMarkdown(result);
    expect(md).toContain('| ngram | 0.840 | 4.0 % | – | 0.860 | 30.0 % | – | – | – | 3 | 2.5 |');
    expect(md).toContain('| malicious-x | source | 1 | 10 | 0.840 / 4.0 % |');
    expect(md).toContain('- a note');
  });

  it('renders each lever as a difference from the reference model', () => {
    const folds = [
      row('ngram', 'source', 's', 0.8, 0.04),
      row('ngram', 'family', 'f', 0.9, 0.3),
      row('x', 'source', 's', 0.85, 0.06),
      row('x', 'family', 'f', 0.88, 0.35),
    ];
    const result = {
      models: ['ngram', 'x'],
      descriptions: { x: 'a lever' },
      means: summarise(folds, ['ngram', 'x']),
    } as unknown as GeneralisationResult;
    expect(renderDeltas(result, 'ngram')).toContain('| x | a lever | +0.050 | +2.0 | −0.020 | +5.0 | – (–) |');
  });
});

describe('per-head ensembles', () => {
  it('average each category with the matching head, a one-head member serving every category', () => {
    const labels = Uint8Array.from({ length: 1000 }, () => 0);
    const spread = Float32Array.from({ length: 1000 }, (_, i) => i / 1000);
    const cnn = {
      categories: ['malicious', 'dga'],
      heads: [Float32Array.from([4, 0]), Float32Array.from([0, 4])],
      validationHeads: [spread, spread],
    };
    const ngram = { categories: ['malicious'], heads: [Float32Array.from([2, 2])], validationHeads: [spread] };
    const out = perHeadMean([cnn, ngram], labels);
    // Both names sit at (4 + 2) / 2 = 3 on their strong head; validation benign means sit at ~0.5.
    expect(out[0]).toBeCloseTo(out[1]!);
    expect(out[0]!).toBeGreaterThan(1.5);
  });
});

describe('ensembles by name', () => {
  it('parse members and a combination method', () => {
    expect(parseEnsembleName('seed+ngram')?.members).toEqual(['seed', 'ngram']);
    expect(parseEnsembleName('seed+ngram-parts:stack')?.description).toContain('stacked');
    expect(parseEnsembleName('snowman+ngram:perhead-w70')?.description).toContain('(weights 0.3, 0.7)');
    expect(parseEnsembleName('compact+ngram+ngram-srcw:perhead-w20-50-30')?.description).toContain(
      '(weights 0.2, 0.5, 0.3)',
    );
    expect(parseEnsembleName('compact+ngram+ngram-srcw:w20-50')).toBeNull();
    expect(parseEnsembleName('compact+ngram:w20-50')).toBeNull();
    expect(parseEnsembleName('seed+nope')).toBeNull();
    expect(parseEnsembleName('seed+ngram:bogus')).toBeNull();
    expect(resolveModels(['ngram+ngram-parts:z'])[0]!.kind).toBe('ensemble');
  });
});

describe('sub-domain probe', () => {
  it('prefixes held-out benign names with service labels the trainer never augments with', () => {
    const hosts = Array.from({ length: 100 }, (_, i) => `site${i}.com`);
    const probe = probeHosts(hosts, 1, 50);
    expect(probe).toHaveLength(50);
    expect(probeHosts(hosts, 1, 50)).toEqual(probe);
    for (const name of probe) expect(PROBE_PREFIXES).toContain(name.split('.')[0]);
    for (const prefix of PROBE_PREFIXES) expect(BENIGN_PREFIXES).not.toContain(prefix);
  });

  it("counts probe names above the bare names' FPR 1e-3 threshold", () => {
    const bare = Float32Array.from({ length: 1000 }, (_, i) => i);
    expect(probeFlagged(bare, Float32Array.from([999.5, 2000, 10, 500]))).toBeCloseTo(0.5);
  });
});
