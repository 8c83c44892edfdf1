/**
 * A host list the user imports from a file (a block list or a trust list): one host per line,
 * `#` comments, and the hosts-file form real block lists use (`0.0.0.0 host`). Every bad line is
 * reported with its line number and why; every good line is kept, so nothing is lost silently.
 */

/** More hosts than this in one list is refused past the cap (storage.local holds the lists). */
export const MAX_IMPORTED_HOSTS = 100_000;
/** Bad lines reported one by one; past this only counted. */
const MAX_REPORTED_LINES = 100;

/** A host (or URL) → the host the list keeps (ASCII, lowercase, `www.` dropped), or why it is refused. */
export type HostNormaliser = (entry: string) => { host: string } | { problem: string };

export interface BadLine {
  /** 1-based, as an editor shows it. */
  readonly line: number;
  readonly text: string;
  readonly problem: string;
}

export interface ParsedHostList {
  /** Distinct hosts, in file order. */
  readonly hosts: readonly string[];
  /** The first bad lines (at most 100), in file order. */
  readonly bad: readonly BadLine[];
  /** Every bad line, including those past the reported ones. */
  readonly badCount: number;
}

// The sink addresses hosts files map blocked names to.
const SINKS = new Set(['0.0.0.0', '127.0.0.1', '::', '::1']);
// Grouped by hand: this runs as the background starts, and a first toLocaleString there sets up
// number formatting (~8 ms of a cold start in a CPU profile) for one constant.
const CAP_TEXT = String(MAX_IMPORTED_HOSTS).replace(/\B(?=(\d{3})+$)/g, ',');
const PROBLEM_WORDS = {
  tooMany: 'more than one name on the line',
  overCap: `past ${CAP_TEXT} hosts; not kept`,
};

/** The one entry a line names, '' for a blank or comment line, or null when it names more than one. */
function entryOf(line: string): string | null {
  const hash = line.indexOf('#');
  const tokens = (hash === -1 ? line : line.slice(0, hash)).trim().split(/\s+/);
  if (tokens[0] === '') return '';
  if (tokens.length === 2 && SINKS.has(tokens[0]!)) return tokens[1]!;
  return tokens.length === 1 ? tokens[0]! : null;
}

/** Parses a list file's text; `normalise` checks each entry (the background's domain parser). */
export function parseHostList(text: string, normalise: HostNormaliser): ParsedHostList {
  const hosts = new Set<string>();
  const bad: BadLine[] = [];
  let badCount = 0;
  const report = (line: number, raw: string, problem: string) => {
    badCount++;
    if (bad.length < MAX_REPORTED_LINES) bad.push({ line, text: raw.trim().slice(0, 120), problem });
  };
  const lines = text.split(/\r\n|\r|\n/);
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!;
    const entry = entryOf(raw);
    if (entry === '') continue;
    if (entry === null) {
      report(i + 1, raw, PROBLEM_WORDS.tooMany);
      continue;
    }
    const result = normalise(entry);
    if ('problem' in result) report(i + 1, raw, result.problem);
    else if (hosts.size >= MAX_IMPORTED_HOSTS && !hosts.has(result.host)) report(i + 1, raw, PROBLEM_WORDS.overCap);
    else hosts.add(result.host);
  }
  return { hosts: [...hosts], bad, badCount };
}
