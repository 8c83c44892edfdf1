/**
 * What the extension bundles in place of the `@tensorflow/tfjs` umbrella (build.mjs aliases it
 * here): core ops, layers (model loading), the cpu backend for the fallback; the WASM backend is
 * imported by core/model/backend.ts. Leaves out WebGL, the graph-model converter and tf.data,
 * which the extension never uses: about half the bundle, and the worker evaluates it on every start.
 */
export * from '@tensorflow/tfjs-core';
export * from '@tensorflow/tfjs-layers';
import '@tensorflow/tfjs-backend-cpu';
// Tensor methods (`t.reshape()`, …) that layers and the engines call; the umbrella registers them too.
import '@tensorflow/tfjs-core/dist/public/chained_ops/register_all_chained_ops';
