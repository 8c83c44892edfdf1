/**
 * The engine's code could not be brought into the worker (Chrome: the browser refused the late
 * importScripts of engine.js, see build.mjs). The model's files are fine; only the CNN is missing,
 * so the runtime keeps judging with the quick check's n-gram members rather than with nothing.
 */
export class EngineImportError extends Error {
  constructor(cause: unknown) {
    super(`the engine could not be imported: ${cause instanceof Error ? cause.message : String(cause)}`);
    this.name = 'EngineImportError';
  }
}
