/**
 * `snowman threats build [--data DIR] [--out DIR] [--model DIR] [--benign FILE] [--feeds a,b]`:
 * compiles the pool's malicious feeds into the packaged threat list (threats/, docs/threats.md).
 */
import path from 'node:path';
import { parseFlags, UsageError } from '../args.js';
import { DEFAULT_DATA_DIR } from '../data/labelled-files.js';
import { SHIPPED_MODEL_DIR } from '../model-dir.js';
import { SHIPPED_THREATS_DIR } from '../threats/paths.js';

const HELP = `usage: snowman threats build [options]

Compiles the malicious-* feeds of the data pool into the packaged threat list
(threats/list.bin, threats/names.txt, threats/provenance.json).

options:
  --data DIR     the data pool (default $SNOWMAN_DATA, else ../shared/data; its SOURCES.md gives upstream commits and dates)
  --out DIR      where to write (default: the shipped threats/)
  --model DIR    model directory with popular-domains.txt (default: the shipped model/)
  --benign FILE  names no entry may cover (default: DATA/benign-tranco-top100k-ranked.txt)
  --feeds a,b    feed ids to compile (default: all but maltrail-malware)
`;

const OPTIONS = {
  data: { type: 'string' },
  out: { type: 'string' },
  model: { type: 'string' },
  benign: { type: 'string' },
  feeds: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** Runs `snowman threats`. */
export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseFlags(argv, OPTIONS);
  if (values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  if (positionals.length !== 1 || positionals[0] !== 'build')
    throw new UsageError('the only subcommand is "build" (snowman threats build --help)');
  const dataDir = values.data ?? DEFAULT_DATA_DIR;
  const outDir = values.out ?? SHIPPED_THREATS_DIR;
  const { buildThreats } = await import('../threats/build.js');
  const started = Date.now();
  const { compiled } = await buildThreats({
    dataDir,
    outDir,
    modelDir: values.model ?? SHIPPED_MODEL_DIR,
    benignFile: values.benign ?? path.join(dataDir, 'benign-tranco-top100k-ranked.txt'),
    feeds: values.feeds
      ?.split(',')
      .map((f) => f.trim())
      .filter(Boolean),
    command: ['snowman', 'threats', ...argv].join(' '),
  });
  for (const f of compiled.feeds) {
    const excluded = Object.entries(f.excluded)
      .filter(([, n]) => n > 0)
      .map(([why, n]) => `${why} ${n}`)
      .join(', ');
    process.stderr.write(
      `${f.feed.id}: ${f.lines} lines, ${f.kept} listed${excluded ? ` (left out: ${excluded})` : ''}\n`,
    );
  }
  process.stderr.write(
    `snowman threats: ${compiled.table.hi.length} names, ${compiled.platforms.length} hosting platforms, ${compiled.collisions} fingerprint collisions → ${outDir} in ${Date.now() - started} ms\n`,
  );
  return 0;
}
