/** Files shipped inside the extension package, read with fetch (never a network request). */
import type { ModelFileReader } from '../core/model/files.js';
import { extensionUrl } from './browser.js';

/** Bytes of a packaged file; throws when it is missing. */
export async function readPackageFile(path: string): Promise<Uint8Array> {
  const response = await fetch(extensionUrl(path));
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}

/** Reader for core's model loaders, over a packaged directory such as `model/`. */
export function packageModelReader(directory: string): ModelFileReader {
  return (name) => readPackageFile(`${directory}${name}`);
}
