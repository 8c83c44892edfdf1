/**
 * Measures the lookalike detectors (src/core/lookalike): false-positive rate on benign names that
 * are not on the popular-site allowlist (those never reach the detectors), hit rate on the
 * malicious and DGA pool, and time per name. Prints a table, writes docs/lookalike-metrics.json.
 *
 *   npx tsx scripts/measure-lookalike-fpr.ts [--examples 20] [--no-write] [--brand-rank 5000]
 *       [--min-substring 5] [--repeat-rank 1000] [--any-edit-rank 300] [--any-edit-length 7]
 *
 * The rules were tuned looking only at the benign lists other than Tranco and at Tranco's odd
 * ranks; Tranco's even ranks beyond the allowlist are the held-out benign set.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseDomain, type ScorableHost } from '../src/core/domain.js';
import { parsePopularSites } from '../src/core/popular-sites.js';
import {
  createLookalikeDetector,
  DEFAULT_LOOKALIKE_OPTIONS,
  type LookalikeOptions,
  type LookalikeFinding,
} from '../src/core/lookalike/index.js';
import { poolFiles, readPoolFile, REPO_ROOT } from './lib/data-pool.js';

const KINDS = ['brand', 'typosquat', 'homograph'] as const;

interface Args {
  readonly examples: number;
  readonly write: boolean;
  readonly options: LookalikeOptions;
}

function parseArgs(argv: readonly string[]): Args {
  let examples = 0;
  let write = true;
  const brands = { ...DEFAULT_LOOKALIKE_OPTIONS.brands };
  const typosquat = { ...DEFAULT_LOOKALIKE_OPTIONS.typosquat };
  for (let i = 0; i < argv.length; i++) {
    const value = (): number => Number(argv[++i]);
    switch (argv[i]) {
      case '--examples':
        examples = value();
        break;
      case '--no-write':
        write = false;
        break;
      case '--brand-rank':
        brands.maxRank = value();
        break;
      case '--repeat-rank':
        typosquat.maxRankRepeat = value();
        break;
      case '--any-edit-rank':
        typosquat.maxRankAnyEdit = value();
        break;
      case '--any-edit-length':
        typosquat.minLengthAnyEdit = value();
        break;
      case '--min-substring':
        brands.minSubstringLength = value();
        break;
      default:
        throw new Error(`unknown argument ${argv[i]}`);
    }
  }
  return { examples, write, options: { ...DEFAULT_LOOKALIKE_OPTIONS, brands, typosquat } };
}

interface Row {
  readonly set: string;
  readonly label: 'benign' | 'malicious' | 'dga';
  names: number;
  flagged: number;
  dangerous: number;
  byKind: Record<string, number>;
  dangerousByKind: Record<string, number>;
  examples: Record<string, string[]>;
}

function emptyRow(set: string, label: Row['label']): Row {
  const zero = (): Record<string, number> => Object.fromEntries(KINDS.map((kind) => [kind, 0]));
  return {
    set,
    label,
    names: 0,
    flagged: 0,
    dangerous: 0,
    byKind: zero(),
    dangerousByKind: zero(),
    examples: Object.fromEntries(KINDS.map((kind) => [kind, []])),
  };
}

function main(): void {
  const args = parseArgs(process.argv.slice(2));
  const popular = parsePopularSites(readFileSync(path.join(REPO_ROOT, 'model/popular-domains.txt'), 'utf8'));
  const detect = createLookalikeDetector(popular, args.options);
  const sets: { set: string; label: Row['label']; hosts: string[] }[] = [];
  for (const file of poolFiles('benign-')) {
    // Tranco's own top ranks are the allowlist; its tail is benign and judged like any other name.
    const hosts = readPoolFile(file);
    if (!file.includes('tranco')) {
      sets.push({ set: file, label: 'benign', hosts });
      continue;
    }
    // Line n is rank n: odd ranks were looked at while tuning, even ranks were not.
    sets.push({ set: `${file} odd ranks (tuning)`, label: 'benign', hosts: hosts.filter((_, i) => i % 2 === 0) });
    sets.push({ set: `${file} even ranks (held out)`, label: 'benign', hosts: hosts.filter((_, i) => i % 2 === 1) });
  }
  for (const file of poolFiles('malicious-')) sets.push({ set: file, label: 'malicious', hosts: readPoolFile(file) });
  sets.push({ set: 'dga-*.txt (all families)', label: 'dga', hosts: poolFiles('dga-').flatMap(readPoolFile) });

  const rows: Row[] = [];
  let detectMs = 0;
  let detectCalls = 0;
  let benignMs = 0;
  let benignCalls = 0;
  for (const { set, label, hosts } of sets) {
    const row = emptyRow(set, label);
    const parsed: ScorableHost[] = [];
    for (const host of hosts) {
      const p = parseDomain(host);
      // Allowlisted names are never judged: they are neither false positives nor hits.
      if (p.ok && (p.registrableDomain === null || !popular.has(p.registrableDomain))) parsed.push(p);
    }
    // CPU time, not wall time: this machine is shared, and wall time measures the neighbours.
    const started = process.cpuUsage();
    const results: LookalikeFinding[][] = parsed.map((p) => detect(p));
    const used = process.cpuUsage(started);
    const elapsed = (used.user + used.system) / 1000;
    detectMs += elapsed;
    detectCalls += parsed.length;
    if (label === 'benign') {
      benignMs += elapsed;
      benignCalls += parsed.length;
    }
    row.names = parsed.length;
    results.forEach((findings, i) => {
      if (findings.length === 0) return;
      row.flagged++;
      if (findings.some((f) => f.level === 'dangerous')) row.dangerous++;
      for (const kind of KINDS) {
        const mine = findings.filter((f) => f.kind === kind);
        if (mine.length === 0) continue;
        row.byKind[kind]!++;
        if (mine.some((f) => f.level === 'dangerous')) row.dangerousByKind[kind]!++;
        const examples = row.examples[kind]!;
        if (examples.length < args.examples)
          examples.push(`${parsed[i]!.displayHost} [${mine[0]!.level}] ${mine[0]!.message}`);
      }
    });
    rows.push(row);
  }

  const pct = (n: number, d: number): string => (d === 0 ? '-' : `${((100 * n) / d).toFixed(3)}%`);
  console.log(
    `${'set'.padEnd(58)} ${'names'.padStart(8)} ${'flagged'.padStart(8)} ${'dangerous'.padStart(9)}  ${KINDS.map((k) => k.padStart(17)).join(' ')}`,
  );
  for (const row of rows) {
    const kinds = KINDS.map((k) => `${row.byKind[k]}/${row.dangerousByKind[k]}`.padStart(17)).join(' ');
    console.log(
      `${`${row.label}: ${row.set}`.padEnd(58)} ${String(row.names).padStart(8)} ${pct(row.flagged, row.names).padStart(8)} ${pct(row.dangerous, row.names).padStart(9)}  ${kinds}`,
    );
  }
  const benign = rows.filter((r) => r.label === 'benign');
  const sum = (list: Row[], key: 'names' | 'flagged' | 'dangerous'): number => list.reduce((s, r) => s + r[key], 0);
  const microsPerName = (1000 * detectMs) / detectCalls;
  const microsPerBenignName = (1000 * benignMs) / benignCalls;
  console.log(
    `benign overall: flagged ${pct(sum(benign, 'flagged'), sum(benign, 'names'))}, dangerous ${pct(sum(benign, 'dangerous'), sum(benign, 'names'))}`,
  );
  console.log(
    `speed: ${microsPerName.toFixed(2)} µs per name over all ${detectCalls} names, ${microsPerBenignName.toFixed(2)} µs per benign name (CPU time, single pass, includes JIT warm-up)`,
  );
  if (args.examples > 0) {
    for (const row of rows)
      for (const kind of KINDS)
        for (const example of row.examples[kind]!)
          console.log(`  ${row.label}/${row.set.slice(0, 28)}/${kind}: ${example}`);
  }
  if (!args.write) return;
  const metrics = {
    generatedBy: 'scripts/measure-lookalike-fpr.ts',
    popularList: { file: 'model/popular-domains.txt', size: popular.size },
    options: args.options,
    microsPerName: Number(microsPerName.toFixed(2)),
    microsPerBenignName: Number(microsPerBenignName.toFixed(2)),
    benignOverall: {
      names: sum(benign, 'names'),
      flagged: sum(benign, 'flagged'),
      dangerous: sum(benign, 'dangerous'),
    },
    rows: rows.map(({ examples: _examples, ...row }) => row),
  };
  writeFileSync(path.join(REPO_ROOT, 'docs/lookalike-metrics.json'), `${JSON.stringify(metrics, null, 2)}\n`);
}

main();
