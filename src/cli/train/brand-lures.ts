/**
 * Synthetic brand-impersonation names for training: the shapes phishing names take (a brand
 * outside its own domain, brand + action word, digit and look-alike folds, typosquats of long
 * brands), built only from what the training split itself carries — brands mined from its
 * malicious names, popular brands that are its own benign labels, the action words and public
 * suffixes its malicious names use. A held-out feed's brands are therefore never known here.
 */
import type { Example } from '../data/labelled-files.js';
import { hostParts } from '../../core/ngram/parts.js';
import { createRng, type Rng } from '../../core/rng.js';
import { STRONG_SUBSTRINGS, WEAK_SUBSTRINGS } from '../../core/lookalike/risk-words.js';
import { ENGLISH_WORDS } from '../ngram/english-words.js';
import { POPULAR_BRANDS } from '../ngram/popular-brands.js';
import { CRYPTO_BRANDS, mineBrands } from '../ngram/structure-lexicon.js';

/** Source name of the synthetic positives (the n-gram trainer weighs sources by it). */
export const LURE_SOURCE = 'synthetic-brand-lures';

/** Word stems in the risk lists that are not words on their own (authenticat-ion). */
const STEMS = new Set(['authenticat', 'reactivat', 'webscr']);
/** An action word must occur in at least this many malicious training names to be used. */
const MIN_WORD_USES = 5;
const MIN_TYPO_BRAND = 6;
const FOLDS: readonly (readonly [string, string])[] = [
  ['o', '0'],
  ['l', '1'],
  ['i', '1'],
  ['e', '3'],
  ['a', '4'],
  ['m', 'rn'],
  ['w', 'vv'],
];
const LETTERS = 'abcdefghijklmnopqrstuvwxyz';

/** What the generator draws from, all taken from one training split. */
export interface LureVocabulary {
  /** Mined brands first (the ones the split's lures actually wear), then the popular ones. */
  readonly brands: readonly string[];
  /** How many of `brands` were mined; half the lures draw from those. */
  readonly mined: number;
  readonly actions: readonly string[];
  /** Public suffixes of the malicious training names, one entry per name (so drawn by frequency). */
  readonly suffixes: readonly string[];
  /** Registrable domains of the benign training names: a lure never lands on one. */
  readonly benignDomains: ReadonlySet<string>;
}

/** The vocabulary of a training split. */
export function lureVocabulary(train: readonly Example[]): LureVocabulary {
  const benignLabels = new Set<string>();
  const benignDomains = new Set<string>();
  const suffixes: string[] = [];
  const malicious: string[] = [];
  for (const e of train) {
    const parts = hostParts(e.host);
    if (e.label === 'benign') {
      benignLabels.add(parts.label);
      benignDomains.add(`${parts.label}.${parts.suffix}`);
    } else if (e.label === 'malicious') {
      malicious.push(e.host);
      if (parts.suffix !== '') suffixes.push(parts.suffix);
    }
  }
  const mined = mineBrands(train, new Set(ENGLISH_WORDS));
  const known = [...POPULAR_BRANDS, ...CRYPTO_BRANDS].filter((b) => b.length >= 5 && benignLabels.has(b));
  const actions = [...STRONG_SUBSTRINGS, ...WEAK_SUBSTRINGS].filter((w) => {
    if (STEMS.has(w)) return false;
    let uses = 0;
    for (const host of malicious) if (host.includes(w) && ++uses >= MIN_WORD_USES) return true;
    return false;
  });
  const brands = [...new Set([...mined, ...known])];
  return { brands, mined: mined.length, actions, suffixes, benignDomains };
}

function pick<T>(values: readonly T[], rng: Rng): T {
  return values[rng.nextInt(values.length)]!;
}

function randomRun(rng: Rng, min: number, max: number, alphabet = LETTERS): string {
  let out = '';
  const n = min + rng.nextInt(max - min + 1);
  for (let i = 0; i < n; i++) out += alphabet[rng.nextInt(alphabet.length)];
  return out;
}

/** The brand with one or two of its letters folded to a digit or look-alike (paypal → paypa1). */
export function foldBrand(brand: string, rng: Rng): string {
  const usable = FOLDS.filter(([from]) => brand.includes(from));
  if (usable.length === 0) return brand;
  let out = brand;
  const edits = 1 + rng.nextInt(2);
  for (let k = 0; k < edits; k++) {
    const [from, to] = pick(usable, rng);
    const at = out.indexOf(from);
    if (at >= 0) out = out.slice(0, at) + to + out.slice(at + from.length);
  }
  return out;
}

