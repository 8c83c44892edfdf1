/**
 * Shared memory between the training thread and its workers: what each side may touch, and the
 * control words they synchronise on with Atomics (no message per step: a step is ~1–5 ms).
 */
import type { Batch } from './batch.js';

/**
 * Control words (Int32Array over a SharedArrayBuffer). Nothing is counted: a wake-up without a
 * new generation (Atomics.wait may return early) must never be mistaken for work, so each worker
 * re-checks the generation after waking and publishes the last generation it finished.
 */
export const CTRL = {
  /** Bumped by the main thread to start a step; workers wait on it. */
  generation: 0,
  /** 0 = run, 1 = exit. */
  stop: 1,
  /** Samples in the whole batch (the loss normaliser). */
  batchSize: 2,
  /** Worker w works on [ranges + 2w, ranges + 2w + 1). */
  ranges: 3,
} as const;

/** Index of worker w's "last generation finished" word, after the ranges of `workers` workers. */
export function doneWord(workers: number, w: number): number {
  return CTRL.ranges + 2 * workers + w;
}

/** Control words needed for `workers` workers. */
export function controlLength(workers: number): number {
  return CTRL.ranges + 3 * workers;
}

/** Everything a worker receives once, at start. */
export interface WorkerInit {
  readonly workerIndex: number;
  readonly workerCount: number;
  readonly config: import('../../core/model/architecture.js').ArchitectureConfig;
  readonly tokenizer: import('../../core/tokenizer.js').TokenizerSpec;
  /** The training-only source classifier, when the run has one (its weights follow the model's in `params`). */
  readonly adversary?: import('./param-layout.js').AdversarySpec;
  readonly control: SharedArrayBuffer;
  readonly params: SharedArrayBuffer;
  readonly tables: SharedArrayBuffer;
  /** This worker's gradient (flat layout) and table gradient, float64; loss at index 0 of `loss`, the adversary's at 1. */
  readonly grads: SharedArrayBuffer;
  readonly dT: SharedArrayBuffer;
  readonly loss: SharedArrayBuffer;
  readonly batch: { [K in keyof Omit<Batch, 'capacity'>]: SharedArrayBuffer } & { capacity: number };
}
