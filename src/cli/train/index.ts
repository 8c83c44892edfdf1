/**
 * The fast char-CNN trainer as a library (the `train` command, the generalisation harness and the
 * bench use it). Stable entry points:
 *   trainCnn(train, validation, options) → { model, history, bestEpoch }   one CNN, any config
 *   ARCHS[name].train(train, validation, options) → TrainedModel             a named model type
 *   model.predict(hosts) / model.score(hosts)                               score in memory
 */
export { trainCnn, type TrainCnnOptions, type TrainResult, type TrainProgress, type EpochRecord } from './trainer.js';
export { trainedCnnFromParams, type TrainedCnn } from './trained-cnn.js';
export { ARCHS, archNames, type ArchEntry, type ArchTrainOptions, type TrainedModel } from './archs.js';
export { CNN_RECIPES, trainRecipe, type CnnRecipe } from './cnn-archs.js';
export { buildTargets, targetFor, type WeightingOptions } from './targets.js';
export { BENIGN_PREFIXES, type AugmentationOptions } from './augment.js';
export { combinedScores, validationMetrics, type ValidationMetrics } from './validation.js';