/** The brand with one or two random edits (substitution, insertion, deletion, swap of neighbours). */
export function typoBrand(brand: string, rng: Rng): string {
  let out = brand;
  const edits = 1 + rng.nextInt(2);
  for (let k = 0; k < edits; k++) {
    const at = rng.nextInt(out.length);
    const kind = rng.nextInt(4);
    const letter = LETTERS[rng.nextInt(26)]!;
    if (kind === 0) out = out.slice(0, at) + letter + out.slice(at + 1);
    else if (kind === 1) out = out.slice(0, at) + letter + out.slice(at);
    else if (kind === 2 && out.length > 4) out = out.slice(0, at) + out.slice(at + 1);
    else if (at + 1 < out.length) out = out.slice(0, at) + out[at + 1] + out[at] + out.slice(at + 2);
  }
  return out;
}

/** One lure of a random shape. */
function lure(v: LureVocabulary, rng: Rng): string {
  const fromMined = v.mined > 0 && rng.nextInt(2) === 0;
  const brand = v.brands[fromMined ? rng.nextInt(v.mined) : rng.nextInt(v.brands.length)]!;
  const action = pick(v.actions, rng);
  const suffix = pick(v.suffixes, rng);
  switch (rng.nextInt(7)) {
    case 0:
      return `${brand}.${randomRun(rng, 5, 10)}.${suffix}`; // brand as a sub-domain of someone else's name
    case 1:
      return `${brand}-${action}.${suffix}`;
    case 2:
      return `${action}-${brand}.${suffix}`;
    case 3:
      return `${brand}${action}${rng.nextInt(2) === 0 ? '' : randomRun(rng, 1, 3, '0123456789')}.${suffix}`;
    case 4:
      return `${action}.${brand}-${pick(v.actions, rng)}.${suffix}`;
    case 5:
      return `${foldBrand(brand, rng)}${rng.nextInt(2) === 0 ? '' : `-${action}`}.${suffix}`;
    default: {
      const long = v.brands.filter((b) => b.length >= MIN_TYPO_BRAND);
      return `${typoBrand(long.length > 0 ? pick(long, rng) : brand, rng)}.${suffix}`;
    }
  }
}

const VALID = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;

/**
 * `count` distinct synthetic lures (label malicious, source LURE_SOURCE) from `train`'s own
 * vocabulary; none is a benign training name's registrable domain or the brand's own domain.
 */
export function brandLures(train: readonly Example[], count: number, seed: number): Example[] {
  const v = lureVocabulary(train);
  if (v.brands.length === 0 || v.actions.length === 0 || v.suffixes.length === 0 || count <= 0) return [];
  const rng = createRng(seed ^ 0x6c757265);
  const seen = new Set<string>();
  const out: Example[] = [];
  for (let tries = 0; out.length < count && tries < count * 4; tries++) {
    const host = lure(v, rng);
    if (seen.has(host) || !host.split('.').every((l) => VALID.test(l))) continue;
    seen.add(host);
    const parts = hostParts(host);
    const group = `${parts.label}.${parts.suffix}`;
    if (v.benignDomains.has(group)) continue;
    out.push({ host, label: 'malicious', source: LURE_SOURCE, group });
  }
  return out;
}

/** Source name of the synthetic benign long-tail names. */
export const LONG_TAIL_SOURCE = 'synthetic-long-tail';

/**
 * `count` benign long-tail shapes the top lists lack: two or three common English words glued
 * (greenvalleybakery) or hyphenated, on a public suffix of the benign training names; never on a
 * registrable domain that hosts a risky training name.
 */
export function longTailBenign(train: readonly Example[], count: number, seed: number): Example[] {
  const suffixes: string[] = [];
  const riskyDomains = new Set<string>();
  for (const e of train) {
    if (e.label === 'benign') {
      const suffix = hostParts(e.host).suffix;
      if (suffix !== '') suffixes.push(suffix);
    } else riskyDomains.add(e.group);
  }
  const words = ENGLISH_WORDS.filter((w) => w.length >= 3 && w.length <= 8);
  if (suffixes.length === 0 || count <= 0) return [];
  const rng = createRng(seed ^ 0x6c6f6e67);
  const seen = new Set<string>();
  const out: Example[] = [];
  for (let tries = 0; out.length < count && tries < count * 4; tries++) {
    const n = 2 + rng.nextInt(2);
    const parts = Array.from({ length: n }, () => pick(words, rng));
    const label = parts.join(rng.nextInt(4) === 0 ? '-' : '');
    const host = `${label}.${pick(suffixes, rng)}`;
    if (label.length > 63 || seen.has(host) || riskyDomains.has(host)) continue;
    seen.add(host);
    out.push({ host, label: 'benign', source: LONG_TAIL_SOURCE, group: host });
  }
  return out;
}
