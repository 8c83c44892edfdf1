/**
 * Which scoring engine the background runs. Switching engines is the one line in `loadEngine`:
 * everything else talks to the `Scorer` interface.
 */
import { initBackend, type BackendChoice } from '../core/model/backend.js';
import type { ModelFileReader } from '../core/model/files.js';
import { loadLayersScorer, type Scorer } from '../core/model/scorer.js';

export interface Engine {
  readonly scorer: Scorer;
  readonly backend: BackendChoice;
}

/** Starts the tfjs backend (WASM, cpu fallback) and loads the model through `read`. */
export async function loadEngine(read: ModelFileReader, wasmDirectory: string): Promise<Engine> {
  const backend = await initBackend({ preferred: 'wasm', wasmDirectory });
  const scorer = await loadLayersScorer(read);
  return { scorer, backend };
}
