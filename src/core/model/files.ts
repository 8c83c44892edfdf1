/**
 * Reading and writing the model directory (model.json, weights.bin, metadata.json) through an
 * injected byte reader, so the same code loads from disk (Node) and from the extension package.
 */
import * as tf from '@tensorflow/tfjs';
import { validateMetadata, ModelFormatError, type ModelMetadata } from './metadata.js';

export const MODEL_FILES = { topology: 'model.json', weights: 'weights.bin', metadata: 'metadata.json' } as const;

/** Reads one file of the model directory by name. */
export type ModelFileReader = (name: string) => Promise<Uint8Array>;

export interface ModelBundle {
  readonly metadata: ModelMetadata;
  readonly artifacts: tf.io.ModelArtifacts;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

function parseJson(bytes: Uint8Array, name: string): unknown {
  try {
    return JSON.parse(utf8.decode(bytes));
  } catch (error) {
    throw new ModelFormatError(`${name} is not valid JSON: ${(error as Error).message}`);
  }
}

async function readOrExplain(read: ModelFileReader, name: string): Promise<Uint8Array> {
  try {
    return await read(name);
  } catch (error) {
    throw new ModelFormatError(`cannot read model file ${name}: ${(error as Error).message}`);
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

/** Serialises a layers model into model.json and weights.bin (the trainer and writeModelFiles share it). */
export async function serializeLayersModel(model: tf.LayersModel): Promise<Record<string, Uint8Array>> {
  let saved: tf.io.ModelArtifacts | undefined;
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      saved = artifacts;
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
  if (!saved?.weightData || !saved.weightSpecs) throw new Error('model produced no weights');
  const weightData = Array.isArray(saved.weightData) ? tf.io.concatenateArrayBuffers(saved.weightData) : saved.weightData;
  const modelJson: tf.io.ModelJSON = {
    modelTopology: saved.modelTopology as object,
    format: 'layers-model',
    generatedBy: saved.generatedBy ?? `TensorFlow.js tfjs-layers v${tf.version_layers}`,
    convertedBy: null,
    weightsManifest: [{ paths: [MODEL_FILES.weights], weights: saved.weightSpecs }],
  };
  return {
    [MODEL_FILES.topology]: new TextEncoder().encode(JSON.stringify(modelJson)),
    [MODEL_FILES.weights]: new Uint8Array(weightData),
  };
}

/** Serialises a trained model and its metadata into the files of the model directory. */
export async function writeModelFiles(model: tf.LayersModel, metadata: ModelMetadata): Promise<Record<string, Uint8Array>> {
  return {
    ...(await serializeLayersModel(model)),
    [MODEL_FILES.metadata]: new TextEncoder().encode(`${JSON.stringify(metadata, null, 2)}\n`),
  };
}
