/**
 * Model section: the shipped model through the plain tfjs layers scorer, on `wasm` and `cpu`, each
 * in its own process (tfjs chooses a backend once per process): load time, first score,
 * names/s at batch 1/32/256/1024, peak memory.
 */
import type { Row } from '../types.js';
import { runProbe } from '../lib/child.js';
import type { ModelProbeResult } from '../probes/model-probe.js';

const SECTION = 'model';

function rowsFor(r: ModelProbeResult, wanted: string): Row[] {
  const tag = `layers/${r.backend}`;
  const note = r.fallbackReason !== undefined ? `asked for ${wanted}: ${r.fallbackReason}` : undefined;
  const row = (metric: string, value: number, unit: string, extra?: string): Row => {
    const text = [note, extra].filter(Boolean).join('; ');
    return text
      ? { section: SECTION, metric: `${tag} ${metric}`, value, unit, note: text }
      : { section: SECTION, metric: `${tag} ${metric}`, value, unit };
  };
  return [
    row('backend init', r.backendInitMs, 'ms'),
    row('model load', r.loadMs, 'ms', 'read files, build layers, upload weights'),
    row('first score', r.firstScoreMs, 'ms', 'one name, includes kernel warm-up'),
    row('process start to first score', r.processToFirstScoreMs, 'ms', 'node + tsx + tfjs import + load + score'),
    ...r.throughput.map((t) =>
      row(
        `batch ${t.batch}`,
        t.namesPerSecond,
        'names/s',
        `${Math.round(t.namesPerCpuSecond).toLocaleString('en-US')} names per CPU-second; ${t.msPerCall.toFixed(2)} ms/call, ${t.calls} calls`,
      ),
    ),
    row('peak RSS', r.maxRssMB, 'MB', 'process maxRSS'),
    row('heap used', r.heapUsedMB, 'MB', 'after the run'),
  ];
}

/** Runs the wasm and cpu probes one after the other (never in parallel: 2 cores). */
export async function run(): Promise<Row[]> {
  const rows: Row[] = [];
  for (const backend of ['wasm', 'cpu']) {
    try {
      rows.push(...rowsFor(await runProbe<ModelProbeResult>('bench/probes/model-probe.ts', [backend]), backend));
    } catch (error) {
      rows.push({
        section: SECTION,
        metric: `layers/${backend}`,
        value: 'failed',
        unit: '',
        note: (error as Error).message,
      });
    }
  }
  return rows;
}
