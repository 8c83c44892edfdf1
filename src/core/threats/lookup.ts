/**
 * Membership in the packaged threat list: a host matches when it or one of its parent names down
 * to its registrable domain is listed (an entry covers its sub-domains, as a DNR `requestDomains`
 * rule does). Never above the registrable domain: an entry cannot list a whole public suffix.
 */
import { forEachSuffixFingerprint } from './fingerprint.js';
import type { ThreatFeed, ThreatTable } from './format.js';

/** A listed host: the entry that matched and the feed that lists it. */
export interface ListedMatch {
  /** The listed name (the host itself or the parent that is on the list). */
  readonly entry: string;
  readonly feed: ThreatFeed;
}

export interface ThreatList {
  /** Entries on the list. */
  readonly size: number;
  readonly feeds: readonly ThreatFeed[];
  /** The match for `host` (normalised, `www.` removed) under `registrableDomain`, or null. */
  lookup(host: string, registrableDomain: string | null): ListedMatch | null;
}

const BUCKET_SHIFT = 20;

/** First index whose hi is ≥ `value` in the sorted column. */
function lowerBound(hi: Uint32Array, value: number): number {
  let low = 0;
  let high = hi.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (hi[mid]! < value) low = mid + 1;
    else high = mid;
  }
  return low;
}

/**
 * Where each value of a fingerprint's top 12 bits starts in the sorted columns: a lookup then
 * searches n / 4,096 entries (~80, a few cache lines) instead of the whole table. 4,097 binary
 * searches at load take well under a millisecond, where a pass over every entry did not.
 */
function bucketStarts(hi: Uint32Array): Uint32Array {
  const buckets = 1 << (32 - BUCKET_SHIFT);
  const starts = new Uint32Array(buckets + 1);
  for (let b = 0; b < buckets; b++) starts[b] = lowerBound(hi, (b << BUCKET_SHIFT) >>> 0);
  starts[buckets] = hi.length;
  return starts;
}

/** Index of (hi, lo) in the sorted columns, or -1. */
function find(table: ThreatTable, starts: Uint32Array, hi: number, lo: number): number {
  const { hi: his, lo: los } = table;
  const bucket = hi >>> BUCKET_SHIFT;
  let low = starts[bucket]!;
  let high = starts[bucket + 1]! - 1;
  while (low <= high) {
    const mid = (low + high) >>> 1;
    const h = his[mid]!;
    const l = los[mid]!;
    if (h < hi || (h === hi && l < lo)) low = mid + 1;
    else if (h > hi || l > lo) high = mid - 1;
    else return mid;
  }
  return -1;
}

/** A lookup over a decoded table. */
export function createThreatList(table: ThreatTable): ThreatList {
  const starts = bucketStarts(table.hi);
  return {
    size: table.hi.length,
    feeds: table.feeds,
    lookup(host, registrableDomain) {
      if (registrableDomain === null || table.hi.length === 0) return null;
      let match: ListedMatch | null = null;
      forEachSuffixFingerprint(host, registrableDomain.length, (hi, lo, start) => {
        const at = find(table, starts, hi, lo);
        const feed = at === -1 ? undefined : table.feeds[table.feed[at]!];
        if (feed === undefined) return false;
        match = { entry: host.slice(start), feed };
        return true;
      });
      return match;
    },
  };
}

/** An empty list (no file shipped, or `--no-list`). */
export const EMPTY_THREAT_LIST: ThreatList = { size: 0, feeds: [], lookup: () => null };
