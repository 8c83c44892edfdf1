/**
 * A training or scoring batch as flat typed arrays: zero-padded id rows, lengths, per-head targets
 * and loss weights, and the dropout multipliers. Flat arrays can live in SharedArrayBuffers, so
 * worker threads read the same batch without copying.
 */
import type { CnnShape } from './param-layout.js';

export interface Batch {
  /** [capacity × maxLength] ids, zero (PAD) after each name's length. */
  readonly ids: Uint8Array;
  readonly lengths: Int32Array;
  /** [capacity × heads] 0/1 targets. */
  readonly targets: Float32Array;
  /** [capacity × heads] loss weights (0 masks a head for that sample). */
  readonly weights: Float32Array;
  /** [capacity × features] dropout multipliers: 0 or 1/(1−rate). */
  readonly dropMask: Float32Array;
  /**
   * [capacity × heads] fixed logits added to the CNN's before the loss: another model's logits when
   * the CNN is trained as its residual (boosting); zero otherwise.
   */
  readonly offsets: Float32Array;
  /**
   * [capacity] written by each step: every sample's binary cross-entropy summed over the heads
   * that train on it, without loss weights (the per-source losses group DRO compares).
   */
  readonly sampleLoss: Float32Array;
  /** [capacity] the adversary's source class of each sample; −1 leaves a sample out of its loss. */
  readonly domains: Int32Array;
  /** [1] the gradient reversal factor λ of this step (the adversary's gradient reaches the features as −λ times itself). */
  readonly reversal: Float32Array;
  readonly capacity: number;
}

function buffer(bytes: number, shared: boolean): ArrayBuffer | SharedArrayBuffer {
  return shared ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes);
}

/** Allocates a batch for up to `capacity` samples (shared memory when threads will read it). */
export function allocateBatch(shape: CnnShape, capacity: number, shared = false): Batch {
  return {
    ids: new Uint8Array(buffer(capacity * shape.maxLength, shared)),
    lengths: new Int32Array(buffer(capacity * 4, shared)),
    targets: new Float32Array(buffer(capacity * shape.heads * 4, shared)),
    weights: new Float32Array(buffer(capacity * shape.heads * 4, shared)),
    dropMask: new Float32Array(buffer(capacity * shape.features * 4, shared)),
    offsets: new Float32Array(buffer(capacity * shape.heads * 4, shared)),
    sampleLoss: new Float32Array(buffer(capacity * 4, shared)),
    domains: new Int32Array(buffer(capacity * 4, shared)).fill(-1),
    reversal: new Float32Array(buffer(4, shared)),
    capacity,
  };
}
