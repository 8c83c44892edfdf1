/** Files shipped inside the extension package, read with fetch (never a network request). */

/** Reads the background's first line started before the bundle ran (build.mjs startReadsBanner), by package path. */
type EarlyReads = Partial<Record<string, Promise<ArrayBuffer>>>;

/** A reader of packaged files, given the package's URL function; rejects when a file is missing. */
export function packageFileReader(url: (path: string) => string): (path: string) => Promise<Uint8Array> {
  const early = (globalThis as { __snowmanEarlyReads?: EarlyReads }).__snowmanEarlyReads;
  return async (path) => {
    const started = early?.[path];
    if (started) {
      delete early[path]; // taken once: a later read of the file fetches it again
      return new Uint8Array(await started);
    }
    const response = await fetch(url(path));
    if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
    return new Uint8Array(await response.arrayBuffer());
  };
}
