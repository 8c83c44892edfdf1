/**
 * A page summary's state: per linked host its verdict and number of links, the storage.session
 * form it is mirrored in, and the summary the popup reads. Pure functions over plain data.
 */
import { parseDomain } from '../core/domain.js';
import type { LinkLevel, PageSummary, RiskyDomain } from '../core/messages.js';
import type { FrameRecord } from '../core/messages.js';
import type { Category } from '../core/verdict.js';

/** What is known about one linked host of a page. */
export interface HostRecord {
  readonly level: LinkLevel;
  readonly category: Category;
  readonly score: number | null;
  readonly links: number;
  readonly registrableDomain: string | null;
  readonly displayHost: string;
}

export interface PageState {
  readonly pageId: string;
  readonly pageUrl: string;
  readonly hosts: Map<string, HostRecord>;
  /** Wall-clock time some batch of this page was being judged (overlapping batches count once). */
  scoringMs: number;
  /** Judging intervals of this worker, merged (memory only); `scoringMs` = restored time + their length. */
  readonly busy: [number, number][];
  readonly restoredMs: number;
  refused: number;
  paused: boolean;
  /** Admitted hosts being judged: they count towards the cap (memory only). */
  readonly pending: Set<string>;
  /**
   * Latest link count per host, set at admission (in message order): batches are judged
   * concurrently, so a count must not come from whichever judgement finishes last.
   */
  readonly counts: Map<string, number>;
  /** Per host, the admission number of the judgement recorded (memory only): an older one never overwrites a newer. */
  readonly recordedAt: Map<string, number>;
  admissions: number;
}

const LEVELS: readonly LinkLevel[] = ['safe', 'suspicious', 'dangerous', 'unscorable', 'error'];
const RANK: Record<LinkLevel, number> = { dangerous: 0, suspicious: 1, error: 2, unscorable: 3, safe: 4 };
/** The popup lists at most this many risky domains (the counts cover all of them). */
export const MAX_RISKY_LISTED = 200;

/** Stored form: safe entries are [host, level, links]; risky ones also carry what the popup shows. */
type StoredEntry = [string, number, number] | [string, number, number, Category, number | null, string];
interface Stored {
  readonly pageId: string;
  readonly pageUrl: string;
  readonly scoringMs: number;
  readonly refused: number;
  readonly paused: boolean;
  readonly entries: readonly StoredEntry[];
}

export const isRisky = (level: LinkLevel): level is 'suspicious' | 'dangerous' =>
  level === 'suspicious' || level === 'dangerous';
export const withoutFragment = (url: string): string => url.split('#', 1)[0]!;

export function toStored(state: PageState): Stored {
  const entries: StoredEntry[] = [];
  for (const [host, r] of state.hosts) {
    const level = LEVELS.indexOf(r.level);
    entries.push(
      isRisky(r.level) ? [host, level, r.links, r.category, r.score, r.displayHost] : [host, level, r.links],
    );
  }
  return {
    pageId: state.pageId,
    pageUrl: state.pageUrl,
    scoringMs: state.scoringMs,
    refused: state.refused,
    paused: state.paused,
    entries,
  };
}

export function fromStored(value: unknown): PageState | null {
  const s = value as Stored | undefined;
  if (typeof s !== 'object' || s === null || typeof s.pageId !== 'string' || !Array.isArray(s.entries)) return null;
  const hosts = new Map<string, HostRecord>();
  for (const entry of s.entries) {
    const [host, level, links, category, score, displayHost] = entry;
    const parsed = parseDomain(host);
    const registrableDomain = parsed.ok ? parsed.registrableDomain : null;
    hosts.set(host, {
      level: LEVELS[level] ?? 'error',
      category: category ?? '-',
      score: score ?? null,
      links,
      registrableDomain,
      displayHost: displayHost ?? (parsed.ok ? parsed.displayHost : host),
    });
  }
  const counts = new Map([...hosts].map(([host, r]) => [host, r.links]));
  return {
    pageId: s.pageId,
    pageUrl: s.pageUrl,
    hosts,
    scoringMs: s.scoringMs,
    busy: [],
    restoredMs: s.scoringMs,
    refused: s.refused,
    paused: s.paused,
    pending: new Set(),
    counts,
    recordedAt: new Map(),
    admissions: 0,
  };
}

/** Adds [start, end) to sorted, disjoint `intervals` (merging overlaps); returns their total length. */
export function addInterval(intervals: [number, number][], start: number, end: number): number {
  intervals.push([start, Math.max(start, end)]);
  intervals.sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const [s, e] of intervals) {
    const last = merged[merged.length - 1];
    if (last && s <= last[1]) last[1] = Math.max(last[1], e);
    else merged.push([s, e]);
  }
  intervals.splice(0, intervals.length, ...merged);
  return merged.reduce((sum, [s, e]) => sum + (e - s), 0);
}

export function summarize(tabId: number, state: PageState, page: FrameRecord | null): PageSummary {
  const domainsByLevel: Record<LinkLevel, number> = { safe: 0, suspicious: 0, dangerous: 0, unscorable: 0, error: 0 };
  const linksByLevel: Record<LinkLevel, number> = { safe: 0, suspicious: 0, dangerous: 0, unscorable: 0, error: 0 };
  const registrable = new Set<string>();
  const risky: RiskyDomain[] = [];
  let links = 0;
  for (const [host, r] of state.hosts) {
    domainsByLevel[r.level]++;
    linksByLevel[r.level] += r.links;
    links += r.links;
    registrable.add(r.registrableDomain ?? host);
    if (isRisky(r.level))
      risky.push({
        host,
        displayHost: r.displayHost,
        registrableDomain: r.registrableDomain,
        level: r.level,
        category: r.category,
        score: r.score,
        links: r.links,
      });
  }
  risky.sort(
    (a, b) =>
      RANK[a.level] - RANK[b.level] ||
      (b.score ?? 0) - (a.score ?? 0) ||
      b.links - a.links ||
      a.host.localeCompare(b.host),
  );
  return {
    tabId,
    page,
    links,
    domains: state.hosts.size,
    registrableDomains: registrable.size,
    domainsByLevel,
    linksByLevel,
    risky: risky.slice(0, MAX_RISKY_LISTED),
    scoringMs: Math.round(state.scoringMs * 10) / 10,
    refused: state.refused,
    paused: state.paused,
  };
}
