/**
 * The packaged threat list as shards (scripts/threat-shards.mjs writes them): entries grouped by
 * their fingerprint's top bits, each shard a list file of its own. `prepare` reads just the shards
 * one host's lookup needs, so a starting worker judges its first name after reading ~100 KB, not
 * the whole list; `loadAll` reads the rest. A lookup that needs a shard not yet read throws: every
 * caller prepares first (or waits for `loadAll`), and answering "not listed" for a name whose
 * shard is missing would be a silent hole.
 */
import { forEachSuffixFingerprint } from './fingerprint.js';
import type { ThreatFeed, ThreatTable } from './format.js';
import { createThreatList, type ListedMatch, type ThreatList } from './lookup.js';

/** Must match THREAT_SHARD_BITS in scripts/threat-shards.mjs. */
export const THREAT_SHARD_BITS = 6;
export const THREAT_SHARD_COUNT = 1 << THREAT_SHARD_BITS;

const shardOf = (hi: number): number => hi >>> (32 - THREAT_SHARD_BITS);

/** The shards `host`'s lookup reads (its own name and each parent down to the registrable domain). */
export function shardsFor(host: string, registrableDomain: string | null): number[] {
  if (registrableDomain === null) return [];
  const shards = new Set<number>();
  forEachSuffixFingerprint(host, registrableDomain.length, (hi) => {
    shards.add(shardOf(hi));
    return false;
  });
  return [...shards];
}

export interface ShardedThreatList extends ThreatList {
  /** Resolves once every shard `host`'s lookup needs is read (or failed: then it counts as empty). */
  prepare(host: string, registrableDomain: string | null): Promise<void>;
  /** True when `prepare` would not need to wait. */
  isPrepared(host: string, registrableDomain: string | null): boolean;
  /** True once every shard is read: nothing left to prepare for any name. */
  readonly complete: boolean;
  /** Reads every shard still missing; resolves once all are in. */
  loadAll(): Promise<void>;
}

/**
 * A list over shards read through `load`. A shard that cannot be read is reported to `onError`
 * and counts as empty, as a missing list file does today: the model still judges.
 */
export function createShardedThreatList(
  load: (shard: number) => Promise<ThreatTable>,
  onError: (shard: number, error: unknown) => void,
): ShardedThreatList {
  const lists: (ThreatList | undefined)[] = new Array<ThreatList | undefined>(THREAT_SHARD_COUNT);
  const reads = new Map<number, Promise<void>>();
  let feeds: readonly ThreatFeed[] = [];
  let size = 0;
  let settled = 0;

  function read(shard: number): Promise<void> {
    let pending = reads.get(shard);
    if (!pending) {
      pending = load(shard).then(
        (table) => {
          lists[shard] = createThreatList(table);
          size += table.hi.length;
          if (feeds.length === 0) feeds = table.feeds;
        },
        (error: unknown) => {
          lists[shard] = { size: 0, feeds: [], lookup: () => null };
          onError(shard, error);
        },
      );
      pending = pending.then(() => {
        settled++;
      });
      reads.set(shard, pending);
    }
    return pending;
  }

  return {
    get size() {
      return size;
    },
    get feeds() {
      return feeds;
    },
    get complete() {
      return settled === THREAT_SHARD_COUNT;
    },
    lookup(host, registrableDomain): ListedMatch | null {
      if (registrableDomain === null) return null;
      let match: ListedMatch | null = null;
      for (const shard of shardsFor(host, registrableDomain)) {
        const list = lists[shard];
        if (!list) throw new Error(`threat list shard ${shard} is not read yet`);
        const found = list.lookup(host, registrableDomain);
        // The shortest listed name wins, as in the one-table lookup (it probes the registrable domain first).
        if (found && (!match || found.entry.length < match.entry.length)) match = found;
      }
      return match;
    },
    isPrepared: (host, registrableDomain) => shardsFor(host, registrableDomain).every((s) => lists[s] !== undefined),
    async prepare(host, registrableDomain) {
      await Promise.all(shardsFor(host, registrableDomain).map(read));
    },
    async loadAll() {
      await Promise.all(Array.from({ length: THREAT_SHARD_COUNT }, (_, shard) => read(shard)));
    },
  };
}
