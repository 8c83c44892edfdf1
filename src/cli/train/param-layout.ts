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

/**
 * A training-only source classifier on the pooled features (adversary-head.ts): one relu hidden
 * layer, then logits over the source classes. `groups` are the class counts of consecutive label
 * groups: a sample's softmax runs over its own label's sources only.
 */
export interface AdversarySpec {
  readonly hidden: number;
  readonly groups: readonly number[];
}

export interface AdversarySlots {
  readonly spec: AdversarySpec;
  readonly classes: number;
  readonly hiddenKernel: TensorSlot;
  readonly hiddenBias: TensorSlot;
  readonly outputKernel: TensorSlot;
  readonly outputBias: TensorSlot;
}

export interface ParamLayout {
  readonly shape: CnnShape;
  /** Every trained weight, the adversary's included (Adam, thread sums and best-epoch copies run over all). */
  readonly total: number;
  /** The shipped weights: [0, exported) is the tfjs model; an adversary lives after it and is dropped at export. */
  readonly exported: number;
  readonly embedding: TensorSlot;
  readonly convKernels: readonly TensorSlot[];
  readonly convBiases: readonly TensorSlot[];
  readonly hiddenKernel: TensorSlot | null;
  readonly hiddenBias: TensorSlot | null;
  readonly outputKernel: TensorSlot;
  readonly outputBias: TensorSlot;
  /** All slots in tfjs getWeights() order (the shipped model; never the adversary). */
  readonly slots: readonly TensorSlot[];
  readonly adversary: AdversarySlots | null;
}

/**
 * The flat layout for a config: embedding, conv kernels/biases per width, hidden, output; then the
 * adversary's weights when one is given.
 */
export function createParamLayout(
  config: ArchitectureConfig,
  tokenizer: TokenizerSpec,
  adversarySpec?: AdversarySpec,
): ParamLayout {
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
  const exported = offset;
  let adversary: AdversarySlots | null = null;
  if (adversarySpec) {
    const classes = adversarySpec.groups.reduce((a, b) => a + b, 0);
    if (adversarySpec.hidden < 1 || classes < 1 || adversarySpec.groups.some((g) => g < 1))
      throw new Error('an adversary needs a hidden layer and at least one class per group');
    const extra = (dims: number[]): TensorSlot => {
      const size = dims.reduce((a, b) => a * b, 1);
      const slot = { layer: 'adversary', index: -1, shape: dims, offset, size };
      offset += size;
      return slot;
    };
    adversary = {
      spec: adversarySpec,
      classes,
      hiddenKernel: extra([shape.features, adversarySpec.hidden]),
      hiddenBias: extra([adversarySpec.hidden]),
      outputKernel: extra([adversarySpec.hidden, classes]),
      outputBias: extra([classes]),
    };
  }
  return {
    shape,
    total: offset,
    exported,
    embedding,
    convKernels,
    convBiases,
    hiddenKernel,
    hiddenBias,
    outputKernel,
    outputBias,
    slots,
    adversary,
  };
}

/** A view of one tensor inside a flat buffer. */
export function view<T extends Float32Array | Float64Array>(flat: T, slot: TensorSlot): T {
  return flat.subarray(slot.offset, slot.offset + slot.size) as T;
}
