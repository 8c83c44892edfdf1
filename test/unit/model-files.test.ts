import { beforeAll, describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { initBackend } from '../../src/core/model/backend.js';
import { SEED_ARCHITECTURE } from '../../src/core/model/architecture.js';
import { buildLayersModel } from '../../src/cli/model/layers-model.js';
import { readModelBundle, type ModelFileReader } from '../../src/core/model/files.js';
import { writeModelFiles } from '../../src/cli/model/layers-files.js';
import { ModelFormatError, validateMetadata, type ModelMetadata } from '../../src/core/model/metadata.js';
import { scoreHosts } from '../../src/core/model/scorer.js';
import { createLayersScorer } from '../../src/cli/model/layers-scorer.js';
import { DEFAULT_TOKENIZER } from '../../src/core/tokenizer.js';

const SHIPPED = path.resolve(__dirname, '../../model');
const shippedReader: ModelFileReader = async (name) => new Uint8Array(await readFile(path.join(SHIPPED, name)));

const metadata: ModelMetadata = {
  format: 'snowman-model',
  formatVersion: 1,
  version: 'unit-test',
  createdAt: '2026-01-01',
  architecture: SEED_ARCHITECTURE,
  tokenizer: DEFAULT_TOKENIZER,
  thresholds: { malicious: { suspicious: 0.6, dangerous: 0.9 } },
};

describe('model files', () => {
  let files: Record<string, Uint8Array>;
  beforeAll(async () => {
    await initBackend({ preferred: 'wasm' });
    files = await writeModelFiles(buildLayersModel(SEED_ARCHITECTURE, DEFAULT_TOKENIZER), metadata);
  });
  const reader =
    (overrides: Record<string, Uint8Array | Error> = {}): ModelFileReader =>
    async (name) => {
      const v = overrides[name] ?? files[name];
      if (v instanceof Error) throw v;
      if (!v) throw new Error(`ENOENT: ${name}`);
      return v;
    };

  it('round-trips a model: written files load and score in (0, 1)', async () => {
    const scorer = await createLayersScorer(await readModelBundle(reader()));
    const [a, b] = await scoreHosts(scorer, ['example.com', 'x']);
    expect(a!.score).toBeGreaterThan(0);
    expect(a!.score).toBeLessThan(1);
    expect(b!.category).toBe('malicious');
    scorer.dispose();
  });

  it('refuses a missing file, truncated weights, bad JSON and foreign metadata with a clear error', async () => {
    await expect(readModelBundle(reader({ 'weights.bin': new Error('ENOENT') }))).rejects.toThrow(
      /cannot read model file weights.bin/,
    );
    await expect(readModelBundle(reader({ 'weights.bin': files['weights.bin']!.slice(0, 100) }))).rejects.toThrow(
      /corrupt/,
    );
    await expect(
      readModelBundle(reader({ 'model.json': new TextEncoder().encode('{"modelTopology": ') })),
    ).rejects.toThrow(ModelFormatError);
    await expect(
      readModelBundle(reader({ 'metadata.json': new TextEncoder().encode('{"format":"other"}') })),
    ).rejects.toThrow(/format/);
    await expect(readModelBundle(reader({ 'metadata.json': new Uint8Array([0xff, 0xfe, 0x00]) }))).rejects.toThrow(
      /not valid JSON/,
    );
  });

  it('refuses metadata whose tokenizer does not fit the topology (a silent wrong score otherwise)', async () => {
    const wrong = { ...metadata, tokenizer: { ...DEFAULT_TOKENIZER, maxLength: 64 } };
    const bundle = await readModelBundle(reader({ 'metadata.json': new TextEncoder().encode(JSON.stringify(wrong)) }));
    await expect(createLayersScorer(bundle)).rejects.toThrow(/input length/);
  });

  it('validates thresholds for every head', () => {
    expect(() => validateMetadata({ ...metadata, thresholds: {} })).toThrow(/thresholds/);
    expect(() =>
      validateMetadata({ ...metadata, thresholds: { malicious: { suspicious: 0.9, dangerous: 0.5 } } }),
    ).toThrow(/thresholds/);
  });

  it('loads the shipped model and scores with it', async () => {
    const scorer = await createLayersScorer(await readModelBundle(shippedReader));
    const scores = await scoreHosts(scorer, ['google.com', 'qxwzkvbnrt.biz']);
    expect(scores).toHaveLength(2);
    for (const s of scores) expect(s.score).toBeGreaterThanOrEqual(0);
    expect(scorer.metadata.version).toMatch(/\S/);
    scorer.dispose();
  });
});
