/**
 * Where each tfjs weight lives in the trainer's one flat Float32Array. One flat buffer keeps Adam,
 * gradient sums across threads and copies of the best epoch to single loops; the named views keep
 * the mapping to the layers model (layer names from LAYER) explicit.
 */
import { LAYER, type ArchitectureConfig } from '../../core/model/architecture.js';
import { vocabularySize, type TokenizerSpec } from '../../core/tokenizer.js';

export interface TensorSlot {
  /** Layer that owns the weight (LAYER names). */
  readonly layer: string;
  /** Index in that layer's getWeights() (0 kernel/embeddings, 1 bias). */
  readonly index: number;
  readonly shape: readonly number[];
  readonly offset: number;
  readonly size: number;
}

/** Sizes the kernels need, derived once from the architecture and tokenizer. */
export interface CnnShape {
  readonly vocab: number;
  readonly maxLength: number;
  readonly embeddingDim: number;
  readonly widths: readonly number[];
  readonly filters: number;
  /** Pooled feature vector: widths × filters max features, then as many mean features with max-mean pooling. */
  readonly features: number;
  /** Mean pooling beside max pooling (features = 2 × widths × filters). */
  readonly meanPool: boolean;
  readonly hidden: number;
  readonly heads: number;
  readonly dropout: number;
}

export interface ParamLayout {
  readonly shape: CnnShape;
  readonly total: number;
  readonly embedding: TensorSlot;
  readonly convKernels: readonly TensorSlot[];
  readonly convBiases: readonly TensorSlot[];
  readonly hiddenKernel: TensorSlot | null;
  readonly hiddenBias: TensorSlot | null;
  readonly outputKernel: TensorSlot;
  readonly outputBias: TensorSlot;
  /** All slots in tfjs getWeights() order. */
  readonly slots: readonly TensorSlot[];
}

/** The flat layout for a config: embedding, conv kernels/biases per width, hidden, output. */
export function createParamLayout(config: ArchitectureConfig, tokenizer: TokenizerSpec): ParamLayout {
  const shape: CnnShape = {
    vocab: vocabularySize(tokenizer),
    maxLength: tokenizer.maxLength,
    embeddingDim: config.embeddingDim,
    widths: [...config.widths],
    filters: config.filters,
    features: config.widths.length * config.filters * (config.pooling === 'max-mean' ? 2 : 1),
    meanPool: config.pooling === 'max-mean',
    hidden: config.hidden,
    heads: config.heads.length,
    dropout: config.dropout,
  };
  const slots: TensorSlot[] = [];
  let offset = 0;
  const add = (layer: string, index: number, dims: number[]): TensorSlot => {
    const size = dims.reduce((a, b) => a * b, 1);
    const slot = { layer, index, shape: dims, offset, size };
    offset += size;
    slots.push(slot);
    return slot;
  };
  const D = shape.embeddingDim;
  const F = shape.filters;
  const embedding = add(LAYER.embedding, 0, [shape.vocab, D]);
  const convKernels: TensorSlot[] = [];
  const convBiases: TensorSlot[] = [];
  for (const k of shape.widths) {
    convKernels.push(add(LAYER.conv(k), 0, [k, D, F]));
    convBiases.push(add(LAYER.conv(k), 1, [F]));
  }
  const hiddenKernel = shape.hidden > 0 ? add(LAYER.hidden, 0, [shape.features, shape.hidden]) : null;
  const hiddenBias = shape.hidden > 0 ? add(LAYER.hidden, 1, [shape.hidden]) : null;
  const headInputs = shape.hidden > 0 ? shape.hidden : shape.features;
  const outputKernel = add(LAYER.output, 0, [headInputs, shape.heads]);
  const outputBias = add(LAYER.output, 1, [shape.heads]);
  return {
    shape,
    total: offset,
    embedding,
    convKernels,
    convBiases,
    hiddenKernel,
    hiddenBias,
    outputKernel,
    outputBias,
    slots,
  };
}

/** A view of one tensor inside a flat buffer. */
export function view<T extends Float32Array | Float64Array>(flat: T, slot: TensorSlot): T {
  return flat.subarray(slot.offset, slot.offset + slot.size) as T;
}
