/** Files shipped inside the extension package, read with fetch (never a network request). */

/** A reader of packaged files, given the package's URL function; rejects when a file is missing. */
export function packageFileReader(url: (path: string) => string): (path: string) => Promise<Uint8Array> {
  return async (path) => {
    const response = await fetch(url(path));
    if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
    return new Uint8Array(await response.arrayBuffer());
  };
}
