/** Files shipped inside the extension package, read with fetch (never a network request). */
import type { EarlyReads, EarlyReadsSource } from './early-reads.js';

/** The reads the background's first line started (early-reads-banner.ts), if it started any. */
const early = (): EarlyReads | undefined => (globalThis as { __snowmanEarlyReads?: EarlyReads }).__snowmanEarlyReads;

/** The bytes of the packaged file `path` at `address`; rejects when it is missing. */
export async function fetchPackageFile(path: string, address: string): Promise<ArrayBuffer> {
  const response = await fetch(address);
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
  return response.arrayBuffer();
}

/** A reader of packaged files, given the package's URL function; rejects when a file is missing. */
export function packageFileReader(url: (path: string) => string): (path: string) => Promise<Uint8Array> {
  const reads = early()?.reads;
  return async (path) => {
    const started = reads?.[path];
    if (started) delete reads[path]; // taken once: a later read of the file fetches it again
    return new Uint8Array(await (started ?? fetchPackageFile(path, url(path))));
  };
}

/** Where the early reads' bytes came from; null when the first line started none. */
export function earlyReadsSource(): Promise<EarlyReadsSource> | null {
  return early()?.source ?? null;
}
