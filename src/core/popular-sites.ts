/**
 * The shipped popular-site allowlist (model/popular-domains.txt): registrable domains, PSL private
 * section on, in popularity order. Popular sites are never interrupted, and the lookalike
 * detectors take the brands they protect from the top of the same list.
 */

/** File name inside the model directory; the extension build copies model/ as it is. */
export const POPULAR_SITES_FILE = 'popular-domains.txt';

export interface PopularSites {
  /** Number of registrable domains on the list. */
  readonly size: number;
  /** Registrable domains, most popular first. */
  readonly domains: readonly string[];
  /** True when the registrable domain (lowercase ASCII, as `parseDomain` returns it) is listed. */
  has(registrableDomain: string): boolean;
  /** 1-based popularity rank, or 0 when not listed. */
  rank(registrableDomain: string): number;
}

/** Parses the list: one registrable domain per line; `#` comment lines and blank lines are skipped. */
export function parsePopularSites(text: string): PopularSites {
  const ranks = new Map<string, number>();
  const domains: string[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.trim().toLowerCase();
    if (line === '' || line.startsWith('#') || ranks.has(line)) continue;
    domains.push(line);
    ranks.set(line, domains.length);
  }
  return {
    size: domains.length,
    domains,
    has: (registrableDomain) => ranks.has(registrableDomain),
    rank: (registrableDomain) => ranks.get(registrableDomain) ?? 0,
  };
}

/** Reads and parses the list through the caller's I/O (a file read in Node, fetch in the extension). */
export async function loadPopularSites(readText: (fileName: string) => Promise<string>): Promise<PopularSites> {
  return parsePopularSites(await readText(POPULAR_SITES_FILE));
}
