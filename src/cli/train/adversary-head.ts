/**
 * Domain-adversarial head (gradient reversal, Ganin & Lempitsky 2015): a small classifier that
 * tries to tell, from the pooled conv features, which source (feed, DGA family, benign list) a name
 * came from. Its own weights learn to classify; the features receive its gradient multiplied by −λ,
 * so the conv filters drift towards features that carry no source identity. The softmax runs over
 * the sample's own label group: features must still separate benign from malicious, so only
 * "which source within the label" is made unreadable.
 */
import type { AdversarySlots, ParamLayout } from './param-layout.js';

/** Per-thread scratch for one sample. */
export class AdversaryHead {
  private readonly x: Float64Array;
  private readonly h: Float64Array;
  private readonly dH: Float64Array;
  private readonly z: Float64Array;
  private readonly dz: Float64Array;
  /** Start and end (exclusive) of each class's label group. */
  private readonly groupStart: Int32Array;
  private readonly groupEnd: Int32Array;

  constructor(
    private readonly layout: ParamLayout,
    private readonly slots: AdversarySlots,
  ) {
    const C = slots.classes;
    this.x = new Float64Array(layout.shape.features);
    this.h = new Float64Array(slots.spec.hidden);
    this.dH = new Float64Array(slots.spec.hidden);
    this.z = new Float64Array(C);
    this.dz = new Float64Array(C);
    this.groupStart = new Int32Array(C);
    this.groupEnd = new Int32Array(C);
    let start = 0;
    for (const size of slots.spec.groups) {
      for (let c = start; c < start + size; c++) {
        this.groupStart[c] = start;
        this.groupEnd[c] = start + size;
      }
      start += size;
    }
  }

  /**
   * Forward and backward for one sample of source class `domain`, from pooled pre-activations `mx`
   * (relu applied here, no dropout: the adversary reads the features the verdict heads could use).
   * Accumulates its own weights' gradient of (loss / batchSize) into `grads` and adds −λ times the
   * feature gradient to `dFeat` (d/d relu(mx)); returns the sample's cross-entropy.
   */
  step(
    params: Float32Array,
    mx: Float64Array,
    domain: number,
    batchSize: number,
    lambda: number,
    grads: Float64Array,
    dFeat: Float64Array,
  ): number {
    const Fw = this.layout.shape.features;
    const H = this.slots.spec.hidden;
    const C = this.slots.classes;
    const W1 = this.slots.hiddenKernel.offset;
    const b1 = this.slots.hiddenBias.offset;
    const W2 = this.slots.outputKernel.offset;
    const b2 = this.slots.outputBias.offset;
    const { x, h, dH, z, dz } = this;
    for (let j = 0; j < Fw; j++) {
      const v = mx[j]!;
      x[j] = v > 0 ? v : 0;
    }
    for (let u = 0; u < H; u++) h[u] = params[b1 + u]!;
    for (let j = 0; j < Fw; j++) {
      const xj = x[j]!;
      if (xj === 0) continue;
      const r = W1 + j * H;
      for (let u = 0; u < H; u++) h[u]! += xj * params[r + u]!;
    }
    for (let u = 0; u < H; u++) if (!(h[u]! > 0)) h[u] = 0;
    const from = this.groupStart[domain]!;
    const to = this.groupEnd[domain]!;
    let top = Number.NEGATIVE_INFINITY;
    for (let c = from; c < to; c++) {
      let s: number = params[b2 + c]!;
      for (let u = 0; u < H; u++) {
        const hu = h[u]!;
        if (hu !== 0) s += hu * params[W2 + u * C + c]!;
      }
      z[c] = s;
      if (s > top) top = s;
    }
    let sum = 0;
    for (let c = from; c < to; c++) sum += Math.exp(z[c]! - top);
    const loss = Math.log(sum) + top - z[domain]!;
    // d(CE)/dz = softmax − onehot over the group; classes outside the group get no gradient.
    for (let c = from; c < to; c++) dz[c] = (Math.exp(z[c]! - top) / sum - (c === domain ? 1 : 0)) / batchSize;
    for (let c = from; c < to; c++) grads[b2 + c]! += dz[c]!;
    for (let u = 0; u < H; u++) {
      const hu = h[u]!;
      if (hu === 0) {
        dH[u] = 0;
        continue;
      }
      let s = 0;
      const r = W2 + u * C;
      for (let c = from; c < to; c++) {
        grads[r + c]! += hu * dz[c]!;
        s += dz[c]! * params[r + c]!;
      }
      dH[u] = s;
    }
    for (let u = 0; u < H; u++) grads[b1 + u]! += dH[u]!;
    for (let j = 0; j < Fw; j++) {
      const xj = x[j]!;
      if (xj === 0) continue; // relu: no gradient reaches a feature at or below 0
      const r = W1 + j * H;
      let s = 0;
      for (let u = 0; u < H; u++) {
        const d = dH[u]!;
        if (d === 0) continue;
        grads[r + u]! += xj * d;
        s += d * params[r + u]!;
      }
      dFeat[j]! -= lambda * s;
    }
    return loss;
  }
}

/** The gradient reversal schedule of Ganin & Lempitsky: λ rises from 0 to `max` as 2/(1+e^(−10p))−1 over training progress p ∈ [0, 1]. */
export function reversalAt(max: number, progress: number): number {
  return max * (2 / (1 + Math.exp(-10 * progress)) - 1);
}
