/**
 * The layers after pooling, one sample at a time: dropout (mask given), optional relu hidden layer,
 * sigmoid output per head, weighted binary cross-entropy. Small matrices: plain loops.
 */
import type { ParamLayout } from './param-layout.js';

/** Per-thread scratch for one sample. */
export class DenseHead {
  private readonly x: Float64Array;
  private readonly hPre: Float64Array;
  private readonly dH: Float64Array;
  readonly logits: Float64Array;
  // Offsets into the flat params/grads: views would allocate per sample in the hot loop.
  private readonly wHidden: number;
  private readonly bHidden: number;
  private readonly wOut: number;
  private readonly bOut: number;

  constructor(private readonly layout: ParamLayout) {
    const s = layout.shape;
    this.x = new Float64Array(s.features);
    this.hPre = new Float64Array(Math.max(1, s.hidden));
    this.dH = new Float64Array(Math.max(1, s.hidden));
    this.logits = new Float64Array(s.heads);
    this.wHidden = layout.hiddenKernel?.offset ?? -1;
    this.bHidden = layout.hiddenBias?.offset ?? -1;
    this.wOut = layout.outputKernel.offset;
    this.bOut = layout.outputBias.offset;
  }

  /**
   * Forward from pooled pre-activations `mx` (relu applied here) with an optional dropout mask of
   * multipliers (0 or 1/(1-rate)); leaves the logits in `this.logits`.
   */
  forward(params: Float32Array, mx: Float64Array, at: number, mask: Float32Array | null, maskAt: number): void {
    const { features: Fw, hidden: H, heads: O } = this.layout.shape;
    const x = this.x;
    for (let j = 0; j < Fw; j++) {
      const v = mx[at + j]!;
      x[j] = v > 0 ? (mask ? v * mask[maskAt + j]! : v) : 0;
    }
    let input: Float64Array = x;
    let inputs = Fw;
    if (H > 0) {
      const W = this.wHidden;
      const h = this.hPre;
      for (let u = 0; u < H; u++) h[u] = params[this.bHidden + u]!;
      for (let j = 0; j < Fw; j++) {
        const xj = x[j]!;
        if (xj === 0) continue;
        const r = W + j * H;
        for (let u = 0; u < H; u++) h[u]! += xj * params[r + u]!;
      }
      input = h;
      inputs = H;
    }
    const W = this.wOut;
    for (let o = 0; o < O; o++) {
      let z: number = params[this.bOut + o]!;
      for (let i = 0; i < inputs; i++) {
        const v = input[i]!;
        if (v <= 0) continue; // relu'd features and hidden units: zero contributes nothing
        z += v * params[W + i * O + o]!;
      }
      this.logits[o] = z;
    }
  }

  /**
   * Backward from d(loss)/d(logit) per head (`dz`), after forward() on the same sample: accumulates
   * dense-layer gradients and writes d(loss)/d(relu(mx)) into `dFeat` (dropout mask applied).
   */
  backward(
    params: Float32Array,
    dz: Float64Array,
    mask: Float32Array | null,
    maskAt: number,
    grads: Float64Array,
    dFeat: Float64Array,
    at: number,
  ): void {
    const { features: Fw, hidden: H, heads: O } = this.layout.shape;
    const x = this.x;
    const Wo = this.wOut;
    for (let o = 0; o < O; o++) grads[this.bOut + o]! += dz[o]!;
    if (H > 0) {
      const h = this.hPre;
      const dH = this.dH;
      for (let u = 0; u < H; u++) {
        const hu = h[u]!;
        if (!(hu > 0)) {
          dH[u] = 0;
          continue;
        }
        let s = 0;
        for (let o = 0; o < O; o++) {
          grads[Wo + u * O + o]! += hu * dz[o]!;
          s += dz[o]! * params[Wo + u * O + o]!;
        }
        dH[u] = s;
      }
      const W = this.wHidden;
      for (let u = 0; u < H; u++) grads[this.bHidden + u]! += dH[u]!;
      for (let j = 0; j < Fw; j++) {
        const xj = x[j]!;
        const r = W + j * H;
        let s = 0;
        if (xj !== 0) for (let u = 0; u < H; u++) grads[r + u]! += xj * dH[u]!;
        // d/d(feature) is only needed where the conv side will use it (feature > 0 and kept).
        if (mx0(mask, maskAt + j)) {
          for (let u = 0; u < H; u++) s += dH[u]! * params[r + u]!;
        }
        dFeat[at + j] = mask ? s * mask[maskAt + j]! : s;
      }
    } else {
      for (let j = 0; j < Fw; j++) {
        const xj = x[j]!;
        let s = 0;
        for (let o = 0; o < O; o++) {
          if (xj !== 0) grads[Wo + j * O + o]! += xj * dz[o]!;
          s += dz[o]! * params[Wo + j * O + o]!;
        }
        dFeat[at + j] = mask ? s * mask[maskAt + j]! : s;
      }
    }
  }
}

/** False when dropout removed feature j: its gradient is zero whatever the sum. */
function mx0(mask: Float32Array | null, j: number): boolean {
  return mask === null || mask[j] !== 0;
}

/** Numerically stable binary cross-entropy of a sigmoid logit: log(1+e^-|z|) + max(z,0) − z·y. */
export function bceWithLogit(z: number, y: number): number {
  return Math.log1p(Math.exp(-Math.abs(z))) + Math.max(z, 0) - z * y;
}

/** σ(z) without overflow. */
export function sigmoid(z: number): number {
  if (z >= 0) return 1 / (1 + Math.exp(-z));
  const e = Math.exp(z);
  return e / (1 + e);
}
