/**
 * What the extension bundles in place of the `@tensorflow/tfjs` umbrella (build.mjs aliases it
 * here): core ops and the cpu backend for the fallback; the WASM backend is imported by
 * core/model/backend.ts. Leaves out WebGL, the graph-model converter, tf.data and tfjs-layers:
 * the fast engine (core/model/fast-*.ts) builds the network from model.json and the weights with
 * core ops, so the layers runtime is dead weight in the extension — a quarter of the bundle
 * (974 → 711 KB), which the worker parses and evaluates on every start. The layers entry points
 * that core's model-building and layers-scorer code mention throw if ever reached.
 */
export * from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
// Tensor methods (`t.reshape()`, …) that the engines call; the umbrella registers them too.
import '@tensorflow/tfjs-core/dist/public/chained_ops/register_all_chained_ops';

function notBundled(): never {
  throw new Error('tfjs-layers is not part of the extension: the fast engine runs the model');
}
const missing = new Proxy({}, { get: notBundled });

export const loadLayersModel = notBundled;
export const input = notBundled;
export const model = notBundled;
export const layers = missing;
export const initializers = missing;
export const version_layers = 'not bundled';
