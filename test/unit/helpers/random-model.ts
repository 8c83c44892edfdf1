/**
 * Random char-CNN models for tests: built with the real architecture code, weights scaled up so
 * scores spread over (0, 1) instead of sitting at 0.5 (parity at 0.5 would prove little).
 */
import * as tf from '@tensorflow/tfjs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { LAYER, SEED_ARCHITECTURE, type ArchitectureConfig } from '../../../src/core/model/architecture.js';
import { buildLayersModel } from '../../../src/cli/model/layers-model.js';
import { readModelBundle, type ModelBundle } from '../../../src/core/model/files.js';
import { writeModelFiles } from '../../../src/cli/model/layers-files.js';
import { METADATA_FORMAT, METADATA_FORMAT_VERSION, type ModelMetadata } from '../../../src/core/model/metadata.js';
import { createTokenizer, DEFAULT_TOKENIZER } from '../../../src/core/tokenizer.js';
import { seededRandom } from '../../../src/core/rng.js';

/** Six widths, a hidden layer and both heads: the kind of model the trainer may ship. */
export const WIDE_ARCHITECTURE: ArchitectureConfig = {
  name: 'wide-test',
  embeddingDim: 12,
  widths: [2, 3, 5, 7],
  filters: 24,
  hidden: 16,
  dropout: 0.3,
  heads: ['malicious', 'dga'],
};

/** Max and mean pooling per width (the trainer's `max-mean` option), no hidden layer. */
export const MAX_MEAN_ARCHITECTURE: ArchitectureConfig = {
  name: 'max-mean-test',
  embeddingDim: 10,
  widths: [3, 4, 6],
  filters: 16,
  hidden: 0,
  dropout: 0.2,
  heads: ['malicious', 'dga'],
  pooling: 'max-mean',
};

export function metadataFor(architecture: ArchitectureConfig, version = 'test-model'): ModelMetadata {
  const thresholds = Object.fromEntries(architecture.heads.map((h) => [h, { suspicious: 0.9, dangerous: 0.99 }]));
  return {
    format: METADATA_FORMAT,
    formatVersion: METADATA_FORMAT_VERSION,
    version,
    createdAt: '2026-01-01T00:00:00.000Z',
    architecture,
    tokenizer: DEFAULT_TOKENIZER,
    thresholds,
  };
}

/** Seeded uniform weights in ±scale, per weight tensor. */
function randomise(model: tf.LayersModel, seed: number): void {
  const scaled = model.getWeights().map((w, i) => {
    const name = model.weights[i]!.originalName;
    const scale = name.includes('embedding') ? 1 : name.includes('bias') ? 0.3 : name.startsWith('output') ? 0.6 : 0.4;
    return tf.randomUniform(w.shape, -scale, scale, 'float32', seed + i);
  });
  model.setWeights(scaled);
  tf.dispose(scaled);
  centreOutputs(model);
}

/** Shifts each head's output bias so that its median logit on random names is 0. */
function centreOutputs(model: tf.LayersModel): void {
  const ids = createTokenizer(DEFAULT_TOKENIZER).encodeBatch(randomNames(400, 99));
  const probabilities = tf.tidy(
    () =>
      (
        model.predict(tf.tensor2d(ids, [400, DEFAULT_TOKENIZER.maxLength], 'int32')) as tf.Tensor
      ).arraySync() as number[][],
  );
  const output = model.getLayer(LAYER.output);
  const [kernel, bias] = output.getWeights();
  const shift = bias!.arraySync() as number[];
  shift.forEach((_, head) => {
    const logits = probabilities.map((row) => Math.log(row[head]! / (1 - row[head]!))).sort((a, b) => a - b);
    shift[head]! -= logits[Math.floor(logits.length / 2)]!;
  });
  const centred = tf.tensor1d(shift);
  output.setWeights([kernel!, centred]);
  centred.dispose();
}

/** Model files (name → bytes) of a random model of `architecture`. */
export async function randomModelFiles(
  architecture: ArchitectureConfig = SEED_ARCHITECTURE,
  seed = 7,
  metadata: ModelMetadata = metadataFor(architecture),
): Promise<Record<string, Uint8Array>> {
  const model = buildLayersModel(architecture, DEFAULT_TOKENIZER, seed);
  randomise(model, seed);
  try {
    return await writeModelFiles(model, metadata);
  } finally {
    model.dispose();
  }
}

/** A reader over in-memory files, as the loaders take. */
export function memoryReader(files: Record<string, Uint8Array>) {
  return async (name: string): Promise<Uint8Array> => {
    const bytes = files[name];
    if (!bytes) throw new Error(`ENOENT: ${name}`);
    return bytes;
  };
}

export async function randomBundle(
  architecture: ArchitectureConfig = SEED_ARCHITECTURE,
  seed = 7,
): Promise<ModelBundle> {
  return readModelBundle(memoryReader(await randomModelFiles(architecture, seed)));
}

/** Writes a random model into a fresh temporary directory; returns the directory. */
export async function randomModelDir(architecture: ArchitectureConfig = SEED_ARCHITECTURE, seed = 7): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'snowman-model-'));
  for (const [name, bytes] of Object.entries(await randomModelFiles(architecture, seed)))
    await writeFile(path.join(dir, name), bytes);
  return dir;
}

/** Deterministic test names: 1 to 100 characters from the vocabulary plus a few outside it. */
export function randomNames(count: number, seed = 1): string[] {
  const alphabet = `${DEFAULT_TOKENIZER.vocabulary}ABZ!é`;
  const next = seededRandom(seed);
  const names: string[] = [];
  for (let i = 0; i < count; i++) {
    const length = 1 + Math.floor(next() ** 2 * 100);
    let name = '';
    for (let j = 0; j < length; j++) name += alphabet[Math.floor(next() * alphabet.length)];
    names.push(name);
  }
  return names;
}
