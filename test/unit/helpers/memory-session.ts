/** An in-memory storage.session for background tests, optionally enforcing a byte quota as Chrome does. */
import type { SessionStore } from '../../../src/platform/storage.js';

export interface MemorySession extends SessionStore {
  readonly data: Map<string, unknown>;
  /** Bytes in use, measured as Chrome does: key length plus the JSON of each value. */
  bytesInUse(): number;
}

/** A session store over a Map; `quotaBytes` makes `set` fail like Chrome's "QUOTA_BYTES quota exceeded". */
export function memorySession(quotaBytes = Infinity): MemorySession {
  const data = new Map<string, unknown>();
  const size = (entries: Iterable<[string, unknown]>): number => {
    let total = 0;
    for (const [key, value] of entries) total += key.length + JSON.stringify(value).length;
    return total;
  };
  return {
    data,
    bytesInUse: () => size(data),
    get: async (keys) =>
      Object.fromEntries(keys.filter((k) => data.has(k)).map((k) => [k, structuredClone(data.get(k))])),
    async set(items) {
      const next = new Map(data);
      for (const [key, value] of Object.entries(items)) next.set(key, structuredClone(value));
      if (size(next) > quotaBytes) throw new Error('Resource::kQuotaBytes quota exceeded');
      for (const [key, value] of Object.entries(items)) data.set(key, structuredClone(value));
    },
    async remove(keys) {
      for (const key of keys) data.delete(key);
    },
  };
}
