/**
 * `npm run bench [-- --only engine,model]`: runs every bench/sections/*.ts in turn, prints one
 * aligned table and writes bench/results/latest.json. A section that throws becomes a failed row;
 * the others still run.
 */
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { renderTable } from '../src/cli/report/text-table.js';
import type { Row, Section } from './types.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const SECTIONS_DIR = path.join(HERE, 'sections');
const RESULTS = path.join(HERE, 'results', 'latest.json');
/** Notes longer than this are cut in the printed table (latest.json keeps them whole), so rows stay on one line. */
const NOTE_WIDTH = 120;

function shortNote(note: string | undefined): string {
  if (note === undefined) return '';
  return note.length <= NOTE_WIDTH ? note : `${note.slice(0, NOTE_WIDTH - 1)}…`;
}

/** Numbers for people: separators above 1,000, three significant digits below. */
export function formatValue(value: number | string): string {
  if (typeof value === 'string') return value;
  if (!Number.isFinite(value)) return String(value);
  if (Math.abs(value) >= 1000) return Math.round(value).toLocaleString('en-US');
  if (Math.abs(value) >= 100) return value.toFixed(0);
  if (Math.abs(value) >= 10) return value.toFixed(1);
  return value.toPrecision(3);
}

async function sectionNames(): Promise<string[]> {
  const files = await readdir(SECTIONS_DIR).catch(() => [] as string[]);
  return files
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))
    .map((f) => f.slice(0, -3))
    .sort();
}

function gitCommit(): string | null {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: HERE, encoding: 'utf8' }).trim();
  } catch {
    return null;
  }
}

async function runSection(name: string): Promise<{ rows: Row[]; seconds: number; ok: boolean }> {
  const started = performance.now();
  try {
    const module = (await import(pathToFileURL(path.join(SECTIONS_DIR, `${name}.ts`)).href)) as { run?: Section };
    if (typeof module.run !== 'function') throw new Error('bench/sections/' + name + '.ts exports no run()');
    const rows = await module.run();
    return { rows, seconds: (performance.now() - started) / 1000, ok: true };
  } catch (error) {
    const message = (error as Error).message ?? String(error);
    return {
      rows: [{ section: name, metric: 'section failed', value: 'failed', unit: '', note: message.split('\n')[0]! }],
      seconds: (performance.now() - started) / 1000,
      ok: false,
    };
  }
}

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { only: { type: 'string' } }, strict: true });
  const available = await sectionNames();
  const only = values.only
    ?.split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const unknown = only?.filter((s) => !available.includes(s)) ?? [];
  if (unknown.length > 0) {
    process.stderr.write(`bench: no section ${unknown.join(', ')} (have: ${available.join(', ')})\n`);
    return 2;
  }
  const selected = only ? available.filter((s) => only.includes(s)) : available;
  // Captured before our own work starts: other load on the machine skews every number.
  const loadAtStart = os.loadavg();
  const rows: Row[] = [];
  const sections: { name: string; seconds: number; ok: boolean }[] = [];
  for (const name of selected) {
    process.stderr.write(`bench: ${name}…\n`);
    const result = await runSection(name);
    rows.push(...result.rows);
    sections.push({ name, seconds: result.seconds, ok: result.ok });
    process.stderr.write(`bench: ${name} ${result.ok ? 'done' : 'FAILED'} in ${result.seconds.toFixed(1)} s\n`);
  }
  const cpus = os.cpus();
  const load = loadAtStart.map((x) => x.toFixed(2)).join(' ');
  process.stdout.write(
    `node ${process.version}, ${cpus.length} × ${cpus[0]?.model ?? 'unknown cpu'}, load average at start ${load}\n`,
  );
  process.stdout.write(
    `${renderTable(
      ['section', 'metric', 'value', 'unit', 'note'],
      rows.map((r) => [r.section, r.metric, formatValue(r.value), r.unit, shortNote(r.note)]),
      ['left', 'left', 'right', 'left', 'left'],
    )}\n`,
  );
  const report = {
    createdAt: new Date().toISOString(),
    commit: gitCommit(),
    machine: {
      node: process.version,
      platform: `${os.platform()} ${os.arch()}`,
      cpus: cpus.length,
      cpuModel: cpus[0]?.model ?? null,
      memoryGB: Math.round(os.totalmem() / 2 ** 30),
      loadAverageAtStart: loadAtStart,
    },
    sections,
    rows,
  };
  await mkdir(path.dirname(RESULTS), { recursive: true });
  await writeFile(RESULTS, `${JSON.stringify(report, null, 2)}\n`);
  process.stderr.write(`bench: wrote ${path.relative(process.cwd(), RESULTS)} (notes in full)\n`);
  return sections.every((s) => s.ok) ? 0 : 1;
}

process.exitCode = await main();
