/**
 * Shared memory between the training thread and its workers: what each side may touch, and the
 * control words they synchronise on with Atomics (no message per step: a step is ~1–5 ms).
 */
import type { Batch } from './batch.js';

/** Control words (Int32Array over a SharedArrayBuffer). */
export const CTRL = {
  /** Bumped by the main thread to start a step; workers wait on it. */
  generation: 0,
  /** Workers add 1 when done with a step; the main thread waits for the count. */
  done: 1,
  /** 0 = run, 1 = exit. */
  stop: 2,
  /** Samples in the whole batch (the loss normaliser). */
  batchSize: 3,
  /** Worker w works on [ranges + 2w, ranges + 2w + 1). */
  ranges: 4,
} as const;

/** Everything a worker receives once, at start. */
export interface WorkerInit {
  readonly workerIndex: number;
  readonly config: import('../../core/model/architecture.js').ArchitectureConfig;
  readonly tokenizer: import('../../core/tokenizer.js').TokenizerSpec;
  readonly control: SharedArrayBuffer;
  readonly params: SharedArrayBuffer;
  readonly tables: SharedArrayBuffer;
  /** This worker's gradient (flat layout) and table gradient, float64; loss at index 0 of `loss`. */
  readonly grads: SharedArrayBuffer;
  readonly dT: SharedArrayBuffer;
  readonly loss: SharedArrayBuffer;
  readonly batch: { [K in keyof Omit<Batch, 'capacity'>]: SharedArrayBuffer } & { capacity: number };
}
