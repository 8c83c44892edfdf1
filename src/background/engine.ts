/**
 * Which scoring engine the background runs: the fast table engine (same scores as the layers
 * model, a fraction of the work), or the plain layers model for a topology the fast engine cannot
 * reproduce. Everything else talks to the `Scorer` interface.
 */
import { initBackend, type BackendChoice } from '../core/model/backend.js';
import type { ModelFileReader } from '../core/model/files.js';
import { createFastScorer } from '../core/model/fast-scorer.js';
import { readModelBundle } from '../core/model/files.js';
import { markStage } from './metrics.js';
import { ModelFormatError } from '../core/model/metadata.js';
import { loadLayersScorer, type Scorer } from '../core/model/scorer.js';

export interface Engine {
  readonly scorer: Scorer;
  readonly backend: BackendChoice;
}

/** Starts the tfjs backend (WASM, cpu fallback) and loads the model through `read`. */
export async function loadEngine(read: ModelFileReader, wasmDirectory: string, onFallback?: (reason: string) => void): Promise<Engine> {
  // The model files are read while the WASM runtime compiles: both mostly wait on the browser.
  const bundle = readModelBundle(read);
  bundle.catch(() => undefined); // awaited below; a failure must not surface as unhandled meanwhile
  const backend = await initBackend({ preferred: 'wasm', wasmDirectory });
  markStage('tfjs backend ready');
  let scorer: Scorer;
  try {
    scorer = await createFastScorer(await bundle);
  } catch (error) {
    if (!(error instanceof ModelFormatError)) throw error;
    onFallback?.(`fast engine unavailable (${error.message}); using the layers model`);
    scorer = await loadLayersScorer(read);
  }
  markStage('model loaded');
  return { scorer, backend };
}
