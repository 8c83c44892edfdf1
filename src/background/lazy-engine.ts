/**
 * The engine module (engine.ts: tfjs and the CNN), evaluated on first use. As written here it is
 * an ordinary import (Node, tests, typecheck); build.mjs replaces this file in the extension's
 * bundle with engine.ts bundled on its own inside this function, so the worker compiles it lazily
 * and evaluates it only when the model starts loading, after the listeners and the quick check.
 */
import * as engine from './engine.js';

/** The engine module, evaluated on the first call. */
export function engineModule(): typeof engine {
  return engine;
}
