/** The scoring engine `score`, `eval` and `serve` run: `fast` (default) or `layers` (the reference). */
import { loadFastScorer } from '../../core/model/load-fast-scorer.js';
import type { ModelFileReader } from '../../core/model/files.js';
import type { Scorer } from '../../core/model/scorer.js';
import type { EngineName } from '../score/session-flags.js';

/** Loads the model directory through `read` into the engine named. */
export async function loadEngine(engine: EngineName, read: ModelFileReader): Promise<Scorer> {
  // The layers model needs tfjs-layers (most of a cold start): only `--engine layers` imports it.
  if (engine === 'layers') return (await import('./layers-scorer.js')).loadLayersScorer(read);
  return loadFastScorer(read);
}
