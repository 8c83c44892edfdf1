/**
 * Worker side of the threaded engine: waits for a step, runs its share of the batch into its own
 * gradient buffers, reports done. Same kernel as the single-threaded engine.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { Batch } from './batch.js';
import { CnnKernel } from './cnn-kernel.js';
import { createParamLayout } from './param-layout.js';
import { CTRL, doneWord, type WorkerInit } from './thread-protocol.js';

const init = workerData as WorkerInit;
const layout = createParamLayout(init.config, init.tokenizer, init.adversary);
const control = new Int32Array(init.control);
const params = new Float32Array(init.params);
const tables = new Float32Array(init.tables);
const grads = new Float64Array(init.grads);
const dTShared = new Float64Array(init.dT);
const loss = new Float64Array(init.loss);
const batch: Batch = {
  ids: new Uint8Array(init.batch.ids),
  lengths: new Int32Array(init.batch.lengths),
  targets: new Float32Array(init.batch.targets),
  weights: new Float32Array(init.batch.weights),
  dropMask: new Float32Array(init.batch.dropMask),
  offsets: new Float32Array(init.batch.offsets),
  sampleLoss: new Float32Array(init.batch.sampleLoss),
  domains: new Int32Array(init.batch.domains),
  reversal: new Float32Array(init.batch.reversal),
  capacity: init.batch.capacity,
};
const kernel = new CnnKernel(layout, tables, dTShared.length, dTShared);

const myDone = doneWord(init.workerCount, init.workerIndex);
let finished = 0;
parentPort?.postMessage('ready');
for (;;) {
  const generation = Atomics.load(control, CTRL.generation);
  if (Atomics.load(control, CTRL.stop) === 1) break;
  if (generation === finished) {
    // Sleep until the generation moves; whatever woke us, the loop re-checks it.
    Atomics.wait(control, CTRL.generation, generation);
    continue;
  }
  const from = control[CTRL.ranges + 2 * init.workerIndex]!;
  const to = control[CTRL.ranges + 2 * init.workerIndex + 1]!;
  kernel.prepare(params);
  grads.fill(0);
  kernel.dT.fill(0);
  loss[0] = kernel.forwardBackward(params, batch, from, to, control[CTRL.batchSize]!, grads, true);
  loss[1] = kernel.adversaryLoss;
  finished = generation;
  Atomics.store(control, myDone, generation);
  Atomics.notify(control, myDone);
}
