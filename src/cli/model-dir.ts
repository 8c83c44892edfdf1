/** The model directory on disk: where it is, and a reader for core's loaders. */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { ModelFileReader } from '../core/model/files.js';
import { PACKAGE_ROOT } from './package-root.js';

/** The shipped model (model/ at the package root, in a checkout and in the installed package). */
export const SHIPPED_MODEL_DIR = path.join(PACKAGE_ROOT, 'model');

/** Reads model files from `dir`. */
export function diskModelReader(dir: string = SHIPPED_MODEL_DIR): ModelFileReader {
  return async (name) => new Uint8Array(await readFile(path.join(dir, name)));
}
