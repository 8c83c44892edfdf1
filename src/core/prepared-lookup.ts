/**
 * A string hash table laid out at build time and looked up in place: slot i of `slots` holds
 * 1 + the index of the key stored there (0 where empty), placed by its hash and linear probing, so
 * loading it is a typed-array view, with no per-entry work, and a lookup hashes the key and
 * compares a string or two, as a Map would. The keys stay wherever the caller keeps them
 * (`keyAt`), so a table can point into a list it shares with another.
 */

/** Slot table: 1 + key index per slot, 0 where empty; the length is a power of two. */
export type SlotTable = Uint16Array | Uint32Array;

/** FNV-1a over UTF-16 code units: the same in the build script and the worker. */
export function hashKey(key: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) hash = Math.imul(hash ^ key.charCodeAt(i), 0x01000193);
  return hash >>> 0;
}

/** Slots for `keys` (distinct) at most about 70 % full, so a miss ends after a few probes. */
export function layoutSlots(keys: readonly string[]): Uint32Array {
  let size = 2;
  while (size * 0.7 < keys.length + 1) size *= 2;
  const slots = new Uint32Array(size);
  keys.forEach((key, index) => {
    let slot = hashKey(key) & (size - 1);
    while (slots[slot] !== 0) {
      if (keys[slots[slot]! - 1] === key) throw new Error(`key ${JSON.stringify(key)} is listed twice`);
      slot = (slot + 1) & (size - 1);
    }
    slots[slot] = index + 1;
  });
  return slots;
}

/** The index of `key` among the keys `slots` was laid out for, or -1. */
export function findKey(slots: SlotTable, key: string, keyAt: (index: number) => string | undefined): number {
  const mask = slots.length - 1;
  let slot = hashKey(key) & mask;
  // At most slots.length probes: a damaged table without an empty slot still ends.
  for (let probes = 0; probes < slots.length; probes++) {
    const entry = slots[slot]!;
    if (entry === 0) return -1;
    if (keyAt(entry - 1) === key) return entry - 1;
    slot = (slot + 1) & mask;
  }
  return -1;
}
