/**
 * Engine section: the fast engine against the plain tfjs layers model, both on WASM in this
 * process, on the shipped model: names/s at batch 1/32/256/1024 and their ratio, single-name
 * latency, and cold start (process start → first score) in child processes. A pure-JS run of
 * the same tables is shown for comparison only.
 */
import { initBackend } from '../../src/core/model/backend.js';
import { createFastScorer } from '../../src/core/model/fast-scorer.js';
import { readModelBundle } from '../../src/core/model/files.js';
import { createLayersScorer } from '../../src/core/model/scorer.js';
import { diskModelReader } from '../../src/cli/model-dir.js';
import { runProbe } from '../lib/child.js';
import { syntheticNames } from '../lib/names.js';
import { createPureJsEngine } from '../lib/pure-js-engine.js';
import { measureThroughput } from '../lib/throughput.js';
import type { ColdStartResult } from '../probes/engine-cold-start.js';
import type { Row } from '../types.js';

const SECTION = 'engine';
const BATCHES = [1, 32, 256, 1024];
const BUDGET_MS = 500;
const ROUNDS = 2;

type Score = (hosts: readonly string[]) => Promise<unknown>;

/** Best names/s over interleaved rounds: other load on the machine hits both engines alike. */
async function compare(engines: Record<string, Score>, names: readonly string[], batch: number): Promise<Record<string, number>> {
  const best: Record<string, number> = {};
  for (let round = 0; round < ROUNDS; round++) {
    for (const [name, score] of Object.entries(engines)) {
      const t = await measureThroughput(score, names, batch, BUDGET_MS, 2);
      best[name] = Math.max(best[name] ?? 0, t.namesPerSecond);
    }
  }
  return best;
}

function percentile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

export async function run(): Promise<Row[]> {
  const rows: Row[] = [];
  const row = (metric: string, value: number, unit: string, note?: string) => rows.push(note === undefined ? { section: SECTION, metric, value, unit } : { section: SECTION, metric, value, unit, note });

  const choice = await initBackend({ preferred: 'wasm' });
  const bundle = await readModelBundle(diskModelReader());
  const fast = await createFastScorer(bundle);
  const layers = await createLayersScorer(bundle);
  const pureJs = createPureJsEngine(bundle);
  const names = syntheticNames(8192);
  const arch = bundle.metadata.architecture;
  const model = `model ${bundle.metadata.version} (${arch.name}: widths ${arch.widths.join('/')}×${arch.filters}${arch.hidden ? `, hidden ${arch.hidden}` : ''}, ${arch.heads.length} head${arch.heads.length > 1 ? 's' : ''}), ${choice.backend}`;

  for (const batch of BATCHES) {
    const r = await compare({ fast: (b) => fast.predict(b), layers: (b) => layers.predict(b), js: async (b) => pureJs(b) }, names, batch);
    row(`fast batch ${batch}`, r['fast']!, 'names/s', batch === 1 ? model : undefined);
    row(`layers batch ${batch}`, r['layers']!, 'names/s');
    row(`fast / layers batch ${batch}`, r['fast']! / r['layers']!, '×', batch === 256 ? 'target ≥ 10×' : undefined);
    row(`pure JS batch ${batch}`, r['js']!, 'names/s', 'comparison only: same tables, no tfjs');
  }

  // Single-name latency, call by call, through the full predict() path (encode, ops, data()).
  const latencies: number[] = [];
  for (let i = 0; i < 3000; i++) {
    const t = performance.now();
    await fast.predict([names[i]!]);
    latencies.push(performance.now() - t);
  }
  latencies.sort((a, b) => a - b);
  row('fast single name p50', percentile(latencies, 0.5), 'ms', 'target < 0.2 ms');
  row('fast single name p99', percentile(latencies, 0.99), 'ms');
  fast.dispose();
  layers.dispose();

  // Cold start in fresh processes, alternating engines; the best of two runs each.
  const cold: Record<string, ColdStartResult> = {};
  for (let i = 0; i < 2; i++) {
    for (const engine of ['fast', 'layers']) {
      const r = await runProbe<ColdStartResult>('bench/probes/engine-cold-start.ts', [engine], 60_000);
      if (!cold[engine] || r.processToFirstScoreMs < cold[engine].processToFirstScoreMs) cold[engine] = r;
    }
  }
  for (const engine of ['fast', 'layers']) {
    const r = cold[engine]!;
    row(`${engine} cold start`, r.processToFirstScoreMs, 'ms', `process start → first score: imports ${r.importsDoneMs.toFixed(0)}, backend ${r.backendInitMs.toFixed(0)}, load ${r.loadMs.toFixed(0)}, first score ${r.firstScoreMs.toFixed(1)} ms`);
  }
  return rows;
}
