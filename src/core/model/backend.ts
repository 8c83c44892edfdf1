/**
 * Chooses the tfjs backend: WASM (SIMD, single-threaded) first, `cpu` as the fallback, and says
 * which one runs and why. The WASM backend is imported statically: service workers forbid import().
 */
import * as tf from '@tensorflow/tfjs-core';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
// The declared fallback: registers the `cpu` backend.
import '@tensorflow/tfjs-backend-cpu';
import { quietTfjsInNode } from './quiet-node.js';
import { errorText } from '../error-text.js';

export type BackendName = 'wasm' | 'cpu';

export interface BackendChoice {
  readonly backend: BackendName;
  /** Set when WASM was wanted but could not start: the reason, for the popup and logs. */
  readonly fallbackReason?: string;
}

export interface BackendOptions {
  readonly preferred?: BackendName;
  /** Directory URL (with trailing slash) holding the tfjs-backend-wasm .wasm files; omitted in Node. */
  readonly wasmDirectory?: string;
}

let chosen: Promise<BackendChoice> | undefined;

async function choose(options: BackendOptions): Promise<BackendChoice> {
  quietTfjsInNode();
  // Extension workers expose SharedArrayBuffer without cross-origin isolation, so tfjs would pick
  // the threaded build, which needs Worker and fails; the single-threaded SIMD build works everywhere.
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  if (options.wasmDirectory !== undefined) setWasmPaths(options.wasmDirectory);
  if ((options.preferred ?? 'wasm') === 'wasm') {
    try {
      if (await tf.setBackend('wasm')) {
        await tf.ready();
        return { backend: 'wasm' };
      }
      return await fallBack('the WASM backend did not initialise');
    } catch (error) {
      return fallBack(`the WASM backend failed: ${errorText(error)}`);
    }
  }
  await tf.setBackend('cpu');
  await tf.ready();
  return { backend: 'cpu' };
}

async function fallBack(reason: string): Promise<BackendChoice> {
  await tf.setBackend('cpu');
  await tf.ready();
  return { backend: 'cpu', fallbackReason: reason };
}

/** Initialises the backend once per process/worker; later calls get the first answer. */
export function initBackend(options: BackendOptions = {}): Promise<BackendChoice> {
  chosen ??= choose(options);
  return chosen;
}
