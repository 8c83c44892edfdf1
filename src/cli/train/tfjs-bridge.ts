/**
 * The trainer's flat weights ⇄ the tfjs layers model. Initial weights come from buildLayersModel
 * (so the trainer starts exactly where tfjs training would), and trained weights go back into a
 * layers model for export: the shipped files are an ordinary tfjs model.
 */
import * as tf from '@tensorflow/tfjs';
import { type ArchitectureConfig } from '../../core/model/architecture.js';
import { buildLayersModel } from '../model/layers-model.js';
import type { TokenizerSpec } from '../../core/tokenizer.js';
import type { ParamLayout } from './param-layout.js';
import { quietTfjsInNode } from '../../core/model/quiet-node.js';

// The trainer uses tfjs's cpu backend without going through initBackend.
quietTfjsInNode();

/** Copies the model's weights into a flat buffer laid out by `layout`. */
export function readModelParams(model: tf.LayersModel, layout: ParamLayout): Float32Array {
  const params = new Float32Array(layout.total);
  for (const slot of layout.slots) {
    const tensor = model.getLayer(slot.layer).getWeights()[slot.index];
    if (!tensor || tensor.size !== slot.size)
      throw new Error(`weight ${slot.layer}[${slot.index}] does not match the layout`);
    params.set(tensor.dataSync() as Float32Array, slot.offset);
  }
  return params;
}

/** Writes a flat buffer into the model's weights (layer by layer, in getWeights order). */
export function writeModelParams(model: tf.LayersModel, layout: ParamLayout, params: Float32Array): void {
  const byLayer = new Map<string, tf.Tensor[]>();
  for (const slot of layout.slots) {
    const list = byLayer.get(slot.layer) ?? [];
    list[slot.index] = tf.tensor(params.slice(slot.offset, slot.offset + slot.size), [...slot.shape], 'float32');
    byLayer.set(slot.layer, list);
  }
  for (const [layer, tensors] of byLayer) {
    model.getLayer(layer).setWeights(tensors);
    tf.dispose(tensors);
  }
}

/** Initial weights: tfjs's own initialisers with `seed`, as buildLayersModel sets them up. */
export function initialParams(
  config: ArchitectureConfig,
  tokenizer: TokenizerSpec,
  layout: ParamLayout,
  seed: number,
): Float32Array {
  const model = buildLayersModel(config, tokenizer, seed);
  try {
    return readModelParams(model, layout);
  } finally {
    model.dispose();
  }
}

/** A tfjs layers model holding `params` (caller disposes). */
export function toLayersModel(
  config: ArchitectureConfig,
  tokenizer: TokenizerSpec,
  layout: ParamLayout,
  params: Float32Array,
): tf.LayersModel {
  const model = buildLayersModel(config, tokenizer, 1);
  writeModelParams(model, layout, params);
  return model;
}
