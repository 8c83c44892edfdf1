/**
 * Bench-only comparison: the fast engine's tables summed in plain typed-array JavaScript, no tfjs.
 * Shows how much of the remaining time is tfjs op overhead; the shipped engine stays on tfjs ops
 * (the service worker runs on the WASM backend).
 */
import { createTokenizer } from '../../src/core/tokenizer.js';
import { createBatchEncoder } from '../../src/core/model/fast-batch.js';
import { buildFastTables } from '../../src/core/model/fast-tables.js';
import { readFastWeights } from '../../src/core/model/fast-weights.js';
import type { ModelBundle } from '../../src/core/model/files.js';

/** Head probabilities for hosts, row-major [hosts × heads], computed synchronously in JS. */
export function createPureJsEngine(bundle: ModelBundle): (hosts: readonly string[]) => Float32Array {
  const config = bundle.metadata.architecture;
  if ((config.pooling ?? 'max') !== 'max') throw new Error('the pure-JS comparison engine implements max pooling only');
  const maxLength = bundle.metadata.tokenizer.maxLength;
  const weights = readFastWeights(bundle);
  const tables = buildFastTables(weights, config, maxLength, 2);
  const encoder = createBatchEncoder(createTokenizer(bundle.metadata.tokenizer), tables);
  const { columns, table, mask } = tables;
  const heads = config.heads.length;
  const acc = new Float32Array(columns);
  const dense = (
    input: Float32Array,
    kernel: Float32Array,
    bias: Float32Array,
    units: number,
    relu: boolean,
  ): Float32Array => {
    const out = new Float32Array(units);
    for (let u = 0; u < units; u++) {
      let sum = bias[u]!;
      for (let c = 0; c < input.length; c++) sum += input[c]! * kernel[c * units + u]!;
      out[u] = relu && sum < 0 ? 0 : sum;
    }
    return out;
  };
  return (hosts) => {
    const batch = encoder.encode(hosts);
    const pooled = new Float32Array(batch.names * columns); // zeros: relu folded into the max
    const { indices, segments, lookups, positions } = batch;
    let k = 0;
    while (k < lookups) {
      const segment = segments[k]!;
      acc.fill(0);
      for (; k < lookups && segments[k] === segment; k++) {
        const row = indices[k]! * columns;
        for (let c = 0; c < columns; c++) acc[c]! += table[row + c]!;
      }
      const p = segment % positions;
      const out = ((segment - p) / positions) * columns;
      for (let c = 0; c < columns; c++) {
        const value = batch.needsMask ? acc[c]! + mask[p * columns + c]! : acc[c]!;
        if (value > pooled[out + c]!) pooled[out + c] = value;
      }
    }
    const result = new Float32Array(batch.names * heads);
    for (let n = 0; n < batch.names; n++) {
      let x: Float32Array = pooled.subarray(n * columns, (n + 1) * columns);
      if (weights.hidden) x = dense(x, weights.hidden.kernel, weights.hidden.bias, weights.hidden.units, true);
      const logits = dense(x, weights.output.kernel, weights.output.bias, heads, false);
      for (let h = 0; h < heads; h++) result[n * heads + h] = 1 / (1 + Math.exp(-logits[h]!));
    }
    return result;
  };
}
