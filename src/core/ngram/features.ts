/**
 * Hashed character n-grams of a host name: the features of the classic baseline. Pure integer
 * arithmetic (Math.imul), so the same name hashes to the same buckets in Node, the service worker
 * and any other engine, on every machine.
 */
import { hostParts, shapeTokens, SHAPE_TOKENS, type HostParts } from './parts.js';
import { fmix32 } from './hash.js';
import { lexiconOf, validLexiconEntries, type LexiconSpec } from './lexicon.js';
import { STRUCTURE_TOKENS, structureTokens } from './structure.js';

/**
 * 1: n-grams of the whole name. 2: adds the structural features of parts.ts when `parts` is set.
 * 3: adds whole-word tokens when `words` is set. 4: adds the structure tokens of structure.ts
 * (brands, action words, word segmentation, shape) when `structure` is set.
 */
export { fmix32 };

export const NGRAM_FEATURES_VERSION = 4;
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
  /** Version 2: also n-grams of the registrable label and the sub-domain, a suffix token and shape tokens. */
  readonly parts?: boolean;
  /** Version 3: also every word of the name (runs of 3+ letters, or of 3+ digits) as its own token. */
  readonly words?: boolean;
  /** Version 4: false leaves the n-grams out (a structure-token model). */
  readonly ngrams?: boolean;
  /** Version 4: also the structure tokens, from this dictionary and brand list (stored with the model). */
  readonly structure?: LexiconSpec;
}

export const DEFAULT_NGRAM_FEATURES: NgramFeatureSpec = { version: 1, minN: 1, maxN: 5, bits: 20, hashSeed: 0x5eed };

export const START_CODE = START_MARKER.charCodeAt(0);
export const END_CODE = END_MARKER.charCodeAt(0);

/** Throws unless the spec is one this code can compute. */
export function validateNgramSpec(spec: NgramFeatureSpec): void {
  const flags =
    spec.ngrams !== undefined && (spec.version !== 4 || typeof spec.ngrams !== 'boolean')
      ? false
      : spec.version === 1
        ? !spec.parts && spec.words === undefined
        : spec.version === 2
          ? typeof spec.parts === 'boolean' && spec.words === undefined
          : spec.version === 3
            ? typeof spec.parts === 'boolean' && typeof spec.words === 'boolean' && spec.structure === undefined
            : spec.version === 4 &&
              typeof spec.parts === 'boolean' &&
              typeof spec.words === 'boolean' &&
              typeof spec.structure === 'object' &&
              spec.structure !== null &&
              validLexiconEntries(spec.structure.words) &&
              validLexiconEntries(spec.structure.brands) &&
              (spec.structure.subShape === undefined || typeof spec.structure.subShape === 'boolean');
  const ok =
    flags &&
    Number.isInteger(spec.minN) &&
    Number.isInteger(spec.maxN) &&
    spec.minN >= 1 &&
    spec.maxN >= spec.minN &&
    spec.maxN <= 8 &&
    Number.isInteger(spec.bits) &&
    spec.bits >= 4 &&
    spec.bits <= 26 &&
    Number.isInteger(spec.hashSeed) &&
    spec.hashSeed >= 0 &&
    spec.hashSeed <= 0xffffffff;
  if (!ok) throw new Error(`unsupported n-gram feature spec ${JSON.stringify(spec)}`);
}

/** Upper bound on the features of a name of `length` characters (size scratch buffers with it). */
export function maxFeatureCount(spec: NgramFeatureSpec, length: number): number {
  const whole = (length + 2) * (spec.maxN - spec.minN + 1);
  // Label and sub-domain are disjoint pieces of the name, each with its own two markers.
  const parts = spec.parts ? (length + 4) * (spec.maxN - spec.minN + 1) + 1 + SHAPE_TOKENS : 0;
  // Words are at least 3 characters with a boundary between them.
  const words = spec.words ? Math.floor((length + 1) / 3) : 0;
  const structure = spec.structure ? STRUCTURE_TOKENS : 0;
  return whole + parts + words + structure;
}

