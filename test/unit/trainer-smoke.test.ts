/**
 * The trainer end to end on a small shipped fixture: loss falls, the held-out AUC is high, a seed
 * gives the same weights twice, and the exported tfjs model scores like the trainer.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { auc } from '../../src/cli/metrics.js';
import { SEED_ARCHITECTURE } from '../../src/core/model/architecture.js';
import { readModelBundle } from '../../src/core/model/files.js';
import { createLayersScorer } from '../../src/cli/model/layers-scorer.js';
import { listDataFiles, readLabelledFiles, type Example } from '../../src/cli/data/labelled-files.js';
import { splitByGroup } from '../../src/cli/data/split.js';
import { trainCnn } from '../../src/cli/train/index.js';
import { runTraining, writeModelDir } from '../../src/cli/train/run-training.js';

const FIXTURE = fileURLToPath(new URL('../fixtures/train-small/', import.meta.url));
let examples: Example[] = [];

beforeAll(async () => {
  await tf.setBackend('cpu');
  examples = (await readLabelledFiles((await listDataFiles(FIXTURE)).map((p) => ({ path: p })))).examples;
});

function split() {
  return splitByGroup(examples, { validation: 0.15, test: 0.2 }, 3);
}

describe('trainer smoke run', () => {
  it('lowers the loss and separates held-out names of a separable task (benign vs DGA, AUC > 0.9)', async () => {
    // Phishing names vs top sites is not separable from 2k examples; benign vs DGA is.
    const separable = examples.filter((e) => e.label !== 'malicious');
    const { train, validation, test } = splitByGroup(separable, { validation: 0.15, test: 0.2 }, 3);
    const result = await trainCnn(train, validation, {
      architecture: SEED_ARCHITECTURE,
      epochs: 6,
      batchSize: 32,
      seed: 5,
      patience: 6,
      learningRate: 0.003,
    });
    const losses = result.history.map((h) => h.loss);
    expect(losses.at(-1)!).toBeLessThan(losses[0]! * 0.7);
    const scores = result.model.score(test.map((e) => e.host));
    const benign = test.flatMap((e, i) => (e.label === 'benign' ? [scores[i]!] : []));
    const positives = test.flatMap((e, i) => (e.label === 'benign' ? [] : [scores[i]!]));
    expect(auc(positives, benign)).toBeGreaterThan(0.9);
  });

  it('gives byte-identical weights for the same seed, on one thread and on two', async () => {
    const { train, validation } = split();
    const options = {
      architecture: { ...SEED_ARCHITECTURE, heads: ['malicious', 'dga'] as const },
      epochs: 2,
      batchSize: 32,
      seed: 9,
    };
    const [a, b] = [await trainCnn(train, validation, options), await trainCnn(train, validation, options)];
    expect(Buffer.from(a.model.params.buffer).equals(Buffer.from(b.model.params.buffer))).toBe(true);
    const [c, d] = [
      await trainCnn(train, validation, { ...options, threads: 2 }),
      await trainCnn(train, validation, { ...options, threads: 2 }),
    ];
    expect(Buffer.from(c.model.params.buffer).equals(Buffer.from(d.model.params.buffer))).toBe(true);
    // Two threads sum gradients in another order: same model up to float rounding.
    const diff = Math.max(...a.model.params.map((v, i) => Math.abs(v - c.model.params[i]!)));
    expect(diff).toBeLessThan(1e-3);
  });

  it('keeps two threads in step over thousands of small steps (no lost or repeated wake-ups)', async () => {
    const { createThreadEngine } = await import('../../src/cli/train/thread-engine.js');
    const { createParamLayout } = await import('../../src/cli/train/param-layout.js');
    const { initialParams } = await import('../../src/cli/train/tfjs-bridge.js');
    const { DEFAULT_TOKENIZER } = await import('../../src/core/tokenizer.js');
    const layout = createParamLayout(SEED_ARCHITECTURE, DEFAULT_TOKENIZER);
    const run = async () => {
      const engine = await createThreadEngine(
        layout,
        initialParams(SEED_ARCHITECTURE, DEFAULT_TOKENIZER, layout, 1),
        {},
        2,
        16,
        { config: SEED_ARCHITECTURE, tokenizer: DEFAULT_TOKENIZER },
      );
      for (let i = 0; i < 16; i++) {
        engine.batch.lengths[i] = 3 + i;
        engine.batch.ids.fill(2 + i, i * 75, i * 75 + 3 + i);
        engine.batch.weights[i] = 1;
        engine.batch.targets[i] = i % 2;
      }
      engine.batch.dropMask.fill(2);
      let loss = 0;
      for (let s = 0; s < 5000; s++) loss += await engine.step(1 + (s % 16));
      const params = Float32Array.from(engine.params);
      await engine.dispose();
      return { loss, params };
    };
    const [a, b] = [await run(), await run()];
    expect(a.loss).toBe(b.loss);
    expect(Buffer.from(a.params.buffer).equals(Buffer.from(b.params.buffer))).toBe(true);
  });

  it('writes a model directory whose tfjs model scores like the trainer', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'snowman-train-'));
    try {
      const outcome = await runTraining({
        arch: 'snowman',
        files: (await listDataFiles(FIXTURE)).map((p) => ({ path: p })),
        seed: 2,
        epochs: 3,
        batchSize: 64,
        threads: 1,
        command: ['test'],
        log: () => {},
      });
      await writeModelDir(dir, outcome.files);
      const bundle = await readModelBundle(async (name) => new Uint8Array(await readFile(path.join(dir, name))));
      expect(bundle.metadata.version).toMatch(/^snowman-snowman-\d{8}-[0-9a-f]{8}$/);
      expect(Object.keys(bundle.metadata.thresholds)).toEqual(['malicious', 'dga']);
      const scorer = await createLayersScorer(bundle);
      const hosts = examples.slice(0, 300).map((e) => e.host);
      const theirs = await scorer.predict(hosts);
      const { trainedCnnFromParams } = await import('../../src/cli/train/index.js');
      const weights = new Float32Array(outcome.files['weights.bin']!.slice().buffer);
      const ours = trainedCnnFromParams(bundle.metadata.architecture, bundle.metadata.tokenizer, weights).predict(
        hosts,
      );
      let worst = 0;
      for (let i = 0; i < ours.length; i++) worst = Math.max(worst, Math.abs(ours[i]! - theirs[i]!));
      expect(worst).toBeLessThan(1e-4);
      scorer.dispose();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('writes the shipped blend (CNN + n-gram files) that every loader blends exactly as the trainer did', async () => {
    const { SHIPPED_ARCH } = await import('../../src/cli/train/archs.js');
    const { SHIPPED_NGRAM_MEMBERS } = await import('../../src/cli/ngram/shipped-members.js');
    const memberFiles = SHIPPED_NGRAM_MEMBERS.map((m) => m.file);
    const { loadFastScorer } = await import('../../src/core/model/load-fast-scorer.js');
    const { loadLayersScorer } = await import('../../src/cli/model/layers-scorer.js');
    const dir = await mkdtemp(path.join(tmpdir(), 'snowman-train-blend-'));
    try {
      const outcome = await runTraining({
        arch: SHIPPED_ARCH,
        files: (await listDataFiles(FIXTURE)).map((p) => ({ path: p })),
        seed: 2,
        epochs: 2,
        batchSize: 64,
        threads: 1,
        command: ['test'],
        log: () => {},
      });
      await writeModelDir(dir, outcome.files);
      const read = async (name: string) => new Uint8Array(await readFile(path.join(dir, name)));
      const bundle = await readModelBundle(read);
      const blend = (bundle.metadata.architecture as { ngramBlend?: { members: { file: string }[] } }).ngramBlend;
      expect(blend?.members.map((m) => m.file)).toEqual(memberFiles);
      expect(memberFiles.length).toBeGreaterThan(1);
      for (const file of memberFiles) expect(outcome.files[file]!.length).toBeGreaterThan(2 ** 20);
      // Bagging only helps if the members differ: each hashes the same n-grams to other buckets.
      expect(Buffer.from(outcome.files[memberFiles[0]!]!).equals(Buffer.from(outcome.files[memberFiles[1]!]!))).toBe(
        false,
      );
      const hosts = examples.slice(0, 300).map((e) => e.host);
      const [fast, layers, cnnOnly] = [
        await loadFastScorer(read),
        await loadLayersScorer(read),
        await createLayersScorer(bundle),
      ];
      expect(fast.engine).toMatch(/\+ngram$/);
      const [a, b, c] = [await fast.predict(hosts), await layers.predict(hosts), await cnnOnly.predict(hosts)];
      let worst = 0;
      let apart = 0;
      for (let i = 0; i < a.length; i++) {
        worst = Math.max(worst, Math.abs(a[i]! - b[i]!));
        apart = Math.max(apart, Math.abs(a[i]! - c[i]!));
      }
      expect(worst).toBeLessThan(1e-4);
      // The n-gram member really takes part: without it the scores differ.
      expect(apart).toBeGreaterThan(0.05);
      // Without its n-gram file the model is refused, not run as a plain CNN with the blend's thresholds.
      const last = memberFiles[memberFiles.length - 1]!;
      await rm(path.join(dir, last));
      await expect(loadFastScorer(read)).rejects.toThrow(new RegExp(last.replace('.', '\\.')));
      [fast, layers, cnnOnly].forEach((s) => s.dispose());
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('boosting: a zero offset changes nothing; offsets that already separate the labels leave the CNN little to learn', async () => {
    const { train, validation } = split();
    const options = {
      architecture: { ...SEED_ARCHITECTURE, heads: ['malicious', 'dga'] as const },
      epochs: 1,
      batchSize: 32,
      seed: 4,
    };
    const plain = await trainCnn(train, validation, options);
    const zero = await trainCnn(train, validation, {
      ...options,
      logitOffset: (hosts) => new Float32Array(hosts.length * 2),
    });
    expect(Buffer.from(zero.model.params.buffer).equals(Buffer.from(plain.model.params.buffer))).toBe(true);
    const risky = new Set(train.filter((e) => e.label !== 'benign').map((e) => e.host));
    // Augmented names carry a prefix: judge them by their base name.
    const label = (host: string) => risky.has(host) || [...risky].some((r) => host.endsWith(`.${r}`));
    const oracle = await trainCnn(train, validation, {
      ...options,
      logitOffset: (hosts) => Float32Array.from(hosts.flatMap((h) => (label(h) ? [8, 8] : [-8, -8]))),
    });
    expect(oracle.history[0]!.loss).toBeLessThan(plain.history[0]!.loss / 5);
  });
});
