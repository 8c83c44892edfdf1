/**
 * Dictionary words, brands and action words as a hashed trie: every prefix of every entry is a
 * key of one open-addressing table (FNV-1a of the prefix's letters), with flags saying which
 * entries end there. A walk from a position extends the hash one letter at a time and stops at
 * the first prefix no entry has, as a trie walk would, without building substrings or
 * allocating; building it is one hash insert per prefix, a few milliseconds at model load.
 */
import { fmix32 } from './hash.js';
import { STRONG_SUBSTRINGS, WEAK_SUBSTRINGS } from '../lookalike/risk-words.js';

/** What a prefix ends: bit flags, one prefix may end several kinds at once (`secure` is a word and an action). */
export const ENDS = { word: 1, brand: 2, shortBrand: 4, strongAction: 8, weakAction: 16, prefix: 32 } as const;

/** Brands shorter than this match only as a whole letter run (`dhl` in dhl-parcel, not in `adhld`). */
export const MIN_SUBSTRING_BRAND = 5;

/** Hash of the empty prefix: a walk starts here. */
export const LEXICON_ROOT = 0x811c9dc5;

/** The hash of a prefix extended by one character code. */
export function lexiconStep(hash: number, code: number): number {
  return Math.imul(hash ^ code, 0x01000193);
}

export interface Lexicon {
  /**
   * One slot per stored prefix, 0 where empty: the prefix's hash with its low 6 bits replaced by
   * its ENDS flags (every stored prefix has ENDS.prefix, so a used slot is never 0). One 32-bit
   * read per step keeps the table about 1 MB, mostly in cache: a walk does dozens of lookups.
   */
  readonly slots: Int32Array;
  readonly mask: number;
  /**
   * Flags of every prefix of 1–3 letters, indexed by shortIndex: most walks end within three
   * letters, and this 18 KB table answers them from cache without touching the large one.
   */
  readonly short: Uint8Array;
  /** LexiconSpec.subShape, resolved. */
  readonly subShape: boolean;
}

/** Where the prefixes of each length start in Lexicon.short (1 letter at 0, 2 at 26, 3 at 702). */
const SHORT_OFFSET = [0, 0, 26, 702] as const;
const SHORT_SIZE = 702 + 26 ** 3;

/** Index in Lexicon.short of a prefix of `length` ≤ 3 letters whose letters (0–25) make `digits` in base 26. */
export function shortIndex(length: number, digits: number): number {
  return SHORT_OFFSET[length]! + digits;
}

const FLAG_BITS = 63;

/** The lexicon's inputs as the model file stores them. */
export interface LexiconSpec {
  /** Dictionary words, lowercase a–z, 3+ letters. */
  readonly words: readonly string[];
  /** Brand labels, lowercase a–z, 3+ letters. */
  readonly brands: readonly string[];
  /**
   * False leaves out the tokens that say how many labels and sub-domain levels a name has: benign
   * lists are nearly all bare registrable domains, so those tokens teach "has a sub-domain" =
   * malicious. Absent means true (the first structure models had them).
   */
  readonly subShape?: boolean;
}

const LETTERS = /^[a-z]+$/;

/** True when every entry is 3+ lowercase ASCII letters (what the lexicon holds). */
export function validLexiconEntries(list: unknown): boolean {
  return Array.isArray(list) && list.every((w) => typeof w === 'string' && w.length >= 3 && LETTERS.test(w));
}

/** Flags of the prefix with this hash, 0 when no entry starts with it. */
export function lexiconFlags(lexicon: Lexicon, hash: number): number {
  const key = hash & ~FLAG_BITS;
  const { slots, mask } = lexicon;
  for (let slot = fmix32(hash) & mask; ; slot = (slot + 1) & mask) {
    const stored = slots[slot]!;
    if (stored === 0) return 0;
    if ((stored & ~FLAG_BITS) === key) return stored & FLAG_BITS;
  }
}

/** Builds the table of the spec's words and brands plus the fixed action words. */
export function buildLexicon(spec: LexiconSpec): Lexicon {
  const entries: [string, number][] = [];
  for (const word of spec.words) entries.push([word, ENDS.word]);
  for (const brand of spec.brands)
    entries.push([brand, brand.length >= MIN_SUBSTRING_BRAND ? ENDS.brand : ENDS.shortBrand]);
  for (const word of STRONG_SUBSTRINGS) entries.push([word, ENDS.strongAction]);
  for (const word of WEAK_SUBSTRINGS) entries.push([word, ENDS.weakAction]);
  let letters = 0;
  for (const [word] of entries) letters += word.length;
  // Sorted words share most prefixes: about a third of the letters start a new prefix. A table
  // that fills past three quarters is rebuilt twice as large.
  for (let size = 2 ** Math.ceil(Math.log2(letters / 2 + 64)); ; size *= 2) {
    const table = fill(entries, size);
    if (table) return { ...table, subShape: spec.subShape !== false };
  }
}

function fill(entries: readonly [string, number][], size: number): Omit<Lexicon, 'subShape'> | null {
  const slots = new Int32Array(size);
  const short = new Uint8Array(SHORT_SIZE);
  const mask = size - 1;
  const limit = size * 0.75;
  let used = 0;
  for (const [word, flag] of entries) {
    if (!LETTERS.test(word)) continue;
    let hash = LEXICON_ROOT;
    let digits = 0;
    for (let i = 0; i < word.length; i++) {
      hash = lexiconStep(hash, word.charCodeAt(i));
      const key = hash & ~FLAG_BITS;
      const ends = ENDS.prefix | (i === word.length - 1 ? flag : 0);
      if (i < 3) {
        digits = digits * 26 + word.charCodeAt(i) - 97;
        short[shortIndex(i + 1, digits)]! |= ends;
      }
      let slot = fmix32(hash) & mask;
      while (slots[slot] !== 0 && (slots[slot]! & ~FLAG_BITS) !== key) slot = (slot + 1) & mask;
      if (slots[slot] === 0) {
        if (++used > limit) return null;
        slots[slot] = key | ends;
      } else slots[slot]! |= ends;
    }
  }
  return { slots, mask, short };
}

const cache = new WeakMap<LexiconSpec, Lexicon>();
let lastSpec: LexiconSpec | null = null;
let lastLexicon: Lexicon | null = null;

/** The lexicon of a spec, built once per spec object (a loaded model keeps its spec). */
export function lexiconOf(spec: LexiconSpec): Lexicon {
  // Called once per name scored: the last spec answers without a WeakMap lookup.
  if (spec === lastSpec && lastLexicon) return lastLexicon;
  let lexicon = cache.get(spec);
  if (!lexicon) {
    lexicon = buildLexicon(spec);
    cache.set(spec, lexicon);
  }
  lastSpec = spec;
  lastLexicon = lexicon;
  return lexicon;
}
