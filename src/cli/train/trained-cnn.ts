/**
 * A trained char-CNN in memory: its config, tokenizer and flat weights, scoring names with the
 * trainer's own fast forward pass, and convertible to the tfjs layers model that ships.
 */
import type * as tf from '@tensorflow/tfjs';
import type { ArchitectureConfig } from '../../core/model/architecture.js';
import { createTokenizer, type TokenizerSpec } from '../../core/tokenizer.js';
import { encodeRows } from './encoded-names.js';
import { createParamLayout, type ParamLayout } from './param-layout.js';
import { predictEncoded } from './step-engine.js';
import { toLayersModel } from './tfjs-bridge.js';
import { combinedScores } from './validation.js';

/** Names scored per chunk: bounds the padded id buffer (chunk × maxLength bytes). */
const CHUNK = 65_536;

export interface TrainedCnn {
  readonly architecture: ArchitectureConfig;
  readonly tokenizer: TokenizerSpec;
  readonly layout: ParamLayout;
  /** Weights in tfjs getWeights order, flat. */
  readonly params: Float32Array;
  /** Head probabilities for normalised hosts, row-major [hosts × heads]. */
  predict(hosts: readonly string[]): Float32Array;
  /** Highest head probability per host (the scorer's `score`). */
  score(hosts: readonly string[]): Float32Array;
  /** The equivalent tfjs layers model (caller disposes). */
  toLayersModel(): tf.LayersModel;
}

/** Wraps weights for `architecture` as a TrainedCnn. */
export function trainedCnnFromParams(
  architecture: ArchitectureConfig,
  tokenizerSpec: TokenizerSpec,
  params: Float32Array,
): TrainedCnn {
  const tokenizer = createTokenizer(tokenizerSpec);
  const layout = createParamLayout(architecture, tokenizerSpec);
  if (params.length !== layout.total)
    throw new Error(`expected ${layout.total} weights for ${architecture.name}, got ${params.length}`);
  const heads = architecture.heads.length;
  function predict(hosts: readonly string[]): Float32Array {
    const out = new Float32Array(hosts.length * heads);
    for (let start = 0; start < hosts.length; start += CHUNK) {
      const chunk = hosts.slice(start, start + CHUNK);
      const rows = encodeRows(tokenizer, chunk);
      out.set(predictEncoded(layout, params, rows.ids, rows.lengths, chunk.length), start * heads);
    }
    return out;
  }
  return {
    architecture,
    tokenizer: tokenizerSpec,
    layout,
    params,
    predict,
    score: (hosts) => combinedScores(predict(hosts), heads),
    toLayersModel: () => toLayersModel(architecture, tokenizerSpec, layout, params),
  };
}
