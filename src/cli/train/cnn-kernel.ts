/**
 * Forward and backward of the whole char-CNN over a range of a batch, on one thread. The loss is
 * Σ_samples Σ_heads w·BCE / batchSize (Keras' weighted mean over the batch, summed over heads).
 */
import { AdversaryHead } from './adversary-head.js';
import type { Batch } from './batch.js';
import { bceWithLogit, DenseHead, sigmoid } from './dense-head.js';
import { FoldedConv } from './folded-conv.js';
import { view, type ParamLayout } from './param-layout.js';

/** Everything one thread needs to run samples: conv and head scratch sized for a batch. */
export class CnnKernel {
  private readonly conv: FoldedConv;
  private readonly head: DenseHead;
  private readonly adversary: AdversaryHead | null;
  private readonly mx: Float64Array;
  private readonly arg: Int32Array;
  private readonly cnt: Int32Array;
  private readonly dFeat: Float64Array;
  private readonly dz: Float64Array;
  /** This thread's table gradient, float64 (summed across threads before unfolding). */
  readonly dT: Float64Array;
  /** The adversary's cross-entropy summed over the last forwardBackward()'s samples, divided by the batch size. */
  adversaryLoss = 0;

  constructor(
    private readonly layout: ParamLayout,
    tables: Float32Array,
    tableSize: number,
    dT?: Float64Array,
  ) {
    const s = layout.shape;
    this.conv = new FoldedConv(layout, tables);
    this.head = new DenseHead(layout);
    this.adversary = layout.adversary ? new AdversaryHead(layout, layout.adversary) : null;
    this.mx = new Float64Array(s.features);
    this.arg = new Int32Array(s.features);
    this.cnt = new Int32Array(s.features);
    this.dFeat = new Float64Array(s.features);
    this.dz = new Float64Array(s.heads);
    this.dT = dT ?? new Float64Array(tableSize);
  }

  /** Call after the tables were refolded for new parameters. */
  prepare(params: Float32Array): void {
    this.conv.prepare(params);
  }

  /**
   * Samples [from, to) of `batch`: accumulates gradients into `grads` (dense layers and conv
   * biases) and `this.dT` (embedding and conv kernels, unfolded later); returns the loss sum
   * (already divided by `batchSize`). `train` turns dropout on.
   */
  forwardBackward(
    params: Float32Array,
    batch: Batch,
    from: number,
    to: number,
    batchSize: number,
    grads: Float64Array,
    train: boolean,
  ): number {
    const { maxLength: L, features: Fw, heads: O } = this.layout.shape;
    const mask = train ? batch.dropMask : null;
    const dBias = new Float64Array(Fw);
    const lambda = batch.reversal[0]!;
    let loss = 0;
    let adversaryLoss = 0;
    for (let i = from; i < to; i++) {
      const base = i * L;
      const n = batch.lengths[i]!;
      this.conv.forward(params, batch.ids, base, n, this.mx, this.arg, this.cnt, 0);
      this.head.forward(params, this.mx, 0, mask, i * Fw);
      let anyGrad = false;
      let own = 0;
      for (let o = 0; o < O; o++) {
        const z = this.head.logits[o]! + batch.offsets[i * O + o]!;
        const y = batch.targets[i * O + o]!;
        const w = batch.weights[i * O + o]!;
        const bce = bceWithLogit(z, y);
        loss += (w * bce) / batchSize;
        this.dz[o] = (w * (sigmoid(z) - y)) / batchSize;
        if (w !== 0) {
          anyGrad = true;
          own += bce;
        }
      }
      batch.sampleLoss[i] = own;
      const domain = this.adversary ? batch.domains[i]! : -1;
      if (!anyGrad && domain < 0) continue;
      if (anyGrad) this.head.backward(params, this.dz, mask, i * Fw, grads, this.dFeat, 0);
      else this.dFeat.fill(0);
      if (domain >= 0) {
        const ce = this.adversary!.step(params, this.mx, domain, batchSize, lambda, grads, this.dFeat);
        adversaryLoss += ce / batchSize;
      }
      this.conv.backward(batch.ids, base, this.mx, this.arg, this.cnt, this.dFeat, 0, this.dT, dBias);
    }
    const { filters: F } = this.layout.shape;
    this.layout.convBiases.forEach((slot, wi) => {
      const db = view(grads, slot);
      for (let f = 0; f < F; f++) db[f]! += dBias[wi * F + f]!;
    });
    this.adversaryLoss = adversaryLoss;
    return loss;
  }

  /** Inference (no dropout): head probabilities of samples [from, to) into `out` [count × heads]. */
  predict(
    params: Float32Array,
    ids: Uint8Array,
    lengths: Int32Array,
    from: number,
    to: number,
    out: Float32Array,
  ): void {
    const { maxLength: L, heads: O } = this.layout.shape;
    for (let i = from; i < to; i++) {
      this.conv.forward(params, ids, i * L, lengths[i]!, this.mx, this.arg, this.cnt, 0);
      this.head.forward(params, this.mx, 0, null, 0);
      for (let o = 0; o < O; o++) out[i * O + o] = sigmoid(this.head.logits[o]!);
    }
  }
}
