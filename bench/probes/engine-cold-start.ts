/**
 * Child process of bench/sections/engine.ts: process start → first score with one engine
 * (argv[2]: fast | layers) on WASM, the way `snowman score` or the server starts.
 * Prints one JSON line.
 */
import { initBackend } from '../../src/core/model/backend.js';
import { loadFastScorer } from '../../src/core/model/load-fast-scorer.js';
import { scoreHosts } from '../../src/core/model/scorer.js';
import { loadLayersScorer } from '../../src/cli/model/layers-scorer.js';
import { diskModelReader } from '../../src/cli/model-dir.js';

export interface ColdStartResult {
  readonly engine: string;
  readonly backend: string;
  /** performance.now() counts from process start: Node, tsx and module imports are included. */
  readonly importsDoneMs: number;
  readonly backendInitMs: number;
  readonly loadMs: number;
  readonly firstScoreMs: number;
  readonly processToFirstScoreMs: number;
}

const engine = process.argv[2] === 'layers' ? 'layers' : 'fast';
const importsDoneMs = performance.now();
let t = performance.now();
const choice = await initBackend({ preferred: 'wasm' });
const backendInitMs = performance.now() - t;
t = performance.now();
const scorer = engine === 'fast' ? await loadFastScorer(diskModelReader()) : await loadLayersScorer(diskModelReader());
const loadMs = performance.now() - t;
t = performance.now();
await scoreHosts(scorer, ['example.com']);
const firstScoreMs = performance.now() - t;
const result: ColdStartResult = {
  engine,
  backend: choice.backend,
  importsDoneMs,
  backendInitMs,
  loadMs,
  firstScoreMs,
  processToFirstScoreMs: performance.now(),
};
scorer.dispose();
process.stdout.write(`${JSON.stringify(result)}\n`);
