/**
 * Hashed character n-grams of a host name: the features of the classic baseline. Pure integer
 * arithmetic (Math.imul), so the same name hashes to the same buckets in Node, the service worker
 * and any other engine, on every machine.
 */

export const NGRAM_FEATURES_VERSION = 1;
/** Marks the start of a name, so `^pay` (a name starting with "pay") differs from `pay` anywhere. */
export const START_MARKER = '^';
/** Marks the end, so the suffix (`.com$`, `.xyz$`) is its own feature. */
export const END_MARKER = '$';

export interface NgramFeatureSpec {
  readonly version: number;
  /** Shortest and longest n-gram, in characters (markers count as characters). */
  readonly minN: number;
  readonly maxN: number;
  /** log2 of the number of hash buckets. */
  readonly bits: number;
  readonly hashSeed: number;
}

export const DEFAULT_NGRAM_FEATURES: NgramFeatureSpec = { version: NGRAM_FEATURES_VERSION, minN: 1, maxN: 5, bits: 20, hashSeed: 0x5eed };

const START_CODE = START_MARKER.charCodeAt(0);
const END_CODE = END_MARKER.charCodeAt(0);

/** Throws unless the spec is one this code can compute. */
export function validateNgramSpec(spec: NgramFeatureSpec): void {
  const ok =
    spec.version === NGRAM_FEATURES_VERSION &&
    Number.isInteger(spec.minN) && Number.isInteger(spec.maxN) && spec.minN >= 1 && spec.maxN >= spec.minN && spec.maxN <= 8 &&
    Number.isInteger(spec.bits) && spec.bits >= 4 && spec.bits <= 26 &&
    Number.isInteger(spec.hashSeed) && spec.hashSeed >= 0 && spec.hashSeed <= 0xffffffff;
  if (!ok) throw new Error(`unsupported n-gram feature spec ${JSON.stringify(spec)}`);
}

/** Upper bound on the features of a name of `length` characters (size scratch buffers with it). */
export function maxFeatureCount(spec: NgramFeatureSpec, length: number): number {
  return (length + 2) * (spec.maxN - spec.minN + 1);
}

/** murmur3's 32-bit finaliser: spreads FNV's weak low bits before masking to a bucket. */
function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * Writes the bucket of every n-gram of `^host$` into `out` (which must hold
 * maxFeatureCount(spec, host.length) entries) and returns how many were written.
 * Repeated n-grams are written repeatedly: the feature value is the count.
 */
export function ngramBuckets(host: string, spec: NgramFeatureSpec, out: Uint32Array): number {
  const mask = (1 << spec.bits) - 1 >>> 0;
  const marked = host.length + 2;
  let count = 0;
  for (let start = 0; start < marked; start++) {
    // FNV-1a over the n-gram's characters, extended one character at a time: every prefix of
    // length ≥ minN is one feature, so each start position yields its 1..maxN-grams in one pass.
    let h = (0x811c9dc5 ^ spec.hashSeed) >>> 0;
    const longest = Math.min(spec.maxN, marked - start);
    for (let k = 0; k < longest; k++) {
      const at = start + k;
      const code = at === 0 ? START_CODE : at === marked - 1 ? END_CODE : host.charCodeAt(at - 1);
      h = Math.imul(h ^ code, 0x01000193);
      if (k + 1 >= spec.minN) out[count++] = (fmix32(h ^ (k + 1)) & mask) >>> 0;
    }
  }
  return count;
}

/** Bucket of one n-gram given as text (markers written out, e.g. `^pay`): the hash ngramBuckets uses. */
export function ngramBucket(ngram: string, spec: NgramFeatureSpec): number {
  const mask = (1 << spec.bits) - 1 >>> 0;
  let h = (0x811c9dc5 ^ spec.hashSeed) >>> 0;
  for (let k = 0; k < ngram.length; k++) h = Math.imul(h ^ ngram.charCodeAt(k), 0x01000193);
  return (fmix32(h ^ ngram.length) & mask) >>> 0;
}

/** The marked n-grams of a host as strings, for tests and explanations (not used when scoring). */
export function ngramStrings(host: string, spec: Pick<NgramFeatureSpec, 'minN' | 'maxN'>): string[] {
  const marked = `${START_MARKER}${host}${END_MARKER}`;
  const out: string[] = [];
  for (let start = 0; start < marked.length; start++) {
    for (let n = spec.minN; n <= spec.maxN && start + n <= marked.length; n++) out.push(marked.slice(start, start + n));
  }
  return out;
}
