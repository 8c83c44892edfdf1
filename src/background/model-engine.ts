/**
 * The background's scorer: the CNN engine (engine.ts, evaluated lazily through lazy-engine.ts)
 * blended with the n-gram members the quick check has already read. Everything else talks to the
 * `Scorer` interface.
 */
import type { BackendChoice } from '../core/model/backend.js';
import type { ModelFileReader } from '../core/model/file-names.js';
import type { LoadedModelFiles } from '../core/model/model-files.js';
import type { Scorer } from '../core/model/scorer.js';
import { blendWithNgrams, ngramBlendOf, type LoadedBlendMember } from '../core/ngram/blend.js';
import type { EngineMemory } from './engine.js';
import { engineModule } from './lazy-engine.js';

export interface Engine {
  readonly scorer: Scorer;
  readonly backend: BackendChoice;
  /** The model files as decoded for the scorer; the explainer reuses them rather than reading them again. */
  readonly files: LoadedModelFiles;
  memory(): EngineMemory;
}

/**
 * Starts the tfjs backend (WASM, cpu fallback), loads the CNN through `read` and blends in
 * `members` (the blend's n-gram members, read once for the quick check and the engine).
 */
export async function loadEngine(
  read: ModelFileReader,
  options: {
    readonly wasmDirectory: string | undefined;
    readonly members: Promise<readonly LoadedBlendMember[]>;
    readonly onStage: (name: string) => void;
  },
): Promise<Engine> {
  const { cnn, backend, bundle, memory } = await engineModule().loadCnnEngine(read, options);
  // A blend's members are required: its thresholds are the blend's, never the CNN's alone.
  const members = ngramBlendOf(bundle.metadata) ? await options.members : [];
  const scorer = members.length > 0 ? blendWithNgrams(cnn, members) : cnn;
  options.onStage('model loaded');
  return { scorer, backend, files: { bundle, members }, memory };
}
