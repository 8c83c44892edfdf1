/**
 * `snowman train` as a child process, as users run it: on the shipped fixture it writes a model
 * directory, and its output carries no tfjs banner (other tools read it).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const FIXTURE = path.join(ROOT, 'test/fixtures/train-small');

describe('snowman train (child process)', () => {
  it('trains the seed configuration on the fixture and writes model.json, weights.bin and metadata.json', () => {
    const out = mkdtempSync(path.join(tmpdir(), 'snowman-cli-train-'));
    try {
      const files = readdirSync(FIXTURE)
        .filter((f) => f.endsWith('.txt'))
        .map((f) => path.join(FIXTURE, f));
      const result = spawnSync(
        process.execPath,
        ['bin/snowman.mjs', 'train', '--arch', 'seed', '--epochs', '1', '--out', out, ...files],
        { cwd: ROOT, encoding: 'utf8', timeout: 120_000 },
      );
      expect(result.status, result.stderr).toBe(0);
      for (const file of ['model.json', 'weights.bin', 'metadata.json'])
        expect(existsSync(path.join(out, file)), file).toBe(true);
      expect(`${result.stdout}${result.stderr}`).toMatch(/wrote snowman-seed-\d{8}-[0-9a-f]{8}/);
      expect(`${result.stdout}${result.stderr}`).not.toMatch(/tfjs-node|Hi, looks like/);
      // The calibration ships with every model, on the validation split's benign names.
      const written = JSON.parse(readFileSync(path.join(out, 'metadata.json'), 'utf8')) as {
        calibration: { count: number; levels: { suspicious: number } };
        provenance: { counts: { validation: { benign: number } } };
      };
      expect(written.calibration.count).toBe(written.provenance.counts.validation.benign);
      // `snowman calibrate` rebuilds the same tables from the recorded files and split.
      const again = spawnSync(process.execPath, ['bin/snowman.mjs', 'calibrate', '--model', out, '--data', FIXTURE], {
        cwd: ROOT,
        encoding: 'utf8',
        timeout: 60_000,
      });
      expect(again.status, again.stderr).toBe(0);
      const recalibrated = JSON.parse(readFileSync(path.join(out, 'metadata.json'), 'utf8')) as typeof written;
      expect(recalibrated.calibration.count).toBe(written.calibration.count);
      expect(recalibrated.calibration.levels.suspicious).toBeCloseTo(written.calibration.levels.suspicious, 6);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });

  it('sets thresholds on a calibration hold-out of every benign list, and calibrate reuses that hold-out', () => {
    const out = mkdtempSync(path.join(tmpdir(), 'snowman-cli-train-holdout-'));
    try {
      const args = [
        '--arch',
        'seed',
        '--epochs',
        '1',
        '--calibration-holdout',
        '0.2',
        '--threshold-rule',
        'every-list',
      ];
      const result = spawnSync(
        process.execPath,
        ['bin/snowman.mjs', 'train', ...args, '--data', FIXTURE, '--out', out],
        {
          cwd: ROOT,
          encoding: 'utf8',
          timeout: 120_000,
        },
      );
      expect(result.status, result.stderr).toBe(0);
      type Written = {
        calibration: { count: number; reference: string; levels: { suspicious: number } };
        provenance: {
          counts: { validation: { benign: number } };
          calibrationHoldout: { share: number; rule: string; names: number };
        };
      };
      const written = JSON.parse(readFileSync(path.join(out, 'metadata.json'), 'utf8')) as Written;
      expect(written.provenance.calibrationHoldout).toMatchObject({ share: 0.2, rule: 'every-list' });
      expect(written.calibration.count).toBe(written.provenance.calibrationHoldout.names);
      expect(written.calibration.count).not.toBe(written.provenance.counts.validation.benign);
      expect(written.calibration.reference).toMatch(/calibration hold-out: 20 %/);
      const again = spawnSync(process.execPath, ['bin/snowman.mjs', 'calibrate', '--model', out, '--data', FIXTURE], {
        cwd: ROOT,
        encoding: 'utf8',
        timeout: 60_000,
      });
      expect(again.status, again.stderr).toBe(0);
      const recalibrated = JSON.parse(readFileSync(path.join(out, 'metadata.json'), 'utf8')) as Written;
      expect(recalibrated.calibration.count).toBe(written.calibration.count);
      expect(recalibrated.calibration.levels.suspicious).toBeCloseTo(written.calibration.levels.suspicious, 6);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });

  it('writes the quick check its own member with a blend, and calibrate --quick-member gives one to an existing model', () => {
    const out = mkdtempSync(path.join(tmpdir(), 'snowman-cli-train-quick-'));
    type Written = {
      quickCheck?: { files?: string[]; calibration: { count: number } };
      calibration: { count: number };
      provenance: { recipe: { quickMember?: { file: string; features: { bits: number } } } };
    };
    const metadataOf = (dir: string) => JSON.parse(readFileSync(path.join(dir, 'metadata.json'), 'utf8')) as Written;
    const run = (args: string[]) =>
      spawnSync(process.execPath, ['bin/snowman.mjs', ...args], { cwd: ROOT, encoding: 'utf8', timeout: 180_000 });
    try {
      const blend = path.join(out, 'blend');
      const trained = run(['train', '--arch', 'compact+ngram-bag', '--epochs', '1', '--data', FIXTURE, '--out', blend]);
      expect(trained.status, trained.stderr).toBe(0);
      const written = metadataOf(blend);
      expect(written.quickCheck?.files).toEqual(['ngram-quick.bin']);
      expect(written.quickCheck?.calibration.count).toBe(written.calibration.count);
      expect(written.provenance.recipe.quickMember).toMatchObject({ file: 'ngram-quick.bin', features: { bits: 18 } });
      expect(statSync(path.join(blend, 'ngram-quick.bin')).size).toBeLessThan(2 ** 18 + 4096);

      // A plain CNN has no quick check until calibrate trains it a member, without touching the CNN.
      const plain = path.join(out, 'plain');
      expect(run(['train', '--arch', 'seed', '--epochs', '1', '--data', FIXTURE, '--out', plain]).status).toBe(0);
      expect(metadataOf(plain).quickCheck).toBeUndefined();
      const weights = readFileSync(path.join(plain, 'weights.bin'));
      const calibrated = run([
        'calibrate',
        '--model',
        plain,
        '--data',
        FIXTURE,
        '--quick-member',
        '--quick-bits',
        '12',
      ]);
      expect(calibrated.status, calibrated.stderr).toBe(0);
      expect(calibrated.stderr).toMatch(/quick check flags \(suspicious \/ dangerous\), validation: /);
      expect(metadataOf(plain).quickCheck?.files).toEqual(['ngram-quick.bin']);
      expect(statSync(path.join(plain, 'ngram-quick.bin')).size).toBeLessThan(2 ** 12 + 4096);
      expect(readFileSync(path.join(plain, 'weights.bin'))).toEqual(weights);
      // Recalibrating later keeps scoring with the member metadata names.
      const again = run(['calibrate', '--model', plain, '--data', FIXTURE]);
      expect(again.status, again.stderr).toBe(0);
      expect(again.stderr).toMatch(/quick check \(ngram-quick\.bin\)/);
      expect(run(['calibrate', '--model', plain, '--data', FIXTURE, '--quick-bits', '12']).status).toBe(2);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });

  it('refuses an unknown --threshold-rule or a hold-out share out of range with exit 2, before reading data', () => {
    const empty = mkdtempSync(path.join(tmpdir(), 'snowman-cli-train-empty-'));
    for (const flags of [
      ['--threshold-rule', 'mean'],
      ['--calibration-holdout', '0.7'],
    ]) {
      const result = spawnSync(process.execPath, ['bin/snowman.mjs', 'train', ...flags, '--data', empty], {
        cwd: ROOT,
        encoding: 'utf8',
        timeout: 60_000,
      });
      expect(result.status, result.stderr).toBe(2);
      expect(result.stderr).toMatch(flags[0]!);
    }
    rmSync(empty, { recursive: true, force: true });
  });

  it('refuses an unknown --arch with exit 2 and the list of model types, before looking at any data', () => {
    const empty = mkdtempSync(path.join(tmpdir(), 'snowman-cli-train-empty-'));
    const result = spawnSync(process.execPath, ['bin/snowman.mjs', 'train', '--arch', 'nope', '--data', empty], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 60_000,
    });
    rmSync(empty, { recursive: true, force: true });
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/compact\+ngram/);
  });
});
