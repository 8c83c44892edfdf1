/**
 * Explanations for the fast engine: how much each pooled filter adds to each head's logit. The
 * network is piecewise linear up to the sigmoid, so feature × (its weight through the hidden
 * units that are active for this name) splits the logit exactly, bias shares aside.
 */
import type { FastWeights } from './fast-weights.js';

/** Feature × its effective weight to each head's logit (through the hidden units that are active). */
export function contributionsOf(weights: FastWeights, features: Float32Array, count: number, columns: number, heads: number): Float32Array {
  const out = new Float32Array(count * heads * columns);
  const { hidden, output } = weights;
  for (let n = 0; n < count; n++) {
    const f = features.subarray(n * columns, (n + 1) * columns);
    const effective = new Float32Array(columns * heads);
    if (!hidden) {
      effective.set(output.kernel);
    } else {
      for (let h = 0; h < hidden.units; h++) {
        let pre = hidden.bias[h]!;
        for (let c = 0; c < columns; c++) pre += f[c]! * hidden.kernel[c * hidden.units + h]!;
        if (pre <= 0) continue;
        for (let c = 0; c < columns; c++) {
          const w = hidden.kernel[c * hidden.units + h]!;
          for (let k = 0; k < heads; k++) effective[c * heads + k]! += w * output.kernel[h * heads + k]!;
        }
      }
    }
    for (let k = 0; k < heads; k++) {
      for (let c = 0; c < columns; c++) out[(n * heads + k) * columns + c] = f[c]! * effective[c * heads + k]!;
    }
  }
  return out;
}
