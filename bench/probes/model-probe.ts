/**
 * Child process of bench/sections/model.ts: loads the shipped model with the layers scorer on one
 * backend (argv[2]: wasm | cpu) and prints one JSON line of timings, throughput and memory.
 */
import * as tf from '@tensorflow/tfjs';
import { initBackend, type BackendName } from '../../src/core/model/backend.js';
import { scoreHosts } from '../../src/core/model/scorer.js';
import { loadLayersScorer } from '../../src/cli/model/layers-scorer.js';
import { diskModelReader } from '../../src/cli/model-dir.js';
import { syntheticNames } from '../lib/names.js';
import { measureThroughput, type Throughput } from '../lib/throughput.js';

export interface ModelProbeResult {
  readonly backend: string;
  readonly fallbackReason?: string;
  readonly backendInitMs: number;
  readonly loadMs: number;
  readonly firstScoreMs: number;
  /** From process start (Node's own start-up included) to the first score. */
  readonly processToFirstScoreMs: number;
  readonly throughput: readonly Throughput[];
  readonly maxRssMB: number;
  readonly heapUsedMB: number;
  readonly tensorMB: number;
}

const BATCHES = [1, 32, 256, 1024];

async function main(): Promise<void> {
  const wanted = (process.argv[2] ?? 'wasm') as BackendName;
  let t = performance.now();
  const choice = await initBackend({ preferred: wanted });
  const backendInitMs = performance.now() - t;
  t = performance.now();
  const scorer = await loadLayersScorer(diskModelReader());
  const loadMs = performance.now() - t;
  t = performance.now();
  await scoreHosts(scorer, ['example.com']);
  const firstScoreMs = performance.now() - t;
  const processToFirstScoreMs = performance.now();

  const names = syntheticNames(8192);
  // The cpu backend is ~15x slower: a shorter budget keeps the whole bench within minutes.
  const budget = choice.backend === 'cpu' ? 1000 : 1500;
  const throughput: Throughput[] = [];
  for (const batch of BATCHES)
    throughput.push(await measureThroughput((b) => scorer.predict(b), names, batch, budget, 2));

  const result: ModelProbeResult = {
    backend: choice.backend,
    ...(choice.fallbackReason !== undefined ? { fallbackReason: choice.fallbackReason } : {}),
    backendInitMs,
    loadMs,
    firstScoreMs,
    processToFirstScoreMs,
    throughput,
    maxRssMB: process.resourceUsage().maxRSS / 1024,
    heapUsedMB: process.memoryUsage().heapUsed / 2 ** 20,
    tensorMB: tf.memory().numBytes / 2 ** 20,
  };
  scorer.dispose();
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

await main();
