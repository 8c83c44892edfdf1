/** The model directory on disk: where it is, and a reader for core's loaders. */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import type { ModelFileReader } from '../core/model/files.js';

/** The repository's shipped model (model/ at the package root). */
export const SHIPPED_MODEL_DIR = fileURLToPath(new URL('../../model/', import.meta.url));

/** Reads model files from `dir`. */
export function diskModelReader(dir: string = SHIPPED_MODEL_DIR): ModelFileReader {
  return async (name) => new Uint8Array(await readFile(path.join(dir, name)));
}
