/**
 * In Node, tfjs's cpu backend greets every process with a banner recommending tfjs-node, which
 * cannot be installed here; CLI output (read by other tools) must not carry it. Production mode
 * silences tfjs warnings (and skips debug-only checks). Kept apart from backend.ts so that code
 * using tfjs's cpu backend directly (the trainer) does not also register the WASM backend.
 */
import * as tf from '@tensorflow/tfjs-core';

export function quietTfjsInNode(): void {
  if (tf.env().getBool('IS_NODE')) tf.env().set('PROD', true);
}
