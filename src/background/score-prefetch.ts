/**
 * The score area with reads that start early: a restarted worker asks storage.session for the
 * score of the name that woke it as soon as the event arrives, while the start-up still reads the
 * package, and the cache's read of that name takes the answer already on its way.
 */
import { SCORE_KEY_PREFIX } from '../core/cache.js';
import type { BudgetedStore } from '../core/score-budget.js';

export interface PrefetchingStore extends BudgetedStore {
  /** Starts reading `host`'s stored score; the next read of that key alone takes it (once). */
  prefetch(host: string): void;
  /** Drops what was read ahead and not taken (the model is in: nothing reads single names from the store any more). */
  forget(): void;
}

export function prefetchingStore(store: BudgetedStore): PrefetchingStore {
  const ahead = new Map<string, Promise<Record<string, unknown>>>();
  return {
    get(keys) {
      const reading = keys.length === 1 ? ahead.get(keys[0]!) : undefined;
      if (!reading) return store.get(keys);
      ahead.delete(keys[0]!);
      return reading;
    },
    set(items) {
      // A read that started before this write would give the old value.
      for (const key of Object.keys(items)) ahead.delete(key);
      return store.set(items);
    },
    shrink(targetBytes) {
      ahead.clear();
      return store.shrink(targetBytes);
    },
    bytes: () => store.bytes(),
    prefetch(host) {
      const key = SCORE_KEY_PREFIX + host;
      if (ahead.has(key)) return;
      const reading = store.get([key]);
      reading.catch(() => undefined); // the cache's own read reports the failure
      ahead.set(key, reading);
    },
    forget: () => ahead.clear(),
  };
}
