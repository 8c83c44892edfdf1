/**
 * Structure tokens of a host for the n-gram model: what its letters *are*, not only which
 * fragments they contain — a brand outside its own registrable domain, a brand beside an action
 * word, the registrable label segmented into dictionary words (how much it covers, the longest
 * run of letters that is no word, several words glued together) and a few coarse shape buckets.
 * Each token is a small integer (kind × 65536 + value) that features.ts hashes to a bucket, so a
 * linear model learns one weight per token and the tokens transfer to brands, feeds and DGA
 * families the n-grams never saw.
 */
import { ENDS, LEXICON_ROOT, lexiconFlags, lexiconStep, shortIndex, type Lexicon } from './lexicon.js';
import type { HostParts } from './parts.js';

export const STRUCTURE_KIND = {
  brandInLabel: 1,
  brandIsLabel: 2,
  brandInSub: 3,
  brandAction: 4,
  actionInLabel: 5,
  actionInSub: 6,
  words: 7,
  cover: 8,
  run: 9,
  segShape: 10,
  glued: 11,
  digitRuns: 12,
  entropy: 13,
  labels: 14,
  length: 15,
  suffix: 16,
  subDepth: 17,
  hyphens: 18,
} as const;

/** Most tokens one host yields (for buffer sizing). */
export const STRUCTURE_TOKENS = 18;

const token = (kind: number, value: number) => kind * 65536 + value;

/** True for a–z. */
function isLetter(code: number): boolean {
  return code >= 97 && code <= 122;
}

/** What a scan of one piece of the name found. */
interface Found {
  brand: number; // 1: a brand inside (not the whole piece), 2: the whole piece is a brand
  action: number; // ENDS.strongAction | ENDS.weakAction bits
}

const ACTION = ENDS.strongAction | ENDS.weakAction;

/** Records what an entry ending at text[j] (walked from i) says about brands and action words. */
function note(flags: number, text: string, i: number, j: number, runStart: number, found: Found): void {
  found.action |= flags & ACTION;
  if (flags & ENDS.brand) found.brand |= i === 0 && j === text.length - 1 ? 2 : 1;
  else if (flags & ENDS.shortBrand && i === runStart && (j + 1 === text.length || !isLetter(text.charCodeAt(j + 1))))
    found.brand |= i === 0 && j === text.length - 1 ? 2 : 1;
}

const ENTRY = ENDS.word | ENDS.brand | ENDS.shortBrand | ACTION;

/** Brands and action words anywhere in `text`: one lexicon walk from each letter. */
function scanBrands(lexicon: Lexicon, text: string, found: Found): void {
  let runStart = 0;
  for (let i = 0; i < text.length; i++) {
    if (!isLetter(text.charCodeAt(i))) {
      runStart = i + 1;
      continue;
    }
    let hash = LEXICON_ROOT;
    let digits = 0;
    for (let j = i; j < text.length; j++) {
      const c = text.charCodeAt(j);
      if (!isLetter(c)) break;
      hash = lexiconStep(hash, c);
      const length = j - i + 1;
      if (length <= 3) digits = digits * 26 + c - 97;
      const flags = length <= 3 ? lexicon.short[shortIndex(length, digits)]! : lexiconFlags(lexicon, hash);
      if (flags === 0) break;
      if (flags & (ENTRY & ~ENDS.word)) note(flags, text, i, j, runStart, found);
    }
  }
}

/** Look-alike spellings read as the letters they imitate: 0→o, 1→l, rn→m, vv→w. */
export function foldLookalikes(text: string): string {
  return text.replace(/0/g, 'o').replace(/1/g, 'l').replace(/rn/g, 'm').replace(/vv/g, 'w');
}

