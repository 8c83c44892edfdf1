/** Hash finalisers shared by the n-gram features and the lexicon. */

/** murmur3's 32-bit finaliser: spreads FNV's weak low bits before masking to a bucket. */
export function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
