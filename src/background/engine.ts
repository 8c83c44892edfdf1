/**
 * The background's scoring engine: the fast table engine (same scores as the layers model, a
 * fraction of the work) on the tfjs backend. tfjs-layers is not bundled (background/tfjs-lite.ts),
 * so a model whose topology the fast engine cannot reproduce fails to load loudly — the toolbar's
 * error state, pages load normally — rather than running on a second engine. Everything else
 * talks to the `Scorer` interface.
 */
import { initBackend, type BackendChoice } from '../core/model/backend.js';
import type { ModelFileReader } from '../core/model/files.js';
import { createFastScorer } from '../core/model/fast-scorer.js';
import { readModelBundle } from '../core/model/files.js';
import { ngramBlendOf, readBlendMembers, withNgramBlend, type LoadedBlendMember } from '../core/ngram/blend.js';
import { markStage } from './metrics.js';
import type { Scorer } from '../core/model/scorer.js';

export interface Engine {
  readonly scorer: Scorer;
  readonly backend: BackendChoice;
}

/** Starts the tfjs backend (WASM, cpu fallback) and loads the model through `read`. */
export async function loadEngine(read: ModelFileReader, wasmDirectory: string): Promise<Engine> {
  // The model files are read while the WASM runtime compiles: both mostly wait on the browser.
  const bundle = readModelBundle(read);
  // A blended model's n-gram members are plain typed arrays: read and decoded meanwhile too.
  const members = bundle.then((b): Promise<LoadedBlendMember[]> => {
    const spec = ngramBlendOf(b.metadata);
    return spec ? readBlendMembers(read, spec) : Promise.resolve([]);
  });
  members.catch(() => undefined); // awaited below; a failure must not surface as unhandled meanwhile
  const backend = await initBackend({ preferred: 'wasm', wasmDirectory });
  markStage('tfjs backend ready');
  const scorer: Scorer = await withNgramBlend(read, await createFastScorer(await bundle), members);
  markStage('model loaded');
  return { scorer, backend };
}
