/**
 * The fast engine reads the weights straight from the model files instead of building a tfjs
 * LayersModel (which is most of the layers engine's load time). Because it re-implements the
 * network's arithmetic, it first checks that the topology is exactly the char-CNN it knows: a
 * model with any other layer or setting is refused loudly rather than scored silently wrong.
 */
import * as tf from '@tensorflow/tfjs-core';
import { vocabularySize } from '../tokenizer.js';
import { LAYER, type ArchitectureConfig } from './architecture.js';
import type { ModelBundle } from './files.js';
import { ModelFormatError, type ModelMetadata } from './metadata.js';

/** A dense layer's weights: kernel row-major [inputs × units]. */
export interface DenseWeights {
  readonly kernel: Float32Array;
  readonly bias: Float32Array;
  readonly units: number;
}

/** Everything the fast engine needs, as plain typed arrays. */
export interface FastWeights {
  /** Row-major [vocabulary × embeddingDim]. */
  readonly embedding: Float32Array;
  /** Per width in `architecture.widths` order: kernel [width × embeddingDim × filters], bias [filters]. */
  readonly conv: readonly { readonly width: number; readonly kernel: Float32Array; readonly bias: Float32Array }[];
  readonly hidden: DenseWeights | null;
  readonly output: DenseWeights;
}

interface LayerJson {
  readonly class_name: string;
  readonly name?: string;
  readonly config: Record<string, unknown>;
  readonly inbound_nodes?: unknown;
}

const KNOWN_CLASSES = new Set(['InputLayer', 'Embedding', 'Conv1D', 'GlobalMaxPooling1D', 'GlobalAveragePooling1D', 'Concatenate', 'Dropout', 'Dense']);

