/**
 * Keeps the score cache's share of storage.session (10 MB for the whole extension in Chrome)
 * under a byte budget, so link-heavy browsing can never fill the quota that the user's session
 * choices, the warning tokens and the per-tab records also live in.
 *
 * Each write of score entries is logged as a numbered segment (its keys and bytes); when the
 * logged bytes pass the budget the oldest segments go, keys and all. Every entry is stamped with
 * the segment that last wrote it, so a score written again later (a cache hit refreshed) survives
 * the eviction of its older segment: least recently written first, measured in bytes.
 */
import type { KeyValueStore } from './cache.js';

/** A key-value area that can also remove keys (storage.session). */
export interface RemovableStore extends KeyValueStore {
  remove(keys: readonly string[]): Promise<void>;
}

export interface BudgetedStore extends KeyValueStore {
  /** Evicts the oldest entries until at most `targetBytes` of scores remain. */
  shrink(targetBytes: number): Promise<void>;
  /** Score bytes the log currently accounts for. */
  bytes(): Promise<number>;
}

const HEAD_KEY = 'score-log';
const segmentKey = (n: number): string => `score-log:${n}`;

interface Head {
  readonly first: number;
  readonly next: number;
  readonly bytes: number;
}

interface Segment {
  readonly keys: readonly string[];
  readonly bytes: number;
}

function isHead(value: unknown): value is Head {
  const v = value as Head;
  return (
    typeof v === 'object' &&
    v !== null &&
    Number.isSafeInteger(v.first) &&
    Number.isSafeInteger(v.next) &&
    typeof v.bytes === 'number' &&
    v.first <= v.next
  );
}

function isSegment(value: unknown): value is Segment {
  const v = value as Segment;
  return (
    typeof v === 'object' &&
    v !== null &&
    Array.isArray(v.keys) &&
    v.keys.every((k) => typeof k === 'string') &&
    typeof v.bytes === 'number'
  );
}

/** Bytes an entry takes as Chrome counts them: key plus the JSON of the value. */
export function entryBytes(key: string, value: unknown): number {
  return key.length + (JSON.stringify(value)?.length ?? 0);
}

/** True for the errors storage gives when a write would pass the quota. */
export function isQuotaError(error: unknown): boolean {
  return /quota/i.test(error instanceof Error ? error.message : String(error));
}

/** The score entries' store over `store`, holding at most about `maxBytes` of them. */
export function budgetedStore(store: RemovableStore, maxBytes: number): BudgetedStore {
  let head: Head | undefined;
  let chain: Promise<unknown> = Promise.resolve();
  const serial = <T>(work: () => Promise<T>): Promise<T> => {
    const next = chain.then(work, work);
    chain = next.catch(() => undefined);
    return next;
  };

  async function loadHead(): Promise<Head> {
    if (head) return head;
    const stored = (await store.get([HEAD_KEY]))[HEAD_KEY];
    head = isHead(stored) ? stored : { first: 0, next: 0, bytes: 0 };
    return head;
  }

  async function evictTo(target: number): Promise<void> {
    let h = await loadHead();
    while (h.bytes > target && h.first < h.next) {
      const n = h.first;
      const segment = (await store.get([segmentKey(n)]))[segmentKey(n)];
      const keys = isSegment(segment) ? segment.keys : [];
      const current = keys.length > 0 ? await store.get(keys) : {};
      // Only entries this segment wrote last: a later write moved the others to a newer segment.
      const stale = keys.filter((k) => (current[k] as { g?: unknown } | undefined)?.g === n);
      h = { first: n + 1, next: h.next, bytes: Math.max(0, h.bytes - (isSegment(segment) ? segment.bytes : 0)) };
      await store.remove([...stale, segmentKey(n)]);
      await store.set({ [HEAD_KEY]: h });
      head = h;
    }
  }

  async function append(items: Record<string, unknown>): Promise<void> {
    const h = await loadHead();
    const n = h.next;
    const stamped: Record<string, unknown> = {};
    let bytes = 0;
    for (const [key, value] of Object.entries(items)) {
      const entry = typeof value === 'object' && value !== null ? { ...value, g: n } : value;
      stamped[key] = entry;
      bytes += entryBytes(key, entry);
    }
    const next: Head = { first: h.first, next: n + 1, bytes: h.bytes + bytes };
    await store.set({ ...stamped, [segmentKey(n)]: { keys: Object.keys(items), bytes }, [HEAD_KEY]: next });
    head = next;
  }

  return {
    get: (keys) => store.get(keys),
    set: (items) =>
      serial(async () => {
        try {
          await append(items);
        } catch (error) {
          if (!isQuotaError(error)) throw error;
          // Full (other keys grew, or the budget is more than the quota left): make room once, then retry.
          await evictTo(0);
          await append(items);
        }
        if ((await loadHead()).bytes > maxBytes) await evictTo(Math.floor(maxBytes * 0.75));
      }),
    shrink: (target) => serial(() => evictTo(target)),
    bytes: async () => (await loadHead()).bytes,
  };
}

/**
 * `store` for the entries that must not be lost (session choices, tokens, tab records): a write
 * that hits the quota frees the score cache's share (`makeRoom`) and is tried once more.
 */
export function withRoom<S extends KeyValueStore>(store: S, makeRoom: () => Promise<void>): S {
  return {
    ...store,
    async set(items: Record<string, unknown>) {
      try {
        await store.set(items);
      } catch (error) {
        if (!isQuotaError(error)) throw error;
        await makeRoom();
        await store.set(items);
      }
    },
  };
}
