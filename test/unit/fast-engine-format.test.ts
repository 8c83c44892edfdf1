import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { SEED_ARCHITECTURE } from '../../src/core/model/architecture.js';
import { initBackend } from '../../src/core/model/backend.js';
import { createFastScorer } from '../../src/core/model/fast-scorer.js';
import { loadFastScorer } from '../../src/core/model/load-fast-scorer.js';
import { readModelBundle } from '../../src/core/model/files.js';
import { ModelFormatError } from '../../src/core/model/metadata.js';
import {
  MAX_MEAN_ARCHITECTURE,
  memoryReader,
  metadataFor,
  randomModelFiles,
  WIDE_ARCHITECTURE,
} from './helpers/random-model.js';

beforeAll(async () => {
  await initBackend();
});

/** Model files whose topology is `built` but whose metadata claims `claimed`. */
async function mismatched(built: typeof SEED_ARCHITECTURE, claimed: typeof SEED_ARCHITECTURE) {
  const files = await randomModelFiles(built, 3, metadataFor(claimed));
  return readModelBundle(memoryReader(files));
}

describe('fast engine refuses models it would score wrongly', () => {
  it.each([
    ['other widths', { ...SEED_ARCHITECTURE, widths: [2, 4, 5] }],
    ['a hidden layer the model lacks', { ...SEED_ARCHITECTURE, hidden: 8 }],
    ['widths in another order', { ...SEED_ARCHITECTURE, widths: [6, 4, 2] }],
    ['mean pooling the model lacks', { ...SEED_ARCHITECTURE, pooling: 'max-mean' as const }],
  ])('metadata claiming %s', async (_label, claimed) => {
    await expect(createFastScorer(await mismatched(SEED_ARCHITECTURE, claimed))).rejects.toThrow(ModelFormatError);
  });

  it('a topology with an unknown layer', async () => {
    const files = await randomModelFiles(SEED_ARCHITECTURE, 3);
    const json = JSON.parse(new TextDecoder().decode(files['model.json'])) as {
      modelTopology: { config: { layers: { class_name: string }[] } };
    };
    json.modelTopology.config.layers.find((l) => l.class_name === 'Dropout')!.class_name = 'BatchNormalization';
    const bundle = await readModelBundle(
      memoryReader({ ...files, 'model.json': new TextEncoder().encode(JSON.stringify(json)) }),
    );
    await expect(createFastScorer(bundle)).rejects.toThrow(/unexpected layer class BatchNormalization/);
  });

  it('a conv layer with another activation', async () => {
    const files = await randomModelFiles(SEED_ARCHITECTURE, 3);
    const text = new TextDecoder().decode(files['model.json']).replace('"activation":"relu"', '"activation":"tanh"');
    const bundle = await readModelBundle(memoryReader({ ...files, 'model.json': new TextEncoder().encode(text) }));
    await expect(createFastScorer(bundle)).rejects.toThrow(/not a valid relu Conv1D/);
  });

  it('missing files, through the loader', async () => {
    const files = await randomModelFiles(SEED_ARCHITECTURE, 3);
    const { ['weights.bin']: _dropped, ...rest } = files;
    await expect(loadFastScorer(memoryReader(rest))).rejects.toThrow(/cannot read model file weights.bin/);
  });
});

describe('fast engine lifecycle', () => {
  it.each([
    ['wide', WIDE_ARCHITECTURE],
    ['max-mean', MAX_MEAN_ARCHITECTURE],
  ])('frees every tensor it made on dispose, and refuses work afterwards (%s)', async (_label, architecture) => {
    const before = tf.memory().numTensors;
    const fast = await createFastScorer(await readModelBundle(memoryReader(await randomModelFiles(architecture, 4))));
    await fast.predict(['a.com', 'b'.repeat(80)]);
    await fast.explain(['a.com']);
    expect(tf.memory().numTensors).toBeGreaterThan(before);
    fast.dispose();
    expect(tf.memory().numTensors).toBe(before);
    await expect(fast.predict(['a.com'])).rejects.toThrow(/disposed/);
  });
});
