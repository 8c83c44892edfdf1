/**
 * Training section: samples/s of the folded trainer (seed and the shipped configuration, one and
 * two threads) beside stock tfjs on the cpu backend, and the wall time that implies for 5 epochs
 * of the whole pool. Each set-up runs in its own process, one after the other.
 */
import type { Row } from '../types.js';
import { runProbe } from '../lib/child.js';
import type { TrainingProbeResult } from '../probes/training-probe.js';

const SECTION = 'training';
/** Training split of the whole pool (snowman train: 80 % of the 1,923,121 names, by registrable domain). */
const POOL_TRAIN_NAMES = 1_528_154;

const SETUPS: readonly { args: string[]; label: string }[] = [
  { args: ['folded', 'seed', '1'], label: 'folded seed, 1 thread' },
  { args: ['folded', 'seed', '2'], label: 'folded seed, 2 threads' },
  { args: ['folded', 'snowman', '1'], label: 'folded snowman, 1 thread' },
  { args: ['folded', 'snowman', '2'], label: 'folded snowman, 2 threads' },
  { args: ['tfjs-cpu'], label: 'tfjs cpu backend seed, batch 32' },
];

/** Runs every set-up; a failing one becomes a failed row. */
export async function run(): Promise<Row[]> {
  const rows: Row[] = [];
  for (const setup of SETUPS) {
    try {
      const r = await runProbe<TrainingProbeResult>('bench/probes/training-probe.ts', setup.args, 900_000);
      rows.push({
        section: SECTION,
        metric: setup.label,
        value: r.samplesPerSecond,
        unit: 'samples/s',
        note: `${Math.round(r.samplesPerCpuSecond).toLocaleString('en-US')} samples per CPU-second; ${r.samples} samples; ${r.data}`,
      });
      if (r.trainer === 'folded') {
        rows.push({
          section: SECTION,
          metric: `${setup.label}: 5 epochs of the pool`,
          value: (5 * POOL_TRAIN_NAMES) / r.samplesPerSecond / 60,
          unit: 'min',
          note: 'implied by the rate above (train split, without validation passes)',
        });
      }
    } catch (error) {
      rows.push({ section: SECTION, metric: setup.label, value: 'failed', unit: '', note: (error as Error).message });
    }
  }
  rows.push({
    section: SECTION,
    metric: 'tfjs wasm backend',
    value: 'n/a',
    unit: '',
    note: 'cannot train: Conv2DBackpropFilter and UnsortedSegmentSum are not registered for wasm',
  });
  return rows;
}