/** Appends the buckets of the n-grams of `^text$` in namespace `space` (0: the whole name) to `out` from `count`. */
function appendNgrams(text: string, spec: NgramFeatureSpec, space: number, out: Uint32Array, count: number): number {
  const mask = ((1 << spec.bits) - 1) >>> 0;
  const marked = text.length + 2;
  const basis = hashBasis(spec, space);
  for (let start = 0; start < marked; start++) {
    // FNV-1a over the n-gram's characters, extended one character at a time: every prefix of
    // length ≥ minN is one feature, so each start position yields its 1..maxN-grams in one pass.
    let h = basis;
    const longest = Math.min(spec.maxN, marked - start);
    for (let k = 0; k < longest; k++) {
      const at = start + k;
      const code = at === 0 ? START_CODE : at === marked - 1 ? END_CODE : text.charCodeAt(at - 1);
      h = Math.imul(h ^ code, 0x01000193);
      if (k + 1 >= spec.minN) out[count++] = (fmix32(h ^ (k + 1)) & mask) >>> 0;
    }
  }
  return count;
}

const SPACE = { whole: 0, label: 1, sub: 2, token: 3, structure: 4 } as const;

/** FNV-1a's starting hash for a spec's namespace (0, the default: the whole name's n-grams). */
export function hashBasis(spec: NgramFeatureSpec, space: number = SPACE.whole): number {
  return (0x811c9dc5 ^ spec.hashSeed ^ Math.imul(space, 0x9e3779b9)) >>> 0;
}

/** A word: a run of 3+ letters or of 3+ digits (`secure-login2fa.com` → secure, login, com). */
const WORD = /[a-z]{3,}|[0-9]{3,}/g;

/**
 * Writes the bucket of every n-gram of `^host$` into `out` (which must hold
 * maxFeatureCount(spec, host.length) entries) and returns how many were written.
 * Repeated n-grams are written repeatedly: the feature value is the count. With `parts`, the
 * label's and sub-domain's n-grams (own namespaces), the suffix and shape tokens follow;
 * pass `parts` when already known (training splits each name once).
 */
export function ngramBuckets(host: string, spec: NgramFeatureSpec, out: Uint32Array, parts?: HostParts): number {
  let count = spec.ngrams === false ? 0 : appendNgrams(host, spec, SPACE.whole, out, 0);
  if (spec.parts) {
    const p = parts ?? hostParts(host);
    count = appendNgrams(p.label, spec, SPACE.label, out, count);
    if (p.sub !== '') count = appendNgrams(p.sub, spec, SPACE.sub, out, count);
    out[count++] = tokenBucket(`suffix:${p.suffix}`, spec);
    for (const token of shapeTokens(host, p)) out[count++] = tokenBucket(token, spec);
  }
  if (spec.words) for (const word of host.match(WORD) ?? []) out[count++] = tokenBucket(`word:${word}`, spec);
  if (spec.structure) {
    const end = structureTokens(host, parts ?? hostParts(host), lexiconOf(spec.structure), STRUCTURE_SCRATCH, 0);
    const mask = ((1 << spec.bits) - 1) >>> 0;
    const basis = hashBasis(spec, SPACE.structure);
    for (let t = 0; t < end; t++)
      out[count++] = (fmix32(Math.imul(basis ^ STRUCTURE_SCRATCH[t]!, 0x01000193)) & mask) >>> 0;
  }
  return count;
}

const STRUCTURE_SCRATCH = new Int32Array(STRUCTURE_TOKENS);

/** Bucket of a whole-token feature (suffix, shape), in its own namespace. */
function tokenBucket(token: string, spec: NgramFeatureSpec): number {
  const mask = ((1 << spec.bits) - 1) >>> 0;
  let h = hashBasis(spec, SPACE.token);
  for (let k = 0; k < token.length; k++) h = Math.imul(h ^ token.charCodeAt(k), 0x01000193);
  return (fmix32(h) & mask) >>> 0;
}

/** Bucket of one n-gram given as text (markers written out, e.g. `^pay`): the hash ngramBuckets uses. */
export function ngramBucket(ngram: string, spec: NgramFeatureSpec): number {
  const mask = ((1 << spec.bits) - 1) >>> 0;
  let h = hashBasis(spec);
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
