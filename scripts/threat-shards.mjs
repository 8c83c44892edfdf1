// The packaged threat list split for the extension (threats/shards/NN.bin), written by build.mjs.
// Plain JS: build.mjs runs under node without tsx; the unit tests' fake package uses it too.
//
// The list's entries are sorted by fingerprint, so the entries whose fingerprint starts with the
// same 6 bits are one contiguous run: each run is written as a complete list file of its own
// (same header, same feed table), decoded as it is. A starting worker reads only the shards the
// first name's lookup needs (~45 KB each) instead of the whole 2.9 MB before its first verdict.

/** Fingerprint bits that pick a shard (src/core/threats/shards.ts reads the same constant's twin). */
export const THREAT_SHARD_BITS = 6;
export const THREAT_SHARD_COUNT = 1 << THREAT_SHARD_BITS;

/** Package path of shard `index`. */
export function threatShardPath(index) {
  return `threats/shards/${String(index).padStart(2, '0')}.bin`;
}

const HEADER_BYTES = 16;
const pad4 = (n) => (n + 3) & ~3;

/** The list file's bytes → one list file per shard (index = the fingerprint's top bits). */
export function splitThreatList(bytes) {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const count = view.getUint32(8, true);
  const feedLength = view.getUint32(12, true);
  const columns = HEADER_BYTES + pad4(feedLength);
  if (bytes.byteLength !== columns + count * 9) throw new Error('threat list: size does not match its header');
  const hiAt = (i) => view.getUint32(columns + i * 4, true);
  const shards = [];
  let start = 0;
  for (let shard = 0; shard < THREAT_SHARD_COUNT; shard++) {
    let end = start;
    while (end < count && hiAt(end) >>> (32 - THREAT_SHARD_BITS) === shard) end++;
    const n = end - start;
    const out = new Uint8Array(columns + n * 9);
    out.set(bytes.subarray(0, columns));
    new DataView(out.buffer).setUint32(8, n, true);
    out.set(bytes.subarray(columns + start * 4, columns + end * 4), columns);
    out.set(bytes.subarray(columns + count * 4 + start * 4, columns + count * 4 + end * 4), columns + n * 4);
    out.set(bytes.subarray(columns + count * 8 + start, columns + count * 8 + end), columns + n * 8);
    shards.push(out);
    start = end;
  }
  if (start !== count) throw new Error('threat list: entries are not sorted by fingerprint');
  return shards;
}
