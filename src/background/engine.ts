/**
 * The background's scoring engine: the fast table engine (same scores as the layers model, a
 * fraction of the work) on the tfjs backend. tfjs-layers is not part of core (it lives with the
 * CLI), so a model whose topology the fast engine cannot reproduce fails to load loudly — the toolbar's
 * error state, pages load normally — rather than running on a second engine. Everything else
 * talks to the `Scorer` interface.
 */
import { initBackend, type BackendChoice } from '../core/model/backend.js';
import type { ModelFileReader } from '../core/model/files.js';
import { createFastScorer } from '../core/model/fast-scorer.js';
import type { Scorer } from '../core/model/scorer.js';
import {
  blendWithNgrams,
  readModelFiles,
  type LoadedBlendMember,
  type LoadedModelFiles,
} from '../core/ngram/blend.js';
import { markStage } from './metrics.js';

export interface Engine {
  readonly scorer: Scorer;
  readonly backend: BackendChoice;
  /** The model files as decoded for the scorer; the explainer reuses them rather than reading them again. */
  readonly files: LoadedModelFiles;
}

/** Starts the tfjs backend (WASM, cpu fallback) and loads the model through `read` (with the blend's members when given). */
export async function loadEngine(
  read: ModelFileReader,
  wasmDirectory: string | undefined,
  members?: Promise<readonly LoadedBlendMember[]>,
): Promise<Engine> {
  // The model files (the CNN's and a blend's n-gram members, unless the quick check read them) are
  // read and decoded while the WASM runtime compiles: both mostly wait on the browser.
  const reading = readModelFiles(read, members);
  reading.catch(() => undefined); // awaited below; a failure must not surface as unhandled meanwhile
  const backend = await initBackend({ preferred: 'wasm', ...(wasmDirectory === undefined ? {} : { wasmDirectory }) });
  markStage('tfjs backend ready');
  const files = await reading;
  const cnn = await createFastScorer(files.bundle);
  const scorer: Scorer = files.members.length > 0 ? blendWithNgrams(cnn, files.members) : cnn;
  markStage('model loaded');
  return { scorer, backend, files };
}
