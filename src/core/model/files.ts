/**
 * Reading and writing the model directory (model.json, weights.bin, metadata.json) through an
 * injected byte reader, so the same code loads from disk (Node) and from the extension package.
 */
import * as tf from '@tensorflow/tfjs-core';
import { validateMetadata, ModelFormatError, type ModelMetadata } from './metadata.js';
import { errorText } from '../error-text.js';

import { MODEL_FILES, type ModelFileReader } from './file-names.js';

export { MODEL_FILES, type ModelFileReader };

export interface ModelBundle {
  readonly metadata: ModelMetadata;
  readonly artifacts: tf.io.ModelArtifacts;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

function parseJson(bytes: Uint8Array, name: string): unknown {
  try {
    return JSON.parse(utf8.decode(bytes));
  } catch (error) {
    throw new ModelFormatError(`${name} is not valid JSON: ${errorText(error)}`);
  }
}

async function readOrExplain(read: ModelFileReader, name: string): Promise<Uint8Array> {
  try {
    return await read(name);
  } catch (error) {
    throw new ModelFormatError(`cannot read model file ${name}: ${errorText(error)}`);
  }
}

/** Loads and cross-checks the three model files; throws ModelFormatError on anything missing or inconsistent. */
export async function readModelBundle(read: ModelFileReader): Promise<ModelBundle> {
  const [topologyBytes, weightBytes, metadataBytes] = await Promise.all([
    readOrExplain(read, MODEL_FILES.topology),
    readOrExplain(read, MODEL_FILES.weights),
    readOrExplain(read, MODEL_FILES.metadata),
  ]);
  const metadata = validateMetadata(parseJson(metadataBytes, MODEL_FILES.metadata));
  const modelJson = parseJson(topologyBytes, MODEL_FILES.topology) as tf.io.ModelJSON;
  if (typeof modelJson !== 'object' || modelJson === null || !modelJson.modelTopology || !Array.isArray(modelJson.weightsManifest)) {
    throw new ModelFormatError(`${MODEL_FILES.topology} is not a TensorFlow.js layers model`);
  }
  const specs = modelJson.weightsManifest.flatMap((group) => group.weights);
  const expectedBytes = specs.reduce((sum, spec) => sum + spec.shape.reduce((a, b) => a * b, 1) * 4, 0);
  if (weightBytes.byteLength !== expectedBytes) {
    throw new ModelFormatError(`${MODEL_FILES.weights} holds ${weightBytes.byteLength} bytes, the topology needs ${expectedBytes}: corrupt or from another model`);
  }
  const weightData = weightBytes.buffer.slice(weightBytes.byteOffset, weightBytes.byteOffset + weightBytes.byteLength) as ArrayBuffer;
  const artifacts = await tf.io.getModelArtifactsForJSON(modelJson, async () => [specs, weightData]);
  return { metadata, artifacts };
}
