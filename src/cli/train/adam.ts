/**
 * Adam with tfjs semantics (tf.train.adam: lr 0.001, β1 0.9, β2 0.999, ε = backend epsilon 1e-7;
 * bias correction with running β powers), over the flat parameter buffer.
 */

export interface AdamOptions {
  readonly learningRate?: number;
  readonly beta1?: number;
  readonly beta2?: number;
  readonly epsilon?: number;
}

export class Adam {
  readonly learningRate: number;
  private readonly beta1: number;
  private readonly beta2: number;
  private readonly epsilon: number;
  private readonly m: Float64Array;
  private readonly v: Float64Array;
  private accBeta1: number;
  private accBeta2: number;

  constructor(size: number, options: AdamOptions = {}) {
    this.learningRate = options.learningRate ?? 0.001;
    this.beta1 = options.beta1 ?? 0.9;
    this.beta2 = options.beta2 ?? 0.999;
    this.epsilon = options.epsilon ?? 1e-7;
    this.m = new Float64Array(size);
    this.v = new Float64Array(size);
    this.accBeta1 = this.beta1;
    this.accBeta2 = this.beta2;
  }

  /** One update of `params` from `grads` (same layout), optionally with a scaled learning rate. */
  apply(params: Float32Array, grads: Float64Array, learningRate = this.learningRate): void {
    const { beta1: b1, beta2: b2, epsilon: eps, m, v } = this;
    const c1 = 1 - this.accBeta1;
    const c2 = 1 - this.accBeta2;
    for (let i = 0; i < params.length; i++) {
      const g = grads[i]!;
      const mi = b1 * m[i]! + (1 - b1) * g;
      const vi = b2 * v[i]! + (1 - b2) * g * g;
      m[i] = mi;
      v[i] = vi;
      params[i] = params[i]! - (learningRate * (mi / c1)) / (Math.sqrt(vi / c2) + eps);
    }
    this.accBeta1 *= b1;
    this.accBeta2 *= b2;
  }
}
