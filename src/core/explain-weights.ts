/**
 * The model's weights as plain Float32Arrays, read from the saved artifacts by layer name, for
 * the explanation code (explain.ts). Pure TypeScript: no tfjs at run time, so an explanation
 * costs microseconds wherever the bundle is at hand.
 */
import { LAYER } from './model/architecture.js';
import type { ModelMetadata } from './model/metadata.js';
import { createTokenizer, type Tokenizer } from './tokenizer.js';

/** One Conv1D branch: kernel [width, embeddingDim, filters] pre-multiplied by the embedding. */
export interface ConvBranch {
  readonly width: number;
  /**
   * projection[(k * vocab + id) * filters + f] = Σ_d embedding[id, d] × kernel[k, d, f]:
   * the conv becomes `width` table look-ups per position instead of width × dim multiplications.
   */
  readonly projection: Float32Array;
  readonly bias: Float32Array;
}

/** Everything the forward pass and the attribution need. */
export interface ExplainWeights {
  readonly tokenizer: Tokenizer;
  readonly vocab: number;
  readonly filters: number;
  readonly branches: readonly ConvBranch[];
  /** Dense relu layer after pooling: kernel [features, units], or null when the model has none. */
  readonly hidden: { readonly kernel: Float32Array; readonly bias: Float32Array; readonly units: number } | null;
  /** Output kernel [inputs, heads] and bias [heads]. */
  readonly output: { readonly kernel: Float32Array; readonly bias: Float32Array; readonly heads: number };
}

/** The subset of tfjs `ModelArtifacts` this file reads (kept structural: core/explain needs no tfjs). */
export interface WeightArtifacts {
  readonly weightSpecs?: readonly {
    readonly name: string;
    readonly shape: readonly number[];
    readonly dtype: string;
  }[];
  readonly weightData?: ArrayBuffer | readonly ArrayBuffer[];
}

function joined(data: ArrayBuffer | readonly ArrayBuffer[]): ArrayBuffer {
  if (!Array.isArray(data)) return data as ArrayBuffer;
  const parts = data as readonly ArrayBuffer[];
  const out = new Uint8Array(parts.reduce((n, part) => n + part.byteLength, 0));
  let at = 0;
  for (const part of parts) {
    out.set(new Uint8Array(part), at);
    at += part.byteLength;
  }
  return out.buffer;
}

/** Reads the named float32 tensors out of the artifacts; throws on a missing tensor or a shape mismatch. */
function tensorsOf(artifacts: WeightArtifacts): Map<string, { shape: readonly number[]; values: Float32Array }> {
  if (!artifacts.weightSpecs || !artifacts.weightData) throw new Error('model artifacts carry no weights');
  const buffer = joined(artifacts.weightData);
  const out = new Map<string, { shape: readonly number[]; values: Float32Array }>();
  let offset = 0;
  for (const spec of artifacts.weightSpecs) {
    if (spec.dtype !== 'float32') throw new Error(`weight ${spec.name} is ${spec.dtype}, only float32 is read`);
    const size = spec.shape.reduce((a, b) => a * b, 1);
    if (offset + size * 4 > buffer.byteLength)
      throw new Error(`weight ${spec.name} runs past the end of the weight data`);
    out.set(spec.name, { shape: spec.shape, values: new Float32Array(buffer.slice(offset, offset + size * 4)) });
    offset += size * 4;
  }
  return out;
}

/** Builds the explanation weights from the saved model; throws when a layer the architecture names is absent. */
export function readExplainWeights(artifacts: WeightArtifacts, metadata: ModelMetadata): ExplainWeights {
  const tensors = tensorsOf(artifacts);
  const need = (name: string, shape: readonly number[]): Float32Array => {
    const t = tensors.get(name);
    if (!t) throw new Error(`model has no weight ${name}`);
    if (t.shape.length !== shape.length || t.shape.some((n, i) => n !== shape[i]))
      throw new Error(`weight ${name} has shape [${t.shape}], expected [${shape}]`);
    return t.values;
  };
  const tokenizer = createTokenizer(metadata.tokenizer);
  const { embeddingDim: dim, filters, widths, hidden, heads } = metadata.architecture;
  const vocab = tokenizer.size;
  const embedding = need(`${LAYER.embedding}/embeddings`, [vocab, dim]);

  const branches = widths.map((width): ConvBranch => {
    const kernel = need(`${LAYER.conv(width)}/kernel`, [width, dim, filters]);
    const projection = new Float32Array(width * vocab * filters);
    for (let k = 0; k < width; k++) {
      for (let id = 0; id < vocab; id++) {
        for (let f = 0; f < filters; f++) {
          let sum = 0;
          for (let d = 0; d < dim; d++) sum += embedding[id * dim + d]! * kernel[(k * dim + d) * filters + f]!;
          projection[(k * vocab + id) * filters + f] = sum;
        }
      }
    }
    return { width, projection, bias: need(`${LAYER.conv(width)}/bias`, [filters]) };
  });

  const features = widths.length * filters;
  const hiddenLayer =
    hidden > 0
      ? {
          kernel: need(`${LAYER.hidden}/kernel`, [features, hidden]),
          bias: need(`${LAYER.hidden}/bias`, [hidden]),
          units: hidden,
        }
      : null;
  const outputInputs = hidden > 0 ? hidden : features;
  const output = {
    kernel: need(`${LAYER.output}/kernel`, [outputInputs, heads.length]),
    bias: need(`${LAYER.output}/bias`, [heads.length]),
    heads: heads.length,
  };
  return { tokenizer, vocab, filters, branches, hidden: hiddenLayer, output };
}
