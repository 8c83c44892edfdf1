/**
 * Data-parallel steps over worker threads: the batch is cut into equal slices, the main thread
 * runs the first, each worker one more, into separate gradient buffers that the main thread sums
 * in a fixed order. Results are deterministic for a given thread count, but differ from the
 * single-threaded run in the last bits (float sums in another order).
 */
import { Worker } from 'node:worker_threads';
import type { ArchitectureConfig } from '../../core/model/architecture.js';
import { Adam, type AdamOptions } from './adam.js';
import { allocateBatch, type Batch } from './batch.js';
import { CnnKernel } from './cnn-kernel.js';
import { foldTables, tableOffsets, unfoldTableGrads } from './folded-conv.js';
import type { ParamLayout } from './param-layout.js';
import { predictEncoded, type StepEngine } from './step-engine.js';
import { controlLength, CTRL, doneWord, type WorkerInit } from './thread-protocol.js';
import type { TokenizerSpec } from '../../core/tokenizer.js';

const ENTRY = new URL('./thread-worker-entry.mjs', import.meta.url);

function sharedF64(length: number): Float64Array {
  return new Float64Array(new SharedArrayBuffer(length * 8));
}

/** Starts `threads − 1` workers; the returned engine must be disposed to stop them. */
export async function createThreadEngine(
  layout: ParamLayout,
  initial: Float32Array,
  adamOptions: AdamOptions,
  threads: number,
  batchSize: number,
  model: { config: ArchitectureConfig; tokenizer: TokenizerSpec },
): Promise<StepEngine> {
  const workerCount = threads - 1;
  const params = new Float32Array(new SharedArrayBuffer(layout.total * 4));
  params.set(initial);
  const { total: tableSize } = tableOffsets(layout);
  const tables = new Float32Array(new SharedArrayBuffer(tableSize * 4));
  const control = new Int32Array(new SharedArrayBuffer(4 * controlLength(workerCount)));
  const batch: Batch = allocateBatch(layout.shape, batchSize, true);
  const kernel = new CnnKernel(layout, tables, tableSize);
  const grads = new Float64Array(layout.total);
  const adam = new Adam(layout.total, adamOptions);
  const parts = Array.from({ length: workerCount }, () => ({
    grads: sharedF64(layout.total),
    dT: sharedF64(tableSize),
    loss: sharedF64(2),
  }));
  const buffersOf = (b: Batch) => ({
    ids: b.ids.buffer as SharedArrayBuffer,
    lengths: b.lengths.buffer as SharedArrayBuffer,
    targets: b.targets.buffer as SharedArrayBuffer,
    weights: b.weights.buffer as SharedArrayBuffer,
    dropMask: b.dropMask.buffer as SharedArrayBuffer,
    offsets: b.offsets.buffer as SharedArrayBuffer,
    sampleLoss: b.sampleLoss.buffer as SharedArrayBuffer,
    domains: b.domains.buffer as SharedArrayBuffer,
    reversal: b.reversal.buffer as SharedArrayBuffer,
    capacity: b.capacity,
  });
  const workers = await Promise.all(
    parts.map(
      (part, workerIndex) =>
        new Promise<Worker>((resolve, reject) => {
          const init: WorkerInit = {
            workerIndex,
            workerCount,
            config: model.config,
            tokenizer: model.tokenizer,
            ...(layout.adversary ? { adversary: layout.adversary.spec } : {}),
            control: control.buffer as SharedArrayBuffer,
            params: params.buffer as SharedArrayBuffer,
            tables: tables.buffer as SharedArrayBuffer,
            grads: part.grads.buffer as SharedArrayBuffer,
            dT: part.dT.buffer as SharedArrayBuffer,
            loss: part.loss.buffer as SharedArrayBuffer,
            batch: buffersOf(batch),
          };
          const worker = new Worker(ENTRY, { workerData: init });
          worker.once('message', () => resolve(worker));
          worker.once('error', reject);
        }),
    ),
  );
  let generation = 0;
  let adversaryLoss = 0;
  return {
    layout,
    params,
    batch,
    async step(size, learningRate) {
      foldTables(layout, params, tables);
      kernel.prepare(params);
      const slice = Math.ceil(size / threads);
      for (let w = 0; w < workerCount; w++) {
        control[CTRL.ranges + 2 * w] = Math.min(size, slice * (w + 1));
        control[CTRL.ranges + 2 * w + 1] = Math.min(size, slice * (w + 2));
      }
      control[CTRL.batchSize] = size;
      Atomics.store(control, CTRL.generation, ++generation);
      Atomics.notify(control, CTRL.generation);
      grads.fill(0);
      kernel.dT.fill(0);
      let loss = kernel.forwardBackward(params, batch, 0, Math.min(size, slice), size, grads, true);
      adversaryLoss = kernel.adversaryLoss;
      for (let w = 0; w < workerCount; w++) {
        const word = doneWord(workerCount, w);
        for (;;) {
          const finished = Atomics.load(control, word);
          if (finished === generation) break;
          Atomics.wait(control, word, finished);
        }
      }
      for (const part of parts) {
        // Fixed order of summation: the same thread count gives the same bits.
        for (let i = 0; i < grads.length; i++) grads[i]! += part.grads[i]!;
        for (let i = 0; i < kernel.dT.length; i++) kernel.dT[i]! += part.dT[i]!;
        loss += part.loss[0]!;
        adversaryLoss += part.loss[1]!;
      }
      unfoldTableGrads(layout, params, kernel.dT, grads);
      adam.apply(params, grads, learningRate);
      return loss;
    },
    adversaryLoss: () => adversaryLoss,
    predict: (ids, lengths, count) => predictEncoded(layout, params, ids, lengths, count),
    async dispose() {
      Atomics.store(control, CTRL.stop, 1);
      Atomics.add(control, CTRL.generation, 1);
      Atomics.notify(control, CTRL.generation);
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}
