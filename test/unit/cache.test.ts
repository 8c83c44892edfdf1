import { describe, expect, it } from 'vitest';
import { LruCache, createScoreCache, fromStored, SCORE_KEY_PREFIX, type KeyValueStore } from '../../src/core/cache.js';
import type { HostScore } from '../../src/core/model/scorer.js';

function memoryStore(): KeyValueStore & { data: Map<string, unknown>; reads: number } {
  const data = new Map<string, unknown>();
  const store = {
    data,
    reads: 0,
    async get(keys: readonly string[]) {
      store.reads++;
      return Object.fromEntries(keys.filter((k) => data.has(k)).map((k) => [k, data.get(k)]));
    },
    async set(items: Record<string, unknown>) {
      for (const [k, v] of Object.entries(items)) data.set(k, structuredClone(v));
    },
  };
  return store;
}

const score = (s: number): HostScore => ({ score: s, category: 'malicious', heads: [s] });

describe('LruCache', () => {
  it('evicts the least recently used entry', () => {
    const lru = new LruCache<string, number>(2);
    lru.set('a', 1);
    lru.set('b', 2);
    expect(lru.get('a')).toBe(1); // a is now most recent
    lru.set('c', 3);
    expect(lru.has('b')).toBe(false);
    expect(lru.get('a')).toBe(1);
    expect(lru.get('c')).toBe(3);
    expect(lru.size).toBe(2);
  });

  it('refuses a capacity below one', () => {
    expect(() => new LruCache(0)).toThrow(RangeError);
  });
});

describe('score cache', () => {
  it('serves memory hits synchronously and writes through to the store', async () => {
    const store = memoryStore();
    const cache = createScoreCache({ version: 'v1', store });
    await cache.setMany(new Map([['a.com', score(0.2)]]));
    expect(cache.peek('a.com')).toEqual(score(0.2));
    expect(store.data.get(`${SCORE_KEY_PREFIX}a.com`)).toEqual({ v: 'v1', s: 0.2, c: 'malicious', h: [0.2] });
  });

  it('a restarted worker (new memory, same store) finds scores without rescoring', async () => {
    const store = memoryStore();
    await createScoreCache({ version: 'v1', store }).setMany(new Map([['a.com', score(0.9)]]));
    const restarted = createScoreCache({ version: 'v1', store });
    expect(restarted.peek('a.com')).toBeUndefined();
    expect(await restarted.get('a.com')).toEqual(score(0.9));
    expect(restarted.peek('a.com')).toEqual(score(0.9));
  });

  it('never reuses a score stamped with another model version', async () => {
    const store = memoryStore();
    await createScoreCache({ version: 'v1', store }).setMany(new Map([['a.com', score(0.9)]]));
    expect(await createScoreCache({ version: 'v2', store }).get('a.com')).toBeUndefined();
  });

  it('reads all memory misses in one store call', async () => {
    const store = memoryStore();
    const cache = createScoreCache({ version: 'v1', store });
    await cache.setMany(new Map([['a.com', score(0.1)]]));
    store.reads = 0;
    const found = await cache.getMany(['a.com', 'b.com', 'c.com']);
    expect(store.reads).toBe(1);
    expect([...found.keys()]).toEqual(['a.com']);
  });

  it('rejects malformed stored entries', () => {
    expect(fromStored({ v: 'v1', s: 2, c: 'dga', h: [2] }, 'v1')).toBeUndefined();
    expect(fromStored({ v: 'v1', s: 0.5, c: 'dga', h: 'x' }, 'v1')).toBeUndefined();
    expect(fromStored('junk', 'v1')).toBeUndefined();
    expect(fromStored({ v: 'v1', s: 0.5, c: 'dga', h: [0.1, 0.5] }, 'v1')).toEqual({
      score: 0.5,
      category: 'dga',
      heads: [0.1, 0.5],
    });
  });

  it('keeps working when the store fails', async () => {
    const errors: unknown[] = [];
    const broken: KeyValueStore = {
      get: async () => Promise.reject(new Error('quota')),
      set: async () => Promise.reject(new Error('quota')),
    };
    const cache = createScoreCache({ version: 'v1', store: broken, onError: (e) => errors.push(e) });
    await cache.setMany(new Map([['a.com', score(0.3)]]));
    expect(await cache.get('a.com')).toEqual(score(0.3));
    expect(await cache.get('b.com')).toBeUndefined();
    expect(errors).toHaveLength(2);
  });
  it('with a deferred write, batches set together make one store write, and memory answers meanwhile', async () => {
    const store = memoryStore();
    let writes = 0;
    const counting: KeyValueStore = { get: store.get, set: async (items) => (writes++, store.set(items)) };
    const queued: (() => void)[] = [];
    const cache = createScoreCache({ version: 'v1', store: counting, deferWrite: (write) => void queued.push(write) });
    const first = cache.setMany(new Map([['a.com', score(0.1)]]));
    const second = cache.setMany(new Map([['b.com', score(0.2)]]));
    expect(cache.peek('b.com')).toEqual(score(0.2));
    expect(store.data.size).toBe(0);
    expect(queued).toHaveLength(1);
    queued[0]!();
    await Promise.all([first, second]);
    expect(writes).toBe(1);
    expect([...store.data.keys()].sort()).toEqual([`${SCORE_KEY_PREFIX}a.com`, `${SCORE_KEY_PREFIX}b.com`]);
  });
});