/** True when foldLookalikes would change the text (a 0 or 1, or rn or vv). */
function needsFold(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 48 || c === 49) return true;
    const next = text.charCodeAt(i + 1);
    if ((c === 114 && next === 110) || (c === 118 && next === 118)) return true;
  }
  return false;
}
const UNCOVERED = 1;
const PER_WORD = 0.3;
const MAX_LABEL = 256;
const cost = new Float64Array(MAX_LABEL + 1);
const back = new Int32Array(MAX_LABEL + 1);

interface Segmentation {
  words: number;
  covered: number;
  letters: number;
  run: number;
}

/**
 * One walk from each position of the label does two jobs: brands and action words (as
 * scanBrands), and the segmentation of its letters into dictionary words — the fewest letters
 * left uncovered, then the fewest words (dynamic programming over word ends).
 */
function scanLabel(lexicon: Lexicon, label: string, found: Found, seg: Segmentation): void {
  const n = Math.min(label.length, MAX_LABEL);
  cost[0] = 0;
  for (let i = 1; i <= n; i++) cost[i] = Infinity;
  let runStart = 0;
  for (let i = 0; i < n; i++) {
    const here = cost[i]!;
    const first = label.charCodeAt(i);
    // A non-letter is free: segmentation runs over letters only.
    const skip = isLetter(first) ? UNCOVERED : 0;
    if (here + skip < cost[i + 1]!) {
      cost[i + 1] = here + skip;
      back[i + 1] = -1;
    }
    if (!isLetter(first)) {
      runStart = i + 1;
      continue;
    }
    let hash = LEXICON_ROOT;
    let digits = 0;
    for (let j = i; j < n; j++) {
      const c = label.charCodeAt(j);
      if (!isLetter(c)) break;
      hash = lexiconStep(hash, c);
      const length = j - i + 1;
      if (length <= 3) digits = digits * 26 + c - 97;
      const flags = length <= 3 ? lexicon.short[shortIndex(length, digits)]! : lexiconFlags(lexicon, hash);
      if (flags === 0) break;
      if (flags & (ENTRY & ~ENDS.word)) note(flags, label, i, j, runStart, found);
      if (flags & ENDS.word && here + PER_WORD < cost[j + 1]!) {
        cost[j + 1] = here + PER_WORD;
        back[j + 1] = i;
      }
    }
  }
  let words = 0;
  let covered = 0;
  let letters = 0;
  let run = 0;
  let current = 0;
  for (let end = n; end > 0;) {
    const start = back[end]!;
    if (start >= 0) {
      words++;
      covered += end - start;
      letters += end - start;
      current = 0;
      end = start;
    } else {
      if (isLetter(label.charCodeAt(end - 1))) {
        letters++;
        run = Math.max(run, ++current);
      } else current = 0;
      end--;
    }
  }
  seg.words = words;
  seg.covered = covered;
  seg.letters = letters;
  seg.run = run;
}

function bucket(value: number, edges: readonly number[]): number {
  let i = 0;
  while (i < edges.length && value > edges[i]!) i++;
  return i;
}

const RUN_EDGES = [0, 2, 4, 6, 9];
const LENGTH_EDGES = [3, 6, 10, 15, 20, 30];
const counts = new Int32Array(128);

/** Shannon entropy of the label's characters, in bits. */
function entropy(label: string): number {
  const n = label.length;
  for (let i = 0; i < n; i++) counts[label.charCodeAt(i) & 127]!++;
  let h = 0;
  for (let i = 0; i < n; i++) {
    const c = label.charCodeAt(i) & 127;
    const k = counts[c]!;
    if (k > 0) {
      h -= (k / n) * Math.log2(k / n);
      counts[c] = 0;
    }
  }
  return h;
}

/** The label count and sub-domain depth tokens (Lexicon.subShape). */
function subShapeTokens(host: string, sub: string, out: Int32Array, count: number): number {
  let labels = 1;
  for (let i = 0; i < host.length; i++) if (host.charCodeAt(i) === 46) labels++;
  out[count++] = token(STRUCTURE_KIND.labels, Math.min(labels, 6));
  let subLabels = sub === '' ? 0 : 1;
  for (let i = 0; i < sub.length; i++) if (sub.charCodeAt(i) === 46) subLabels++;
  out[count++] = token(STRUCTURE_KIND.subDepth, Math.min(subLabels, 3));
  return count;
}

