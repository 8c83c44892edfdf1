/**
 * Builds model/popular-domains.txt, the shipped popular-site allowlist, and measures
 * what each candidate size N costs and buys (docs/popular-list-metrics.json).
 *
 *   npx tsx scripts/build-popular-list.ts [--n 10000] [--dry-run]
 *
 * Source: the Tranco top-100k in ../shared/data (line n = rank n), mapped to registrable domains
 * with the PSL private section on, deduplicated in rank order. Tranco is used alone: it is current
 * (2026), while the Alexa 2015 and OpenDNS 2014 lists hold names that have since expired or changed
 * hands, exactly what an allowlist must not carry.
 */
import { writeFileSync, mkdirSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import path from 'node:path';
import { parseDomain } from '../src/core/domain.js';
import { poolFiles, readPoolFile, registrableDomain, REPO_ROOT } from './lib/data-pool.js';

const TRANCO = 'benign-tranco-top100k-ranked.txt';
const CANDIDATE_SIZES = [1_000, 2_000, 5_000, 10_000, 20_000, 50_000, 99_000];
const DEFAULT_N = 10_000;

/**
 * Hosting platforms are recognised by their abuse: a registrable domain with this many distinct
 * malicious sub-domains in the pool hands out names to its users, and its popularity says nothing
 * about them. Below the top 1,000 a lower count suffices; above it, a few IOC entries under a big
 * brand (sinkholes, one compromised host: microsoft.com has 9, qq.com 5) are not a platform.
 */
const PLATFORM_MIN_SUBDOMAINS = 10;
const PLATFORM_MIN_SUBDOMAINS_TAIL = 5;
const PLATFORM_TAIL_RANK = 1_000;

/**
 * User-content platforms known to lack a PSL entry that the pool shows too rarely for the rule
 * above (Blogger's country mirrors left the PSL in 2024; Wix's old username.wix.com sites;
 * Microsoft 365 tenant names are chosen by whoever signs up).
 */
const KNOWN_PLATFORMS = [/^blogspot\./, /^wix\.com$/, /^onmicrosoft\.com$/];

interface Args {
  readonly n: number;
  readonly dryRun: boolean;
}

function parseArgs(argv: readonly string[]): Args {
  let n = DEFAULT_N;
  let dryRun = false;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--n') n = Number(argv[++i]);
    else if (argv[i] === '--dry-run') dryRun = true;
    else throw new Error(`unknown argument ${argv[i]}`);
  }
  if (!Number.isInteger(n) || n < 1) throw new Error('--n must be a positive integer');
  return { n, dryRun };
}

/**
 * Registrable domains in first-seen rank order, through the same parseDomain the surfaces use,
 * so that every listed domain is one a lookup can produce (23.in-addr.arpa, say, is never scored).
 */
function rankedRegistrableDomains(hosts: readonly string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const host of hosts) {
    const parsed = parseDomain(host);
    const rd = parsed.ok ? parsed.registrableDomain : null;
    if (rd === null || seen.has(rd)) continue;
    seen.add(rd);
    out.push(rd);
  }
  return out;
}

interface LabelledFile {
  readonly file: string;
  /** Registrable domain of every name, null where the name is a public suffix. */
  readonly domains: readonly (string | null)[];
  readonly hosts: readonly string[];
}

function readLabelled(prefix: string): LabelledFile[] {
  return poolFiles(prefix).map((file) => {
    const hosts = readPoolFile(file);
    return { file, hosts, domains: hosts.map(registrableDomain) };
  });
}

/** Distinct malicious host names strictly below each registrable domain. */
function maliciousSubdomainCounts(files: readonly LabelledFile[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const { hosts, domains } of files) {
    for (let i = 0; i < hosts.length; i++) {
      const rd = domains[i];
      if (rd && hosts[i] !== rd) counts.set(rd, (counts.get(rd) ?? 0) + 1);
    }
  }
  return counts;
}

function isPlatform(rd: string, rank: number, subdomains: number): boolean {
  if (KNOWN_PLATFORMS.some((pattern) => pattern.test(rd))) return true;
  return (
    subdomains >= PLATFORM_MIN_SUBDOMAINS || (rank > PLATFORM_TAIL_RANK && subdomains >= PLATFORM_MIN_SUBDOMAINS_TAIL)
  );
}

/** The top `n` ranked registrable domains minus hosting platforms (kept in rank order). */
function allowlist(
  ranked: readonly string[],
  n: number,
  subdomainCounts: Map<string, number>,
): { list: string[]; excluded: string[] } {
  const list: string[] = [];
  const excluded: string[] = [];
  for (let i = 0; i < Math.min(n, ranked.length); i++) {
    const rd = ranked[i]!;
    if (isPlatform(rd, i + 1, subdomainCounts.get(rd) ?? 0)) excluded.push(rd);
    else list.push(rd);
  }
  return { list, excluded };
}

