/**
 * The background's CNN engine: the fast table engine (same scores as the layers model, a
 * fraction of the work) on the tfjs backend. tfjs-layers is not part of core (it lives with the
 * CLI), so a model whose topology the fast engine cannot reproduce fails to load loudly — the toolbar's
 * error state, pages load normally — rather than running on a second engine. Everything else
 * talks to the `Scorer` interface.
 *
 * This module is the only way into tfjs from the background: the build evaluates it on first use
 * (lazy-engine.ts), so a starting worker does not run tfjs's module code before its listeners and
 * the quick check. Module state (metrics) stays on the caller's side: stages are reported through
 * `onStage`, memory through `Engine.memory`.
 */
import * as tf from '@tensorflow/tfjs-core';
import { initBackend, type BackendChoice } from '../core/model/backend.js';
import { readModelBundle, type ModelBundle, type ModelFileReader } from '../core/model/files.js';
import { createFastScorer } from '../core/model/fast-scorer.js';
import type { Scorer } from '../core/model/scorer.js';

/** What the engine holds in memory: the tfjs WASM heap and the bytes of live tensors. */
export interface EngineMemory {
  readonly wasmHeapBytes: number | null;
  readonly tensorBytes: number;
}

/** The CNN on its backend; the caller blends in a blend's n-gram members (plain TypeScript, outside this module). */
export interface CnnEngine {
  readonly cnn: Scorer;
  readonly backend: BackendChoice;
  /** The CNN's files as decoded; the explainer reuses them rather than reading them again. */
  readonly bundle: ModelBundle;
  memory(): EngineMemory;
}

export interface EngineOptions {
  readonly wasmDirectory: string | undefined;
  /** A start-up step finished (for the metrics' breakdown). */
  readonly onStage?: (name: string) => void;
}

function memory(): EngineMemory {
  try {
    const backend = tf.getBackend() === 'wasm' ? (tf.backend() as unknown as { wasm?: { HEAPU8?: Uint8Array } }) : null;
    return { wasmHeapBytes: backend?.wasm?.HEAPU8?.byteLength ?? null, tensorBytes: tf.memory().numBytes };
  } catch {
    return { wasmHeapBytes: null, tensorBytes: 0 };
  }
}

/** Starts the tfjs backend (WASM, cpu fallback) and loads the CNN through `read`. */
export async function loadCnnEngine(read: ModelFileReader, options: EngineOptions): Promise<CnnEngine> {
  // The CNN's files are read and decoded while the WASM runtime compiles: both mostly wait on the browser.
  const reading = readModelBundle(read);
  reading.catch(() => undefined); // awaited below; a failure must not surface as unhandled meanwhile
  const backend = await initBackend({
    preferred: 'wasm',
    ...(options.wasmDirectory === undefined ? {} : { wasmDirectory: options.wasmDirectory }),
  });
  options.onStage?.('tfjs backend ready');
  const bundle = await reading;
  const cnn = await createFastScorer(bundle);
  options.onStage?.('CNN loaded');
  return { cnn, backend, bundle, memory };
}
