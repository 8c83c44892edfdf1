/**
 * The popular-site allowlist as the decision needs it (`isPopular(registrableDomain)`).
 * The list is a packaged text file, one registrable domain a line, most popular first.
 */
import { readPackageFile } from '../platform/package-files.js';

export interface PopularSites {
  readonly size: number;
  isPopular(registrableDomain: string): boolean;
}

export const POPULAR_LIST_PATH = 'model/popular-domains.txt';

/** Parses the packaged list (blank lines and `#` comments ignored). */
export function parsePopularList(text: string): PopularSites {
  const set = new Set<string>();
  for (const line of text.split('\n')) {
    const name = line.trim().toLowerCase();
    if (name !== '' && !name.startsWith('#')) set.add(name);
  }
  return { size: set.size, isPopular: (domain) => set.has(domain) };
}

/** Loads the shipped list; a missing list means nothing is allowlisted (and is reported). */
export async function loadPopularSites(): Promise<PopularSites> {
  return parsePopularList(new TextDecoder().decode(await readPackageFile(POPULAR_LIST_PATH)));
}