function countCovered(file: LabelledFile, list: ReadonlySet<string>, skipFirst = 0): number {
  let covered = 0;
  for (let i = skipFirst; i < file.domains.length; i++) {
    const rd = file.domains[i];
    if (rd && list.has(rd)) covered++;
  }
  return covered;
}

function serialise(list: readonly string[], n: number, excluded: readonly string[]): string {
  const header = [
    `# Snowman popular-site allowlist: registrable domains (PSL private section on), Tranco top ${n} in rank order,`,
    `# minus ${excluded.length} hosting platforms. Generated by scripts/build-popular-list.ts; see docs/lookalike.md.`,
  ];
  return `${header.join('\n')}\n${list.join('\n')}\n`;
}

function main(): void {
  const args = parseArgs(process.argv.slice(2));
  const trancoHosts = readPoolFile(TRANCO);
  const ranked = rankedRegistrableDomains(trancoHosts);
  const malicious = readLabelled('malicious-');
  const dga = readLabelled('dga-');
  const benign = readLabelled('benign-');
  const subdomainCounts = maliciousSubdomainCounts(malicious);

  const rows = [];
  for (const n of [...new Set([...CANDIDATE_SIZES, args.n])].sort((a, b) => a - b)) {
    const { list, excluded } = allowlist(ranked, n, subdomainCounts);
    const set = new Set(list);
    const naive = new Set(ranked.slice(0, n));
    const text = serialise(list, n, excluded);
    const row = {
      n,
      entries: list.length,
      excludedPlatforms: excluded.length,
      bytes: Buffer.byteLength(text),
      gzipBytes: gzipSync(text).length,
      maliciousWavedThrough: Object.fromEntries(malicious.map((f) => [f.file, countCovered(f, set)])),
      maliciousWavedThroughTotal: malicious.reduce((sum, f) => sum + countCovered(f, set), 0),
      maliciousWavedThroughWithoutExclusions: malicious.reduce((sum, f) => sum + countCovered(f, naive), 0),
      dgaWavedThroughTotal: dga.reduce((sum, f) => sum + countCovered(f, set), 0),
      // Tranco's own entries beyond rank n are test names too; the ranks up to n are the list itself.
      benignCovered: Object.fromEntries(benign.map((f) => [f.file, countCovered(f, set, f.file === TRANCO ? n : 0)])),
    };
    rows.push(row);
    console.log(
      `N=${String(n).padStart(6)} entries=${String(row.entries).padStart(6)} excluded=${String(row.excludedPlatforms).padStart(3)} ` +
        `size=${(row.bytes / 1024).toFixed(0)}KiB gz=${(row.gzipBytes / 1024).toFixed(0)}KiB ` +
        `malicious=${row.maliciousWavedThroughTotal} (no exclusions ${row.maliciousWavedThroughWithoutExclusions}) dga=${row.dgaWavedThroughTotal} ` +
        `benign=${Object.values(row.benignCovered).join('/')}`,
    );
  }

  const chosen = allowlist(ranked, args.n, subdomainCounts);
  const platforms = chosen.excluded.map((rd) => ({
    domain: rd,
    rank: ranked.indexOf(rd) + 1,
    maliciousSubdomains: subdomainCounts.get(rd) ?? 0,
  }));
  console.log(
    `excluded platforms at N=${args.n}: ${platforms.map((p) => `${p.domain}(${p.maliciousSubdomains})`).join(' ')}`,
  );
  if (args.dryRun) return;
  writeFileSync(path.join(REPO_ROOT, 'model/popular-domains.txt'), serialise(chosen.list, args.n, chosen.excluded));
  mkdirSync(path.join(REPO_ROOT, 'docs'), { recursive: true });
  const metrics = {
    source: TRANCO,
    chosenN: args.n,
    rule: {
      platformMinSubdomains: PLATFORM_MIN_SUBDOMAINS,
      platformMinSubdomainsTail: PLATFORM_MIN_SUBDOMAINS_TAIL,
      platformTailRank: PLATFORM_TAIL_RANK,
      knownPlatforms: KNOWN_PLATFORMS.map(String),
    },
    totals: {
      malicious: malicious.reduce((s, f) => s + f.hosts.length, 0),
      dga: dga.reduce((s, f) => s + f.hosts.length, 0),
      benign: Object.fromEntries(benign.map((f) => [f.file, f.hosts.length])),
    },
    sizes: rows,
    excludedPlatforms: platforms,
  };
  writeFileSync(path.join(REPO_ROOT, 'docs/popular-list-metrics.json'), `${JSON.stringify(metrics, null, 2)}\n`);
  console.log(`wrote model/popular-domains.txt (${chosen.list.length} domains) and docs/popular-list-metrics.json`);
}

main();
