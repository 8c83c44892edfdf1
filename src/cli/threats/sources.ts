/**
 * Upstream provenance of the pool files, read from the pool's SOURCES.md tables: repository,
 * path, commit, snapshot date and licence per file (`@ same commit` rows inherit the row above).
 */

export interface Upstream {
  readonly repository: string;
  readonly path: string;
  readonly commit: string;
  readonly date: string;
  readonly licence: string;
}

const SOURCE = /`([^`]+)`\s*—\s*(`[^|]*?`)\s*@\s*(?:`([0-9a-f]{40})`\s*\((\d{4}-\d{2}-\d{2})\)|same commit)/;

/** Upstream of every file row in SOURCES.md, keyed by file name. */
export function parseSources(markdown: string): Map<string, Upstream> {
  const out = new Map<string, Upstream>();
  let previous: Upstream | undefined;
  for (const line of markdown.split('\n')) {
    const cells = line.split('|').map((c) => c.trim());
    const file = /^`([a-z0-9._-]+\.txt)`$/.exec(cells[1] ?? '')?.[1];
    const source = SOURCE.exec(cells[4] ?? '');
    if (!file || !source) continue;
    const commit = source[3] ?? previous?.commit;
    const date = source[4] ?? previous?.date;
    if (commit === undefined || date === undefined) continue;
    const upstream = { repository: source[1]!, path: source[2]!.replaceAll('`', ''), commit, date, licence: cells[5] ?? '' };
    out.set(file, upstream);
    previous = upstream;
  }
  return out;
}
