/**
 * What the bench and diagnostics read from the background (`get-metrics`): start-up timings,
 * recent navigation decision times and model memory. performance.now() counts from worker start.
 */
import type { BackgroundMetrics, VerdictSource } from '../core/messages.js';
import type { EngineMemory } from './engine.js';

const MAX_SAMPLES = 500;
const decisions: number[] = [];
let readyMs: number | null = null;
let firstVerdictMs: number | null = null;
let firstVerdictBy: VerdictSource | null = null;
/** Module evaluation reached this file: the bundle before it (tfjs, core) has been parsed and run. */
const scriptStart = (globalThis as { __snowmanScriptStart?: number }).__snowmanScriptStart;
const stages: Record<string, number> = {
  ...(scriptStart === undefined ? {} : { 'script started': scriptStart }),
  'script evaluated': performance.now(),
};

/** A start-up step finished (ms since worker start), for the bench's breakdown. */
export function markStage(name: string): void {
  stages[name] ??= performance.now();
}

/** `promise`, marking `name` when it resolves. */
export function markedWhen<T>(name: string, promise: Promise<T>): Promise<T> {
  return promise.then((value) => {
    markStage(name);
    return value;
  });
}

/** The model finished loading (and warming up). */
export function markReady(): void {
  readyMs ??= performance.now();
}

/** A navigation decision that began at `startedAt` (performance.now()) has been taken, from `source`. */
export function recordDecision(startedAt: number, source: VerdictSource = 'model'): void {
  const now = performance.now();
  if (firstVerdictMs === null) {
    firstVerdictMs = now;
    firstVerdictBy = source;
  }
  decisions.push(now - startedAt);
  if (decisions.length > MAX_SAMPLES) decisions.splice(0, decisions.length - MAX_SAMPLES);
}

/** No engine yet (model still loading, or it failed). */
let memory = (): EngineMemory => ({ wasmHeapBytes: null, tensorBytes: 0 });

/** The loaded engine's memory figures (engine.ts owns tfjs, this module does not import it). */
export function setMemoryProbe(probe: () => EngineMemory): void {
  memory = probe;
}

export function metrics(): BackgroundMetrics {
  return { readyMs, firstVerdictMs, firstVerdictBy, decisionsMs: [...decisions], stagesMs: { ...stages }, ...memory() };
}
