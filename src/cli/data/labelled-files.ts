/**
 * Labelled domain lists on disk → normalised, deduplicated examples. The label comes from the file
 * name prefix (benign-, malicious-, dga-) as in the data directory (--data), or is given explicitly.
 */
import { readFile, readdir } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { getDomain } from 'tldts';
import { parseDomain } from '../../core/domain.js';
import { UsageError } from '../args.js';
import { PACKAGE_ROOT } from '../package-root.js';

export type Label = 'benign' | 'malicious' | 'dga';
export const LABELS: readonly Label[] = ['benign', 'malicious', 'dga'];

export interface Example {
  /** Normalised host, as the model scores it. */
  readonly host: string;
  readonly label: Label;
  /** File base name the example came from (its source, for leave-one-source-out). */
  readonly source: string;
  /** ICANN eTLD+1 (PSL private section OFF): the unit no split may cut across. */
  readonly group: string;
}

export interface FileSummary {
  readonly path: string;
  readonly source: string;
  readonly label: Label;
  readonly lines: number;
  readonly kept: number;
  readonly rejected: number;
  readonly duplicates: number;
  readonly sha256: string;
}

/** The training pool: $SNOWMAN_DATA, else ../shared/data beside the package (a checkout's layout). */
export const DEFAULT_DATA_DIR = process.env['SNOWMAN_DATA'] || path.join(PACKAGE_ROOT, '..', 'shared', 'data');

const GROUP_OPTIONS = { allowPrivateDomains: false } as const;

/** Label from a file name such as `dga-tinba.txt`; null when the name carries none. */
export function labelFromFileName(file: string): Label | null {
  const base = path.basename(file);
  for (const label of LABELS) if (base.startsWith(`${label}-`)) return label;
  return null;
}

/** Grouping key of a host: its ICANN registrable domain, or the host itself. */
export function groupOf(host: string): string {
  return getDomain(host, GROUP_OPTIONS) ?? host;
}

/** The list files of a directory (sorted, *.txt with a label prefix). */
export async function listDataFiles(dir: string = DEFAULT_DATA_DIR): Promise<string[]> {
  let entries: string[];
  try {
    entries = await readdir(dir);
  } catch {
    throw new UsageError(
      `cannot read the data directory ${dir}: give the folder of benign-*/malicious-*/dga-* lists with --data DIR (or SNOWMAN_DATA)`,
    );
  }
  return entries
    .filter((f) => f.endsWith('.txt') && labelFromFileName(f) !== null)
    .sort()
    .map((f) => path.join(dir, f));
}

/**
 * Reads list files; names are normalised with parseDomain (the scorer's own normalisation),
 * unparseable lines are counted, and a host seen twice keeps its first occurrence.
 */
export async function readLabelledFiles(
  files: readonly { path: string; label?: Label }[],
): Promise<{ examples: Example[]; files: FileSummary[] }> {
  const seen = new Set<string>();
  const examples: Example[] = [];
  const summaries: FileSummary[] = [];
  for (const file of files) {
    const label = file.label ?? labelFromFileName(file.path);
    if (label === null)
      throw new UsageError(
        `cannot tell the label of ${file.path}: name it benign-*, malicious-* or dga-*, or pass it with a label flag`,
      );
    let bytes: Buffer;
    try {
      bytes = await readFile(file.path);
    } catch {
      throw new UsageError(`cannot read ${file.path}`);
    }
    const source = path.basename(file.path).replace(/\.txt$/, '');
    let lines = 0;
    let kept = 0;
    let rejected = 0;
    let duplicates = 0;
    for (const line of bytes.toString('utf8').split('\n')) {
      const text = line.trim();
      if (text === '' || text.startsWith('#')) continue;
      lines++;
      const parsed = parseDomain(text);
      if (!parsed.ok) {
        rejected++;
        continue;
      }
      if (seen.has(parsed.host)) {
        duplicates++;
        continue;
      }
      seen.add(parsed.host);
      examples.push({ host: parsed.host, label, source, group: groupOf(parsed.host) });
      kept++;
    }
    summaries.push({
      path: file.path,
      source,
      label,
      lines,
      kept,
      rejected,
      duplicates,
      sha256: createHash('sha256').update(bytes).digest('hex'),
    });
  }
  return { examples, files: summaries };
}
