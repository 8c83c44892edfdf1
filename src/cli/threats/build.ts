/**
 * `snowman threats build`: reads the pool's malicious feeds, compiles them (compile.ts) and writes
 * the packaged list next to the model: threats/list.bin (what the extension and CLI load),
 * threats/names.txt (the kept names, for Chrome's DNR rules and for review) and
 * threats/provenance.json (feeds, upstream commits and dates, counts, exclusions, sha256).
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { encodeThreatTable } from '../../core/threats/format.js';
import { parsePopularSites, POPULAR_SITES_FILE } from '../../core/popular-sites.js';
import { compileThreats, type CompiledList } from './compile.js';
import { DEFAULT_SKIPPED_FEEDS, feedWords, isFeedFile } from './feeds.js';
import { parseSources, type Upstream } from './sources.js';
import { THREATS_LIST_FILE, THREATS_NAMES_FILE, THREATS_PROVENANCE_FILE } from './paths.js';

export interface BuildOptions {
  /** The pool directory (../shared/data). */
  readonly dataDir: string;
  /** Output directory (threats/). */
  readonly outDir: string;
  /** Model directory holding the popular-site list. */
  readonly modelDir: string;
  /** Benign names no entry may cover; the pool's Tranco top-100k by default. */
  readonly benignFile: string;
  /** Feed ids to compile; every feed but DEFAULT_SKIPPED_FEEDS when absent. */
  readonly feeds?: readonly string[] | undefined;
  /** The command line, for the provenance. */
  readonly command: string;
}

const sha256 = (bytes: Uint8Array | string): string => createHash('sha256').update(bytes).digest('hex');

async function inputFile(file: string): Promise<{ text: string; sha256: string }> {
  const bytes = await readFile(file);
  return { text: bytes.toString('utf8'), sha256: sha256(bytes) };
}

/** Compiles and writes the list; returns what was written, for the command's summary. */
export async function buildThreats(options: BuildOptions): Promise<{ compiled: CompiledList; provenance: Record<string, unknown> }> {
  const sources = parseSources(await readFile(path.join(options.dataDir, 'SOURCES.md'), 'utf8'));
  const files = (await readdir(options.dataDir)).filter(isFeedFile).sort();
  const wanted = files.filter((f) => (options.feeds ? options.feeds.includes(feedWords(f).id) : !DEFAULT_SKIPPED_FEEDS.includes(feedWords(f).id)));
  const unknown = (options.feeds ?? []).filter((id) => !files.some((f) => feedWords(f).id === id));
  if (unknown.length > 0) throw new Error(`no such feed: ${unknown.join(', ')} (feeds: ${files.map((f) => feedWords(f).id).join(', ')})`);

  const inputs: { file: string; upstream: Upstream | null; sha256: string; lines: string[] }[] = [];
  for (const file of wanted) {
    const { text, sha256: digest } = await inputFile(path.join(options.dataDir, file));
    inputs.push({ file, upstream: sources.get(file) ?? null, sha256: digest, lines: text.split('\n') });
  }
  const popularPath = path.join(options.modelDir, POPULAR_SITES_FILE);
  const popular = await inputFile(popularPath);
  const benign = await inputFile(options.benignFile);
  const popularSites = parsePopularSites(popular.text);
  const benignHosts = benign.text.split('\n').filter((l) => l.trim() !== '');

  const compiled = compileThreats({
    feeds: inputs.map(({ file, upstream, lines }) => {
      const words = feedWords(file);
      return { feed: { ...words, date: upstream?.date ?? 'unknown date' }, lines };
    }),
    isPopular: popularSites.has,
    benignHosts,
  });
  const list = encodeThreatTable(compiled.table);
  const names = `${compiled.names.join('\n')}\n`;
  await mkdir(options.outDir, { recursive: true });
  await writeFile(path.join(options.outDir, THREATS_LIST_FILE), list);
  await writeFile(path.join(options.outDir, THREATS_NAMES_FILE), names);

  const provenance = {
    format: 1,
    built: new Date().toISOString(),
    command: options.command,
    entries: compiled.table.hi.length,
    fingerprintBits: 64,
    fingerprintCollisions: compiled.collisions,
    files: {
      [THREATS_LIST_FILE]: { bytes: list.byteLength, sha256: sha256(list) },
      [THREATS_NAMES_FILE]: { bytes: Buffer.byteLength(names), sha256: sha256(names) },
    },
    exclusionInputs: {
      popular: { file: path.basename(popularPath), domains: popularSites.size, sha256: popular.sha256 },
      benign: { file: path.basename(options.benignFile), names: benignHosts.length, sha256: benign.sha256 },
    },
    platforms: compiled.platforms,
    feeds: compiled.feeds.map((f, i) => ({
      ...f.feed,
      file: inputs[i]!.file,
      sha256: inputs[i]!.sha256,
      upstream: inputs[i]!.upstream,
      lines: f.lines,
      kept: f.kept,
      excluded: f.excluded,
      excludedExamples: f.examples,
    })),
    skippedFeeds: files.filter((f) => !wanted.includes(f)).map((f) => feedWords(f).id),
  };
  await writeFile(path.join(options.outDir, THREATS_PROVENANCE_FILE), `${JSON.stringify(provenance, null, 2)}\n`);
  return { compiled, provenance };
}
