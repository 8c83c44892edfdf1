/**
 * A tfjs layers model → the files of the model directory (model.json, weights.bin, metadata.json):
 * what the trainer writes and core/model/files.ts reads back.
 */
import * as tf from '@tensorflow/tfjs';
import { MODEL_FILES } from '../../core/model/files.js';
import type { ModelMetadata } from '../../core/model/metadata.js';

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
