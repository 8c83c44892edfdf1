/**
 * The packaged threat list's binary file (threats/list.bin): a small header, the feed table as
 * JSON, then the sorted fingerprints as two Uint32 columns and one feed index per entry. Every
 * section starts on a 4-byte boundary so the columns are read as typed-array views, without a copy.
 *
 *   0  "SNTL"   4  format version (u32)   8  entries (u32)   12  feed table bytes (u32)
 *   16 feed table (UTF-8 JSON, padded)   then hi[entries], lo[entries] (u32 LE), feed[entries] (u8)
 */

export const THREAT_LIST_MAGIC = 0x4c544e53; // "SNTL" read as a little-endian u32
export const THREAT_LIST_VERSION = 1;
const HEADER_BYTES = 16;

/** One source feed, as the reason and the provenance name it. */
export interface ThreatFeed {
  /** Short stable id (`blocklistproject-phishing`). */
  readonly id: string;
  /** Who publishes it, for people (`The Block List Project`). */
  readonly name: string;
  /** What it lists, in the reason's words (`phishing`, `scam`, `malware`, `malicious`). */
  readonly kind: string;
  /** Date of the upstream snapshot (YYYY-MM-DD). */
  readonly date: string;
}

/**
 * The decoded columns: entry i is (hi[i], lo[i]) listed by feeds[feed[i]]; sorted by hi, then lo.
 * A feed index past the feed table is not checked at load (a pass over every entry would cost more
 * than the rest of the load): the lookup treats such an entry as unlisted.
 */
export interface ThreatTable {
  readonly feeds: readonly ThreatFeed[];
  readonly hi: Uint32Array;
  readonly lo: Uint32Array;
  readonly feed: Uint8Array;
}

const pad4 = (n: number): number => (n + 3) & ~3;

/** Serialises a table whose columns are already sorted. */
export function encodeThreatTable(table: ThreatTable): Uint8Array {
  const feedJson = new TextEncoder().encode(JSON.stringify(table.feeds));
  const count = table.hi.length;
  const feedBytes = pad4(feedJson.length);
  const out = new Uint8Array(HEADER_BYTES + feedBytes + count * 9);
  const view = new DataView(out.buffer);
  view.setUint32(0, THREAT_LIST_MAGIC, true);
  view.setUint32(4, THREAT_LIST_VERSION, true);
  view.setUint32(8, count, true);
  view.setUint32(12, feedJson.length, true);
  out.set(feedJson, HEADER_BYTES);
  let at = HEADER_BYTES + feedBytes;
  for (const column of [table.hi, table.lo]) {
    for (let i = 0; i < count; i++, at += 4) view.setUint32(at, column[i]!, true);
  }
  out.set(table.feed, at);
  return out;
}

function isFeed(value: unknown): value is ThreatFeed {
  const f = value as Record<string, unknown>;
  return typeof f === 'object' && f !== null && ['id', 'name', 'kind', 'date'].every((k) => typeof f[k] === 'string');
}

/** Reads a list file; throws on anything but this format and version (never a half-read list). */
export function decodeThreatTable(bytes: Uint8Array): ThreatTable {
  if (bytes.byteLength < HEADER_BYTES) throw new Error('threat list: file too short');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getUint32(0, true) !== THREAT_LIST_MAGIC) throw new Error('threat list: not a Snowman threat list');
  const version = view.getUint32(4, true);
  if (version !== THREAT_LIST_VERSION) throw new Error(`threat list: format version ${version}, expected ${THREAT_LIST_VERSION}`);
  const count = view.getUint32(8, true);
  const feedLength = view.getUint32(12, true);
  const columns = HEADER_BYTES + pad4(feedLength);
  if (bytes.byteLength !== columns + count * 9) throw new Error('threat list: size does not match its header');
  const feeds: unknown = JSON.parse(new TextDecoder().decode(bytes.subarray(HEADER_BYTES, HEADER_BYTES + feedLength)));
  if (!Array.isArray(feeds) || !feeds.every(isFeed)) throw new Error('threat list: malformed feed table');
  // Typed-array views need 4-byte alignment in the underlying buffer: copy only when it is off.
  const aligned = (bytes.byteOffset & 3) === 0 ? bytes : bytes.slice();
  const base = aligned.byteOffset + columns;
  const feed = aligned.subarray(columns + count * 8, columns + count * 9);
  // The file is little-endian; every browser and Node platform we ship on is too.
  return { feeds, hi: new Uint32Array(aligned.buffer, base, count), lo: new Uint32Array(aligned.buffer, base + count * 4, count), feed };
}
