/**
 * Child process of bench/sections/training.ts: training throughput of one trainer set-up
 * (argv: folded <arch> <threads> | tfjs-cpu), on real names from ../shared/data when present,
 * else on the test fixture. Prints one JSON line.
 */
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs';
import { SEED_ARCHITECTURE } from '../../src/core/model/architecture.js';
import { buildLayersModel } from '../../src/cli/model/layers-model.js';
import { createTokenizer, DEFAULT_TOKENIZER } from '../../src/core/tokenizer.js';
import { DEFAULT_DATA_DIR, groupOf, labelFromFileName, type Example } from '../../src/cli/data/labelled-files.js';
import { CNN_RECIPES, trainCnn } from '../../src/cli/train/index.js';

export interface TrainingProbeResult {
  readonly trainer: string;
  readonly arch: string;
  readonly threads: number;
  readonly samples: number;
  readonly samplesPerSecond: number;
  /** Samples per CPU-second of this process (all threads): stable when other work shares the machine. */
  readonly samplesPerCpuSecond: number;
  readonly data: string;
}

const FIXTURE = fileURLToPath(new URL('../../test/fixtures/train-small/', import.meta.url));

/** Every `stride`-th name of each list in `dir` (lists are already normalised host names). */
async function sample(dir: string, stride: number): Promise<Example[]> {
  const out: Example[] = [];
  for (const file of (await readdir(dir)).filter((f) => f.endsWith('.txt')).sort()) {
    const label = labelFromFileName(file);
    if (!label) continue;
    const lines = (await readFile(path.join(dir, file), 'utf8')).split('\n').filter(Boolean);
    for (let i = 0; i < lines.length; i += stride)
      out.push({ host: lines[i]!, label, source: file, group: groupOf(lines[i]!) });
  }
  return out;
}

async function names(): Promise<{ examples: Example[]; data: string }> {
  try {
    return { examples: await sample(DEFAULT_DATA_DIR, 10), data: '../shared/data, every 10th name' };
  } catch {
    return { examples: await sample(FIXTURE, 1), data: 'test fixture (../shared/data absent)' };
  }
}

function cpuSeconds(since: NodeJS.CpuUsage): number {
  const u = process.cpuUsage(since);
  return (u.user + u.system) / 1e6;
}

async function folded(arch: string, threads: number): Promise<TrainingProbeResult> {
  const recipe = CNN_RECIPES[arch as keyof typeof CNN_RECIPES];
  if (!recipe) throw new Error(`unknown arch ${arch}`);
  const { examples, data } = await names();
  const samples = arch === 'seed' ? 100_000 : 30_000;
  const cpu = process.cpuUsage();
  const result = await trainCnn(examples, examples.slice(0, 500), {
    ...recipe,
    epochs: 1,
    examplesPerEpoch: Math.min(samples, examples.length),
    threads,
    seed: 1,
  });
  const record = result.history[0]!;
  const trained = Math.min(samples, examples.length);
  return {
    trainer: 'folded',
    arch,
    threads,
    samples: trained,
    samplesPerSecond: record.samplesPerSecond,
    samplesPerCpuSecond: trained / cpuSeconds(cpu),
    data,
  };
}

async function tfjsCpu(): Promise<TrainingProbeResult> {
  await tf.setBackend('cpu');
  const { examples, data } = await names();
  const tokenizer = createTokenizer(DEFAULT_TOKENIZER);
  const model = buildLayersModel(SEED_ARCHITECTURE, DEFAULT_TOKENIZER, 1);
  model.compile({ optimizer: tf.train.adam(0.001), loss: 'binaryCrossentropy' });
  const batch = 32;
  const pick = (b: number) => examples.slice((b * batch * 97) % (examples.length - batch)).slice(0, batch);
  const step = async (b: number) => {
    const rows = pick(b);
    const x = tf.tensor2d(
      tokenizer.encodeBatch(rows.map((e) => e.host)),
      [batch, DEFAULT_TOKENIZER.maxLength],
      'int32',
    );
    const y = tf.tensor2d(
      rows.map((e) => (e.label === 'benign' ? 0 : 1)),
      [batch, 1],
    );
    await model.trainOnBatch(x, y);
    tf.dispose([x, y]);
  };
  await step(0); // kernel warm-up
  const steps = 3;
  const cpu = process.cpuUsage();
  const started = performance.now();
  for (let b = 1; b <= steps; b++) await step(b);
  const seconds = (performance.now() - started) / 1000;
  return {
    trainer: 'tfjs-cpu',
    arch: 'seed',
    threads: 1,
    samples: steps * batch,
    samplesPerSecond: (steps * batch) / seconds,
    samplesPerCpuSecond: (steps * batch) / cpuSeconds(cpu),
    data,
  };
}

const [mode, arch = 'seed', threads = '1'] = process.argv.slice(2);
const result = mode === 'tfjs-cpu' ? await tfjsCpu() : await folded(arch, Number(threads));
process.stdout.write(`${JSON.stringify(result)}\n`);
