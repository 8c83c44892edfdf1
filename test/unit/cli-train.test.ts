/**
 * `snowman train` as a child process, as users run it: on the shipped fixture it writes a model
 * directory, and its output carries no tfjs banner (other tools read it).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
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
      const files = readdirSync(FIXTURE).filter((f) => f.endsWith('.txt')).map((f) => path.join(FIXTURE, f));
      const result = spawnSync(process.execPath, ['bin/snowman.mjs', 'train', '--arch', 'seed', '--epochs', '1', '--out', out, ...files], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
      expect(result.status, result.stderr).toBe(0);
      for (const file of ['model.json', 'weights.bin', 'metadata.json']) expect(existsSync(path.join(out, file)), file).toBe(true);
      expect(`${result.stdout}${result.stderr}`).toMatch(/wrote snowman-seed-\d{8}-[0-9a-f]{8}/);
      expect(`${result.stdout}${result.stderr}`).not.toMatch(/tfjs-node|Hi, looks like/);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });

  it('refuses an unknown --arch with exit 2 and the list of model types, before looking at any data', () => {
    const empty = mkdtempSync(path.join(tmpdir(), 'snowman-cli-train-empty-'));
    const result = spawnSync(process.execPath, ['bin/snowman.mjs', 'train', '--arch', 'nope', '--data', empty], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
    rmSync(empty, { recursive: true, force: true });
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/compact\+ngram/);
  });
});
