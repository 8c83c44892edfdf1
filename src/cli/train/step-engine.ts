/**
 * One optimisation step on the calling thread: fold the tables, run the batch, unfold the table
 * gradient, apply Adam. The threaded engine (thread-engine.ts) has the same shape.
 */
import { Adam, type AdamOptions } from './adam.js';
import { allocateBatch, type Batch } from './batch.js';
import { CnnKernel } from './cnn-kernel.js';
import { foldTables, tableOffsets, unfoldTableGrads } from './folded-conv.js';
import type { ParamLayout } from './param-layout.js';

export interface StepEngine {
  readonly layout: ParamLayout;
  /** Current weights (flat, tfjs layout). */
  readonly params: Float32Array;
  /** The batch the caller fills before each step (shared memory for the threaded engine). */
  readonly batch: Batch;
  /** Runs one training step on samples [0, size) of `batch`; returns the mean loss. */
  step(size: number, learningRate?: number): Promise<number>;
  /** The adversary's mean cross-entropy in the last step (0 without an adversary). */
  adversaryLoss(): number;
  /** Head probabilities for encoded names (no dropout), [count × heads]. */
  predict(ids: Uint8Array, lengths: Int32Array, count: number): Float32Array;
  dispose(): Promise<void>;
}

/** Gradients for one batch without updating anything (parity tests, gradient checks). */
export function batchGradients(
  layout: ParamLayout,
  params: Float32Array,
  batch: Batch,
  size: number,
  train: boolean,
): { loss: number; adversaryLoss: number; grads: Float64Array } {
  const { total } = tableOffsets(layout);
  const tables = new Float32Array(total);
  foldTables(layout, params, tables);
  const kernel = new CnnKernel(layout, tables, total);
  kernel.prepare(params);
  const grads = new Float64Array(layout.total);
  const loss = kernel.forwardBackward(params, batch, 0, size, size, grads, train);
  unfoldTableGrads(layout, params, kernel.dT, grads);
  return { loss, adversaryLoss: kernel.adversaryLoss, grads };
}

/** Probabilities for encoded names with the given weights, on this thread. */
export function predictEncoded(
  layout: ParamLayout,
  params: Float32Array,
  ids: Uint8Array,
  lengths: Int32Array,
  count: number,
): Float32Array {
  const { total } = tableOffsets(layout);
  const tables = new Float32Array(total);
  foldTables(layout, params, tables);
  const kernel = new CnnKernel(layout, tables, total);
  kernel.prepare(params);
  const out = new Float32Array(count * layout.shape.heads);
  kernel.predict(params, ids, lengths, 0, count, out);
  return out;
}

/** The single-threaded engine. */
export function createLocalEngine(
  layout: ParamLayout,
  initial: Float32Array,
  adamOptions: AdamOptions,
  batchSize: number,
): StepEngine {
  const batch = allocateBatch(layout.shape, batchSize);
  const params = Float32Array.from(initial);
  const { total } = tableOffsets(layout);
  const tables = new Float32Array(total);
  const kernel = new CnnKernel(layout, tables, total);
  const grads = new Float64Array(layout.total);
  const adam = new Adam(layout.total, adamOptions);
  return {
    layout,
    params,
    batch,
    async step(size, learningRate) {
      foldTables(layout, params, tables);
      kernel.prepare(params);
      grads.fill(0);
      kernel.dT.fill(0);
      const loss = kernel.forwardBackward(params, batch, 0, size, size, grads, true);
      unfoldTableGrads(layout, params, kernel.dT, grads);
      adam.apply(params, grads, learningRate);
      return loss;
    },
    adversaryLoss: () => kernel.adversaryLoss,
    predict: (ids, lengths, count) => predictEncoded(layout, params, ids, lengths, count),
    async dispose() {},
  };
}
