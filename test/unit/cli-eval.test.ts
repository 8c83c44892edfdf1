/** `snowman eval` end to end on small fixtures, plus the pure evaluation on hand-made scores. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { ModelMetadata } from '../../src/core/model/metadata.js';
import { parseEvalArgs } from '../../src/cli/report/eval-args.js';
import { evaluate, histogram } from '../../src/cli/report/evaluate.js';
import { renderHtmlReport } from '../../src/cli/report/html-report.js';
import type { ScoredFile } from '../../src/cli/report/scored-files.js';
import { renderGeneralisationText } from '../../src/cli/report/generalisation-text.js';
import type { GeneralisationResult } from '../../src/cli/generalisation/types.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const FIXTURES = 'test/fixtures/eval';

function snowman(args: string[]) {
  const result = spawnSync(process.execPath, ['bin/snowman.mjs', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('snowman eval (child process)', () => {
  it('prints AUC and recall per class and writes a self-contained HTML report with SVG', () => {
    const report = path.join(mkdtempSync(path.join(tmpdir(), 'snowman-eval-')), 'report.html');
    const { code, stdout, stderr } = snowman([
      'eval',
      '--benign',
      `${FIXTURES}/benign-fixture.txt`,
      '--malicious',
      `${FIXTURES}/malicious-fixture.txt`,
      '--dga',
      `${FIXTURES}/dga-fixture.txt`,
      '--report',
      report,
    ]);
    expect(stderr).toMatch(/report written to/);
    expect(code).toBe(0);
    expect(stdout).toMatch(/\bAUC\b/);
    expect(stdout).toMatch(/R@FPR 1e-2 +R@FPR 1e-3 +R@FPR 1e-4/);
    const malicious = stdout.split('\n').find((line) => line.startsWith('malicious '));
    expect(malicious).toMatch(/^malicious +\S+ +20 +34 +[01]\.\d{4} /);
    // The benign fixture's "not a host name" line is counted as rejected, not scored.
    expect(stdout).toMatch(/benign-fixture +benign +34 +1 +0 /);
    expect(existsSync(report)).toBe(true);
    const html = readFileSync(report, 'utf8');
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain('<svg');
    expect(html).toContain('ROC curves');
    expect(html).not.toMatch(/<script|<link|src="http|href="http/);
  });

  it('--json prints one machine-readable document', () => {
    const { code, stdout } = snowman([
      'eval',
      '--json',
      `${FIXTURES}/benign-fixture.txt`,
      `${FIXTURES}/malicious-fixture.txt`,
    ]);
    expect(code).toBe(0);
    const doc = JSON.parse(stdout) as {
      eval: { classes: { label: string; auc: number; recall: { fpr: number }[] }[]; files: unknown[] };
    };
    expect(doc.eval.classes.map((c) => c.label)).toEqual(['malicious']);
    expect(doc.eval.classes[0]!.auc).toBeGreaterThanOrEqual(0);
    expect(doc.eval.classes[0]!.recall.map((r) => r.fpr)).toEqual([1e-2, 1e-3, 1e-4]);
    expect(doc.eval.files).toHaveLength(2);
  });

  it('exits 2 on a missing file, a missing class or a file without a label', () => {
    const missing = snowman([
      'eval',
      '--benign',
      `${FIXTURES}/nope.txt`,
      '--malicious',
      `${FIXTURES}/malicious-fixture.txt`,
    ]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/cannot read .*nope\.txt/);
    const noMalicious = snowman(['eval', '--benign', `${FIXTURES}/benign-fixture.txt`]);
    expect(noMalicious.code).toBe(2);
    expect(noMalicious.stderr).toMatch(/no malicious file/);
  });
});

describe('eval argument parsing', () => {
  it('gives a label flag every file up to the next flag, and labels bare files by name', () => {
    const args = parseEvalArgs([
      '--benign',
      'a.txt',
      'b.txt',
      '--report',
      'r.html',
      'malicious-x.txt',
      '--dga',
      'c.txt',
      '--json',
    ]);
    expect(args.files).toEqual([
      { path: 'a.txt', label: 'benign' },
      { path: 'b.txt', label: 'benign' },
      { path: 'malicious-x.txt', label: 'malicious' },
      { path: 'c.txt', label: 'dga' },
    ]);
    expect(args.reportPath).toBe('r.html');
    expect(args.json).toBe(true);
    expect(() => parseEvalArgs(['unlabelled.txt'])).toThrow(/cannot tell the label/);
    expect(() => parseEvalArgs(['--nope'])).toThrow();
  });
});

describe('evaluate (hand-made scores)', () => {
  const metadata = {
    version: 'test',
    architecture: { name: 'test', heads: ['malicious', 'dga'] },
    thresholds: { malicious: { suspicious: 0.5, dangerous: 0.9 }, dga: { suspicious: 0.6, dangerous: 0.95 } },
  } as unknown as ModelMetadata;

  function file(source: string, label: 'benign' | 'malicious' | 'dga', malicious: number[], dga: number[]): ScoredFile {
    const level = (i: number) =>
      malicious[i]! >= 0.9 || dga[i]! >= 0.95 ? 2 : malicious[i]! >= 0.5 || dga[i]! >= 0.6 ? 1 : 0;
    const levels = Uint8Array.from(malicious.map((_, i) => level(i)));
    return {
      summary: {
        path: `${source}.txt`,
        source,
        label,
        lines: malicious.length,
        kept: malicious.length,
        rejected: 0,
        duplicates: 0,
        sha256: '',
      },
      label,
      heads: [Float32Array.from(malicious), Float32Array.from(dga)],
      modelLevels: levels,
      verdictLevels: levels,
    };
  }

  const files = [
    file('benign-a', 'benign', [0.1, 0.2, 0.3, 0.6], [0.1, 0.1, 0.1, 0.1]),
    file('malicious-a', 'malicious', [0.95, 0.7, 0.25, 0.1], [0.1, 0.1, 0.1, 0.1]),
    file('dga-a', 'dga', [0.1, 0.1], [0.97, 0.1]),
  ];
  const result = evaluate(files, metadata, { backend: 'cpu', engine: 'test' });

  it('uses each class its own head, and the highest head for all classes together', () => {
    expect(result.classes.map((c) => [c.label, c.column])).toEqual([
      ['malicious', 'malicious'],
      ['dga', 'dga'],
      ['all', 'max'],
    ]);
  });
  it('computes AUC against all benign names (hand-worked)', () => {
    // malicious head: positives 0.95, 0.7, 0.25, 0.1 vs benign 0.1, 0.2, 0.3, 0.6:
    // 4 + 4 + 2 + 0.5 = 10.5 winning pairs of 16.
    expect(result.classes[0]!.auc).toBeCloseTo(10.5 / 16, 12);
    // dga head: 0.97 beats all four benign 0.1s; 0.1 ties all four: 4 + 2 = 6 of 8.
    expect(result.classes[1]!.auc).toBeCloseTo(6 / 8, 12);
  });
  it('reports shares at the shipped thresholds, false-positive rates for benign files', () => {
    expect(result.benign.shipped.suspicious).toBe(0.25);
    expect(result.benign.shipped.dangerous).toBe(0);
    expect(result.classes[0]!.shipped).toEqual({ suspicious: 0.5, dangerous: 0.25, verdict: 0.5 });
    expect(result.files.find((f) => f.source === 'dga-a')!.shipped.dangerous).toBe(0.5);
    expect(result.files.find((f) => f.source === 'benign-a')!.auc).toBeNull();
  });
  it('marks recall at an FPR finer than 1/benign as unresolved', () => {
    expect(result.classes[0]!.recall.every((r) => !r.resolved)).toBe(true);
    // Threshold just above the highest benign score (0.6): 0.95 and 0.7 pass.
    expect(result.classes[0]!.recall[0]!.recall).toBe(0.5);
  });
  it('bins histograms over [0, 1], with 1.0 in the last bin', () => {
    const counts = histogram([0, 0.019, 0.02, 0.5, 1], 50);
    expect(counts[0]).toBe(2);
    expect(counts[1]).toBe(1);
    expect(counts[25]).toBe(1);
    expect(counts[49]).toBe(1);
  });
  it('renders a report with a ROC curve and a histogram per head and per file', () => {
    const html = renderHtmlReport({ eval: result, createdAt: 'now' });
    expect(html.match(/<svg /g)!.length).toBe(1 + 3 + 3);
    expect(html).toContain('benign-a');
  });
});

describe('generalisation rendering', () => {
  const fold = (kind: 'source' | 'family' | 'random', heldOut: string, model: string, auc: number, recall: number) => ({
    kind,
    heldOut,
    fold: 0,
    model,
    auc,
    recallAtFpr1e3: recall,
    recallAtFpr1e4: recall / 2,
    nPositives: 1000,
    nNegatives: 5000,
  });
  const result: GeneralisationResult = {
    createdAt: 'now',
    dataDir: 'data',
    models: ['ngram', 'cnn'],
    protocol: {
      benignHoldoutShare: 0.25,
      familyGroups: [['dga-a']],
      sourceByFold: ['malicious-a'],
      maxTrainPerSource: 20000,
      maxEvalPerSource: 5000,
      epochs: 2,
      seed: 1,
      notes: ['families held out in groups of 4'],
    },
    folds: [
      fold('source', 'malicious-a', 'ngram', 0.84, 0.04),
      fold('source', 'malicious-a', 'cnn', 0.86, 0.2),
      fold('family', 'dga-a', 'ngram', 0.9, 0.5),
      fold('family', 'dga-a', 'cnn', 0.92, 0.55),
    ],
    means: [
      {
        model: 'ngram',
        source: { auc: 0.84, recallAtFpr1e3: 0.04, folds: 1, bareRecallAtFpr1e3: 0.03 },
        family: { auc: 0.9, recallAtFpr1e3: 0.5, folds: 1 },
        random: null,
        subdomainFlagged: 0.006,
      },
      {
        model: 'cnn',
        source: { auc: 0.86, recallAtFpr1e3: 0.2, folds: 1, bareRecallAtFpr1e3: 0.1 },
        family: { auc: 0.92, recallAtFpr1e3: 0.55, folds: 1 },
        random: null,
        subdomainFlagged: 0.001,
      },
    ],
    costs: [
      { model: 'ngram', trainSeconds: 12, scoreMicrosPerName: 3 },
      { model: 'cnn', trainSeconds: 60, scoreMicrosPerName: 9 },
    ],
    benignBySource: [
      { model: 'ngram', source: 'benign-top', n: 2000, flaggedAtFpr1e3: 0.0005, medianPercentile: 0.45 },
      { model: 'cnn', source: 'benign-top', n: 2000, flaggedAtFpr1e3: 0.0008, medianPercentile: 0.48 },
    ],
    runSeconds: 80,
  };

  it('puts the models side by side per held-out set, then the means', () => {
    const text = renderGeneralisationText(result);
    expect(text).toMatch(/ngram AUC +ngram R@1e-3 +cnn AUC +cnn R@1e-3/);
    expect(text).toMatch(/source +malicious-a +1,000 +5,000 +0\.8400 +4\.00% +0\.8600 +20\.00%/);
    expect(text).toMatch(/mean +leave-one-source-out +0\.8400 +4\.00% +0\.8600 +20\.00%/);
    expect(text).toMatch(/mean +leave-family-out +0\.9000 +50\.00% +0\.9200 +55\.00%/);
    expect(text).toMatch(/mean +random split +- +- +- +-/);
    expect(text).toMatch(
      /mean +leave-one-source-out, names without a sub-domain \(recall only\) +- +3\.00% +- +10\.00%/,
    );
    expect(text).toMatch(
      /probe +benign names with a service sub-domain, share flagged \(should be ~0\.1%\) +- +0\.60% +- +0\.10%/,
    );
    expect(text).toContain('families held out in groups of 4');
    expect(text).toMatch(/benign-top +2,000 +0\.05% +0\.45 +0\.08% +0\.48/);
  });
  it('renders into the HTML report', () => {
    const html = renderHtmlReport({ generalisation: result, createdAt: 'now' });
    expect(html).toContain('Generalisation');
    expect(html).toContain('leave-family-out');
  });
});
