/**
 * CLI section: a cold `snowman score example.com` from the compiled package (dist/cli, as `npm
 * install -g` runs it: no tsx) against a bare `node -e 0`, runs interleaved so machine load hits
 * both alike. Target: the score within 10× the bare start.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Row } from '../types.js';
import { median } from '../lib/stats.js';

const SECTION = 'cli-start';
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const RUNS = 7;

function wallMs(args: string[]): number {
  const started = performance.now();
  execFileSync(process.execPath, args, { cwd: ROOT, stdio: 'ignore' });
  return performance.now() - started;
}

/** Builds the CLI, then times both commands RUNS times each, alternating. */
export async function run(): Promise<Row[]> {
  execFileSync(process.execPath, ['build.mjs', '--cli'], { cwd: ROOT, stdio: 'ignore' });
  const cli = path.join(ROOT, 'dist/cli/snowman.mjs');
  const score: number[] = [];
  const bare: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    score.push(wallMs([cli, 'score', 'example.com']));
    bare.push(wallMs(['-e', '0']));
  }
  const ratio = median(score) / median(bare);
  return [
    {
      section: SECTION,
      metric: 'cold snowman score example.com',
      value: median(score),
      unit: 'ms',
      note: `median of ${RUNS}, compiled dist/cli, process start to exit`,
    },
    { section: SECTION, metric: 'bare node -e 0', value: median(bare), unit: 'ms', note: `median of ${RUNS}` },
    {
      section: SECTION,
      metric: 'score / bare start',
      value: ratio,
      unit: '×',
      note: ratio <= 10 ? 'target ≤ 10×: met' : 'target ≤ 10×: MISSED',
    },
  ];
}
