/**
 * The model directory's file names and the reader type, apart from files.ts so code that only
 * names the files (the extension's start-up, the quick check) does not pull in tfjs.
 */
export const MODEL_FILES = { topology: 'model.json', weights: 'weights.bin', metadata: 'metadata.json' } as const;

/** Reads one file of the model directory by name. */
export type ModelFileReader = (name: string) => Promise<Uint8Array>;