function refuse(message: string): never {
  throw new ModelFormatError(`the fast engine cannot run this model: ${message}`);
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Names of the layers feeding `layer`, in order. */
function inboundNames(layer: LayerJson): string[] {
  const nodes = layer.inbound_nodes;
  if (!Array.isArray(nodes) || !Array.isArray(nodes[0])) return [];
  return (nodes[0] as unknown[]).map((entry) => (Array.isArray(entry) ? String(entry[0]) : ''));
}

/** Throws unless the topology is the architecture in the metadata, layer for layer. */
function checkTopology(topology: unknown, config: ArchitectureConfig, metadata: ModelMetadata): void {
  const layers = (topology as { config?: { layers?: LayerJson[] } } | undefined)?.config?.layers;
  if (!Array.isArray(layers)) refuse('model.json has no layer list');
  const byName = new Map<string, LayerJson>();
  for (const layer of layers) {
    if (!KNOWN_CLASSES.has(layer.class_name)) refuse(`unexpected layer class ${layer.class_name}`);
    byName.set(layer.name ?? String(layer.config['name']), layer);
  }
  const get = (name: string, className: string): LayerJson => {
    const layer = byName.get(name);
    if (!layer || layer.class_name !== className) refuse(`layer ${name} (${className}) is missing`);
    return layer;
  };
  const withMean = poolingOf(config) === 'max-mean';
  const pooledCount = config.widths.length * (withMean ? 2 : 1);
  const expectedCount = 2 + config.widths.length + pooledCount + (pooledCount > 1 ? 1 : 0) + 1 + (config.hidden > 0 ? 1 : 0) + 1;
  if (layers.length !== expectedCount) refuse(`${layers.length} layers, the ${config.name} architecture has ${expectedCount}`);

  const input = layers.find((layer) => layer.class_name === 'InputLayer')?.config;
  if (!same(input?.['batch_input_shape'], [null, metadata.tokenizer.maxLength])) refuse(`the input length differs from metadata maxLength ${metadata.tokenizer.maxLength}`);
  const embedding = get(LAYER.embedding, 'Embedding').config;
  if (embedding['input_dim'] !== vocabularySize(metadata.tokenizer) || embedding['output_dim'] !== config.embeddingDim) refuse('embedding size differs from the metadata');
  for (const width of config.widths) {
    const conv = get(LAYER.conv(width), 'Conv1D');
    const c = conv.config;
    const ok =
      same(c['kernel_size'], [width]) && same(c['strides'], [1]) && c['padding'] === 'valid' && same(c['dilation_rate'], [1]) &&
      c['activation'] === 'relu' && c['use_bias'] === true && c['filters'] === config.filters && same(inboundNames(conv), [LAYER.embedding]);
    if (!ok) refuse(`layer ${LAYER.conv(width)} is not a valid relu Conv1D of width ${width} with ${config.filters} filters on the embedding`);
    if (!same(inboundNames(get(LAYER.pool(width), 'GlobalMaxPooling1D')), [LAYER.conv(width)])) refuse(`${LAYER.pool(width)} does not pool ${LAYER.conv(width)}`);
    if (withMean && !same(inboundNames(get(LAYER.meanPool(width), 'GlobalAveragePooling1D')), [LAYER.conv(width)])) refuse(`${LAYER.meanPool(width)} does not average ${LAYER.conv(width)}`);
  }
  // The concatenation order fixes which pooled feature meets which dense weight row: all max
  // pools in width order, then (max-mean) all mean pools.
  const pools = [...config.widths.map((w) => LAYER.pool(w)), ...(withMean ? config.widths.map((w) => LAYER.meanPool(w)) : [])];
  if (pooledCount > 1 && !same(inboundNames(get(LAYER.concat, 'Concatenate')), pools)) refuse('the concatenation order differs from the widths');
  const features = pooledCount > 1 ? LAYER.concat : pools[0]!;
  if (!same(inboundNames(get(LAYER.dropout, 'Dropout')), [features])) refuse('dropout is not applied to the pooled features');
  let previous: string = LAYER.dropout;
  if (config.hidden > 0) {
    const hidden = get(LAYER.hidden, 'Dense');
    if (hidden.config['activation'] !== 'relu' || hidden.config['units'] !== config.hidden || hidden.config['use_bias'] !== true || !same(inboundNames(hidden), [previous])) {
      refuse('the hidden layer is not a relu Dense layer of the configured size');
    }
    previous = LAYER.hidden;
  }
  const output = get(LAYER.output, 'Dense');
  if (output.config['activation'] !== 'sigmoid' || output.config['units'] !== config.heads.length || output.config['use_bias'] !== true || !same(inboundNames(output), [previous])) {
    refuse('the output layer is not a sigmoid Dense layer with one unit per head');
  }
}

/** The pooling of `config`: `max` (the seed) unless the config says `max-mean`. */
export function poolingOf(config: ArchitectureConfig): 'max' | 'max-mean' {
  return config.pooling ?? 'max';
}

/** Float32 views of every weight by name; refuses quantised or non-float weights. */
function weightViews(artifacts: tf.io.ModelArtifacts): Map<string, { shape: number[]; values: Float32Array }> {
  const specs = artifacts.weightSpecs ?? [];
  const data = artifacts.weightData;
  if (data === undefined) refuse('the model has no weights');
  const buffer = Array.isArray(data) ? tf.io.concatenateArrayBuffers(data) : data;
  const views = new Map<string, { shape: number[]; values: Float32Array }>();
  let offset = 0;
  for (const spec of specs) {
    if (spec.dtype !== 'float32' || spec.quantization) refuse(`weight ${spec.name} is not plain float32`);
    const size = spec.shape.reduce((a, b) => a * b, 1);
    if (offset + size * 4 > buffer.byteLength) refuse('the weight file is shorter than the manifest');
    // A copy, not a view: the buffer may be unaligned or reused by the caller.
    views.set(spec.name, { shape: spec.shape, values: new Float32Array(buffer.slice(offset, offset + size * 4)) });
    offset += size * 4;
  }
  return views;
}

/** Validates the topology and extracts the weights as typed arrays. */
export function readFastWeights(bundle: ModelBundle): FastWeights {
  const { metadata, artifacts } = bundle;
  const config = metadata.architecture;
  checkTopology(artifacts.modelTopology, config, metadata);
  if (Math.max(...config.widths) > metadata.tokenizer.maxLength) refuse('a kernel is wider than the maximum name length');
  const views = weightViews(artifacts);
  const take = (name: string, shape: number[]): Float32Array => {
    const view = views.get(name);
    if (!view || !same(view.shape, shape)) refuse(`weight ${name} has shape ${JSON.stringify(view?.shape)}, expected ${JSON.stringify(shape)}`);
    return view.values;
  };
  const vocabulary = vocabularySize(metadata.tokenizer);
  const features = config.widths.length * config.filters * (poolingOf(config) === 'max-mean' ? 2 : 1);
  const dense = (name: string, inputs: number, units: number): DenseWeights => ({
    kernel: take(`${name}/kernel`, [inputs, units]),
    bias: take(`${name}/bias`, [units]),
    units,
  });
  return {
    embedding: take(`${LAYER.embedding}/embeddings`, [vocabulary, config.embeddingDim]),
    conv: config.widths.map((width) => ({
      width,
      kernel: take(`${LAYER.conv(width)}/kernel`, [width, config.embeddingDim, config.filters]),
      bias: take(`${LAYER.conv(width)}/bias`, [config.filters]),
    })),
    hidden: config.hidden > 0 ? dense(LAYER.hidden, features, config.hidden) : null,
    output: dense(LAYER.output, config.hidden > 0 ? config.hidden : features, config.heads.length),
  };
}
