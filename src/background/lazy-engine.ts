/**
 * The engine module (engine.ts: tfjs and the CNN), evaluated on first use. As written here it is
 * an ordinary import (Node, tests, typecheck); build.mjs replaces this file in the extension's
 * bundle: in Chrome the engine is its own file the worker imports when the model starts loading
 * (it throws EngineImportError when the browser refuses that), in Firefox it sits inside this
 * function, evaluated on the first call. Either way the worker does not run it before its
 * listeners and the quick check.
 */
import * as engine from './engine.js';

/** The engine module, evaluated on the first call. */
export function engineModule(): typeof engine {
  return engine;
}
