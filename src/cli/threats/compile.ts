/**
 * Feeds → threat table, with every name that is left out counted by why. Pure: the caller reads
 * the files (build.ts), so tests compile small fixture lists.
 */
import { parseDomain } from '../../core/domain.js';
import { fingerprintOf, type Fingerprint } from '../../core/threats/fingerprint.js';
import type { ThreatFeed, ThreatTable } from '../../core/threats/format.js';

/** Why a feed line is not on the list. */
export type Exclusion = 'malformed' | 'ip' | 'duplicate' | 'popular' | 'platform' | 'benign';
export const EXCLUSIONS: readonly Exclusion[] = ['malformed', 'ip', 'duplicate', 'popular', 'platform', 'benign'];

export interface FeedInput {
  readonly feed: ThreatFeed;
  /** The feed file's lines; blank lines and `#` comments are skipped uncounted. */
  readonly lines: readonly string[];
}

export interface CompileInputs {
  readonly feeds: readonly FeedInput[];
  /** The popular-site allowlist: names under these registrable domains are never listed. */
  isPopular(registrableDomain: string): boolean;
  /** Benign names (the Tranco top-100k): no entry may equal one of them or be a parent of one. */
  readonly benignHosts: readonly string[];
  /** The entry fingerprint (core's by default; tests force collisions with their own). */
  readonly fingerprint?: (host: string) => Fingerprint;
}

export interface CompiledFeed {
  readonly feed: ThreatFeed;
  readonly lines: number;
  readonly kept: number;
  readonly excluded: Record<Exclusion, number>;
  /** A few left-out names per reason, for review (and for tests that need a name a feed lists but the list does not). */
  readonly examples: Record<Exclusion, string[]>;
}

export interface CompiledList {
  readonly table: ThreatTable;
  /** Kept names, sorted: the Chrome build turns them into DNR rules. */
  readonly names: readonly string[];
  readonly feeds: readonly CompiledFeed[];
  /** Registrable domains recognised as hosting platforms: their own name is never listed. */
  readonly platforms: readonly string[];
  /** Distinct kept names whose fingerprints collided (the later one dropped); 0 expected. */
  readonly collisions: number;
}

/**
 * A registrable domain that hands out names to its users: this many distinct sub-domains in the
 * feeds, and itself among the benign top names (a campaign domain with random sub-domains is not).
 */
export const PLATFORM_MIN_SUBDOMAINS = 10;

const EXAMPLES = 5;

/** Benign hosts and every parent of them down to their registrable domain. */
function benignCover(hosts: readonly string[]): { names: Set<string>; domains: Set<string> } {
  const names = new Set<string>();
  const domains = new Set<string>();
  for (const raw of hosts) {
    const parsed = parseDomain(raw);
    if (!parsed.ok || parsed.registrableDomain === null) continue;
    domains.add(parsed.registrableDomain);
    let name = parsed.host;
    for (;;) {
      names.add(name);
      if (name.length <= parsed.registrableDomain.length) break;
      name = name.slice(name.indexOf('.') + 1);
    }
  }
  return { names, domains };
}

interface Candidate {
  readonly host: string;
  readonly domain: string;
  readonly feed: number;
}

/** Compiles the feeds (earlier feeds win a name listed twice). */
export function compileThreats(inputs: CompileInputs): CompiledList {
  const benign = benignCover(inputs.benignHosts);
  const seen = new Set<string>();
  const stats = inputs.feeds.map(({ feed }) => ({ feed, lines: 0, kept: 0, excluded: Object.fromEntries(EXCLUSIONS.map((e) => [e, 0])) as Record<Exclusion, number>, examples: Object.fromEntries(EXCLUSIONS.map((e) => [e, [] as string[]])) as Record<Exclusion, string[]> }));
  const leaveOut = (feed: number, why: Exclusion, name: string): void => {
    const stat = stats[feed]!;
    stat.excluded[why]++;
    if (stat.examples[why].length < EXAMPLES) stat.examples[why].push(name);
  };
  const candidates: Candidate[] = [];
  const subdomains = new Map<string, number>();
  inputs.feeds.forEach(({ lines }, f) => {
    const stat = stats[f]!;
    for (const raw of lines) {
      const line = raw.trim();
      if (line === '' || line.startsWith('#')) continue;
      stat.lines++;
      const parsed = parseDomain(line);
      if (!parsed.ok) {
        leaveOut(f, parsed.reason === 'ip' ? 'ip' : 'malformed', line);
        continue;
      }
      if (seen.has(parsed.host)) {
        leaveOut(f, 'duplicate', parsed.host);
        continue;
      }
      seen.add(parsed.host);
      const domain = parsed.registrableDomain;
      if (domain === null) leaveOut(f, 'platform', parsed.host); // a public suffix (PSL, private section on)
      else if (inputs.isPopular(domain)) leaveOut(f, 'popular', parsed.host);
      else {
        candidates.push({ host: parsed.host, domain, feed: f });
        if (parsed.host !== domain) subdomains.set(domain, (subdomains.get(domain) ?? 0) + 1);
      }
    }
  });
  const platforms = [...subdomains].filter(([domain, n]) => n >= PLATFORM_MIN_SUBDOMAINS && benign.domains.has(domain)).map(([domain]) => domain);
  const platformSet = new Set(platforms);

  const kept: Candidate[] = [];
  for (const c of candidates) {
    if (c.host === c.domain && platformSet.has(c.domain)) leaveOut(c.feed, 'platform', c.host);
    else if (benign.names.has(c.host)) leaveOut(c.feed, 'benign', c.host);
    else kept.push(c);
  }
  const fingerprint = inputs.fingerprint ?? fingerprintOf;
  const prints = kept.map((c) => fingerprint(c.host));
  const order = kept.map((_, i) => i).sort((a, b) => prints[a]!.hi - prints[b]!.hi || prints[a]!.lo - prints[b]!.lo);
  const hi: number[] = [];
  const lo: number[] = [];
  const feed: number[] = [];
  const names: string[] = [];
  let collisions = 0;
  for (const i of order) {
    const p = prints[i]!;
    if (hi.length > 0 && hi[hi.length - 1] === p.hi && lo[lo.length - 1] === p.lo) {
      collisions++;
      continue;
    }
    hi.push(p.hi);
    lo.push(p.lo);
    feed.push(kept[i]!.feed);
    names.push(kept[i]!.host);
    stats[kept[i]!.feed]!.kept++;
  }
  names.sort();
  return {
    table: { feeds: inputs.feeds.map((f) => f.feed), hi: Uint32Array.from(hi), lo: Uint32Array.from(lo), feed: Uint8Array.from(feed) },
    names,
    feeds: stats,
    platforms: platforms.sort(),
    collisions,
  };
}
