/** `snowman eval --generalisation`: leave-one-source-out and leave-family-out evaluation. */
export type * from './types.js';
export { runGeneralisation, GENERALISATION_DEFAULTS } from './run.js';
export { renderGeneralisationMarkdown } from './markdown.js';
export { MODEL_REGISTRY, DEFAULT_MODELS } from './registry.js';
export { writeGeneralisationFiles, resultToJson } from './write.js';