// Scratch records, reset per name: scoring allocates nothing per name.
const inLabel: Found = { brand: 0, action: 0 };
const inSub: Found = { brand: 0, action: 0 };
const seg: Segmentation = { words: 0, covered: 0, letters: 0, run: 0 };

/** Writes the host's structure tokens into `out` from `count` and returns the new count. */
export function structureTokens(
  host: string,
  parts: HostParts,
  lexicon: Lexicon,
  out: Int32Array,
  count: number,
): number {
  const { label, sub, suffix } = parts;
  inLabel.brand = inLabel.action = inSub.brand = inSub.action = 0;
  scanLabel(lexicon, label, inLabel, seg);
  let folded = 0;
  if (needsFold(label)) {
    const before = inLabel.brand;
    scanBrands(lexicon, foldLookalikes(label), inLabel);
    if (inLabel.brand !== before) folded = 1;
  }
  if (sub !== '') {
    scanBrands(lexicon, sub, inSub);
    if (needsFold(sub)) scanBrands(lexicon, foldLookalikes(sub), inSub);
  }
  const k = STRUCTURE_KIND;
  if (inLabel.brand & 1) out[count++] = token(k.brandInLabel, 1 + folded);
  if (inLabel.brand & 2) out[count++] = token(k.brandIsLabel, 1 + folded);
  if (inSub.brand) out[count++] = token(k.brandInSub, 1);
  const action = inLabel.action | inSub.action;
  // A brand outside its own registrable label, with a word asking for credentials or money.
  const brandOutside = (inLabel.brand & 1) !== 0 || inSub.brand !== 0 || folded !== 0;
  if (brandOutside && action) out[count++] = token(k.brandAction, action & ENDS.strongAction ? 2 : 1);
  if (inLabel.action) out[count++] = token(k.actionInLabel, inLabel.action & ENDS.strongAction ? 2 : 1);
  if (inSub.action) out[count++] = token(k.actionInSub, inSub.action & ENDS.strongAction ? 2 : 1);

  const words = Math.min(seg.words, 5);
  const cover = seg.letters === 0 ? 0 : seg.covered === seg.letters ? 4 : Math.floor((seg.covered / seg.letters) * 4);
  const run = bucket(seg.run, RUN_EDGES);
  out[count++] = token(k.words, words);
  out[count++] = token(k.cover, cover);
  out[count++] = token(k.run, run);
  out[count++] = token(k.segShape, words * 64 + cover * 8 + run);
  let digitRuns = 0;
  let hyphens = 0;
  for (let i = 0; i < label.length; i++) {
    const c = label.charCodeAt(i);
    const digit = c >= 48 && c <= 57;
    if (digit && !(i > 0 && label.charCodeAt(i - 1) >= 48 && label.charCodeAt(i - 1) <= 57)) digitRuns++;
    if (c === 45) hyphens++;
  }
  if (cover === 4 && seg.words >= 2 && digitRuns === 0 && hyphens === 0) out[count++] = token(k.glued, words);
  out[count++] = token(k.digitRuns, Math.min(digitRuns, 3));
  out[count++] = token(k.hyphens, Math.min(hyphens, 3));
  out[count++] = token(k.entropy, Math.min(Math.floor(entropy(label) * 2), 11));
  if (lexicon.subShape) count = subShapeTokens(host, sub, out, count);
  out[count++] = token(k.length, bucket(label.length, LENGTH_EDGES));
  let h = 0x811c9dc5;
  for (let i = 0; i < suffix.length; i++) h = Math.imul(h ^ suffix.charCodeAt(i), 0x01000193);
  out[count++] = token(k.suffix, (h >>> 0) & 0xffff);
  return count;
}
