/**
 * Score cache: a memory LRU in front of a persistent key-value store (storage.session in the
 * extension), every entry stamped with the model version so a new model never reuses old scores
 * (STYLE rule 6). The store comes in as an argument.
 */
import type { RiskCategory } from './model/architecture.js';
import type { HostScore } from './model/scorer.js';

/** Least-recently-used map with a fixed capacity (a Map keeps insertion order). */
export class LruCache<K, V> {
  readonly #entries = new Map<K, V>();

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError('LRU capacity must be a positive integer');
  }

  get size(): number {
    return this.#entries.size;
  }

  /** The value, marked as most recently used. */
  get(key: K): V | undefined {
    const value = this.#entries.get(key);
    if (value === undefined) return undefined;
    this.#entries.delete(key);
    this.#entries.set(key, value);
    return value;
  }

  has(key: K): boolean {
    return this.#entries.has(key);
  }

  set(key: K, value: V): void {
    this.#entries.delete(key);
    this.#entries.set(key, value);
    if (this.#entries.size > this.capacity) this.#entries.delete(this.#entries.keys().next().value as K);
  }

  delete(key: K): boolean {
    return this.#entries.delete(key);
  }

  clear(): void {
    this.#entries.clear();
  }
}

/** A persistent key-value area (storage.session), injected. */
export interface KeyValueStore {
  get(keys: readonly string[]): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
}

/** A score as stored: model version stamp, score, category, head probabilities. */
interface StoredScore {
  readonly v: string;
  readonly s: number;
  readonly c: RiskCategory;
  readonly h: readonly number[];
}

export const SCORE_KEY_PREFIX = 'score:';

function isProbability(x: unknown): x is number {
  return typeof x === 'number' && Number.isFinite(x) && x >= 0 && x <= 1;
}

/** Reads a stored entry back; undefined when it is malformed or from another model version. */
export function fromStored(value: unknown, version: string): HostScore | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const entry = value as Partial<StoredScore>;
  if (entry.v !== version || !isProbability(entry.s) || typeof entry.c !== 'string') return undefined;
  if (!Array.isArray(entry.h) || !entry.h.every(isProbability)) return undefined;
  return { score: entry.s, category: entry.c, heads: entry.h };
}

export function toStored(score: HostScore, version: string): StoredScore {
  return { v: version, s: score.score, c: score.category, h: score.heads };
}

export interface ScoreCache {
  /** Model version every entry is stamped with. */
  readonly version: string;
  /** Memory only: synchronous, for the hot path. */
  peek(host: string): HostScore | undefined;
  /** Memory, then the store (promoting a hit into memory). */
  get(host: string): Promise<HostScore | undefined>;
  /** Many hosts at once: one store read for all memory misses. */
  getMany(hosts: readonly string[]): Promise<Map<string, HostScore>>;
  /** Writes to memory now and to the store in the background; store failures go to `onError`. */
  setMany(entries: ReadonlyMap<string, HostScore>): Promise<void>;
}

export interface ScoreCacheOptions {
  readonly version: string;
  readonly capacity?: number;
  readonly store?: KeyValueStore;
  readonly onError?: (error: unknown) => void;
  /**
   * Schedules store writes. By default each `setMany` writes at once; the extension passes a short
   * timer, so the batches of a page that arrive together make one write (each write serialises
   * its entries on the worker's thread, between the replies to those batches).
   */
  readonly deferWrite?: (write: () => void) => void;
}

/** Creates the two-level cache for one model version. */
export function createScoreCache(options: ScoreCacheOptions): ScoreCache {
  const { version, store } = options;
  const memory = new LruCache<string, HostScore>(options.capacity ?? 5000);

  async function getMany(hosts: readonly string[]): Promise<Map<string, HostScore>> {
    const found = new Map<string, HostScore>();
    const missing: string[] = [];
    for (const host of hosts) {
      const hit = memory.get(host);
      if (hit) found.set(host, hit);
      else missing.push(host);
    }
    if (missing.length === 0 || !store) return found;
    let stored: Record<string, unknown> = {};
    try {
      stored = await store.get(missing.map((host) => SCORE_KEY_PREFIX + host));
    } catch (error) {
      options.onError?.(error);
    }
    for (const host of missing) {
      const score = fromStored(stored[SCORE_KEY_PREFIX + host], version);
      if (!score) continue;
      memory.set(host, score);
      found.set(host, score);
    }
    return found;
  }

  async function write(items: Record<string, unknown>): Promise<void> {
    try {
      await store?.set(items);
    } catch (error) {
      options.onError?.(error);
    }
  }

  /** Entries waiting for a deferred write, and the promise that write settles. */
  let pending: { items: Record<string, unknown>; done: Promise<void> } | null = null;

  function setMany(entries: ReadonlyMap<string, HostScore>): Promise<void> {
    const items: Record<string, unknown> = {};
    for (const [host, score] of entries) {
      memory.set(host, score);
      items[SCORE_KEY_PREFIX + host] = toStored(score, version);
    }
    if (!store || entries.size === 0) return Promise.resolve();
    const defer = options.deferWrite;
    if (!defer) return write(items);
    if (pending) {
      Object.assign(pending.items, items);
      return pending.done;
    }
    const batch = { items, done: Promise.resolve() };
    batch.done = new Promise<void>((resolve) =>
      defer(() => {
        pending = null;
        void write(batch.items).then(resolve);
      }),
    );
    pending = batch;
    return batch.done;
  }

  return {
    version,
    peek: (host) => memory.get(host),
    async get(host) {
      return (await getMany([host])).get(host);
    },
    getMany,
    setMany,
  };
}
