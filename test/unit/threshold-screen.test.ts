import { describe, expect, it } from 'vitest';
import type { Example } from '../../src/cli/data/labelled-files.js';
import type { MemberScores } from '../../src/cli/generalisation/candidate.js';
import { perHeadMean } from '../../src/cli/generalisation/combine.js';
import { foldRow, operatingThresholds } from '../../src/cli/generalisation/summary.js';
import { inHoldoutPart, screenFold } from '../../src/cli/generalisation/threshold-screen.js';
import type { FoldScores } from '../../src/cli/generalisation/types.js';
import { createRng } from '../../src/core/rng.js';

const rng = createRng(11);
const noise = (n: number, shift: number) =>
  Float32Array.from({ length: n }, () => Math.fround(rng.nextFloat() * 4 + shift));
const ex = (host: string, label: Example['label'], source: string): Example => ({ host, label, source, group: host });

// 3,000 held-out benign names, 50 probe names, 400 positives; 2,000 validation names (1,500 benign on two lists).
const nNeg = 3000;
const nProbe = 50;
const nPos = 400;
const nEval = nNeg + nProbe + nPos;
const validation = Array.from({ length: 2000 }, (_, i) =>
  ex(`v${i}.com`, i < 1500 ? 'benign' : 'malicious', i < 1000 ? 'benign-a' : 'benign-b'),
);
const labels = Uint8Array.from(validation, (e) => (e.label === 'benign' ? 0 : 1));
const twoHeads = (shift: number): MemberScores => {
  const evalHeads = [noise(nEval, 0), noise(nEval, shift)];
  const validationHeads = [noise(2000, 0), noise(2000, shift)];
  for (const h of [...evalHeads]) for (let i = nNeg + nProbe; i < nEval; i++) h[i] = h[i]! + 2.5;
  for (const h of validationHeads) for (let i = 1500; i < 2000; i++) h[i] = h[i]! + 2.5;
  return {
    categories: ['malicious', 'dga'],
    evalHeads,
    validationHeads,
    eval: evalHeads[0]!,
    validation: validationHeads[0]!,
  };
};
const oneHead = (): MemberScores => {
  const head = noise(nEval, 0.5);
  const v = noise(2000, 0.5);
  for (let i = nNeg + nProbe; i < nEval; i++) head[i] = head[i]! + 2;
  for (let i = 1500; i < 2000; i++) v[i] = v[i]! + 2;
  return { categories: ['malicious'], evalHeads: [head], validationHeads: [v], eval: head, validation: v };
};
const members = new Map([
  ['cnn', twoHeads(0.3)],
  ['ngram', oneHead()],
]);
const fold: FoldScores = {
  plan: { index: 0, kind: 'held-out', sources: ['malicious-x'], families: [] },
  train: [],
  negatives: Array.from({ length: nNeg }, (_, i) => ex(`n${i}.com`, 'benign', 'benign-a')),
  probeLength: nProbe,
  probeHosts: Array.from({ length: nProbe }, (_, i) => `mail.n${i}.com`),
  positives: [
    {
      key: 'malicious-x',
      examples: Array.from({ length: nPos }, (_, i) => ex(`p${i}.com`, 'malicious', 'malicious-x')),
    },
  ],
  calibration: [],
  validation,
  members,
};

describe('threshold screen', () => {
  it('reproduces the harness row for the pooled recipe on validation names', () => {
    const weights = [0.2, 0.8];
    const [row] = screenFold(fold, { members: ['cnn', 'ngram'], weights, recipe: 'pooled', reference: 'validation' });
    const ms = [...members.values()];
    const scores = perHeadMean(
      ms.map((m) => ({ categories: m.categories, heads: m.evalHeads, validationHeads: m.validationHeads })),
      labels,
      weights,
    );
    const validationScores = perHeadMean(
      ms.map((m) => ({ categories: m.categories, heads: m.validationHeads, validationHeads: m.validationHeads })),
      labels,
      weights,
    );
    const operating = operatingThresholds(validationScores.filter((_, i) => labels[i] === 0));
    const expected = foldRow(
      'source',
      'malicious-x',
      0,
      'x',
      scores.subarray(nNeg + nProbe),
      scores.subarray(0, nNeg),
      undefined,
      operating,
    );
    expect(row!.auc).toBeCloseTo(expected.auc, 12);
    expect(row!.recallAtFpr1e3).toBe(expected.recallAtFpr1e3);
    expect(row!.flagged).toBe(expected.flagged);
    expect(row!.stopped).toBe(expected.stopped);
    expect(row!.flagged).toBeGreaterThan(0);
  });

  it('flags whatever a rule outside the model flags', () => {
    const all = new Uint8Array(nEval).fill(1);
    const setting = {
      members: ['cnn', 'ngram'],
      weights: [0.2, 0.8],
      recipe: 'every-list',
      reference: 'validation',
    } as const;
    const [plain] = screenFold(fold, setting);
    const [ruled] = screenFold(fold, setting, all, 'ruled');
    expect(plain!.flagged).toBeLessThan(1);
    expect(ruled!.flagged).toBe(1);
    expect(ruled!.benignFlagged).toBe(1);
    expect(ruled!.setting).toBe('ruled');
  });

  it('sets the calibration hold-out thresholds on the hold-out part only and scores the rest', () => {
    const base = { members: ['cnn', 'ngram'], weights: [0.2, 0.8], recipe: 'pooled' } as const;
    const held = fold.negatives.filter((e) => inHoldoutPart(e.group)).length;
    expect(held).toBeGreaterThan(1000);
    expect(held).toBeLessThan(1400);
    // Every held-out-part name far above every positive: were they scored, every one would be flagged.
    const loud = new Uint8Array(nEval);
    fold.negatives.forEach((e, i) => (loud[i] = inHoldoutPart(e.group) ? 1 : 0));
    const [row] = screenFold(fold, { ...base, reference: 'holdout' }, loud, 'holdout');
    expect(row!.benignFlagged).toBeLessThan(0.01);
    // Splitting changes which benign names are scored, never the positives.
    const [validationRow] = screenFold(fold, { ...base, reference: 'validation', splitNegatives: true });
    const [unsplit] = screenFold(fold, { ...base, reference: 'validation' });
    expect(validationRow!.flagged).toBe(unsplit!.flagged);
    expect(validationRow!.benignFlagged).not.toBe(unsplit!.benignFlagged);
  });
});
