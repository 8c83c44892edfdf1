/**
 * The dictionary and brand list a structure-feature model is trained with and ships: English
 * words (SCOWL 35), the popular list's brand labels, crypto wallets and exchanges, and brands
 * mined from the training names themselves — labels of benign training sites that malicious
 * training names carry outside their own domain (paypal in paypal-verify.top). Mined from the
 * training split only, so a held-out feed's brands are not known in advance.
 */
import type { Example } from '../data/labelled-files.js';
import { LEXICON_ROOT, lexiconStep, type LexiconSpec } from '../../core/ngram/lexicon.js';
import { hostParts } from '../../core/ngram/parts.js';
import { ENGLISH_WORDS } from './english-words.js';
import { POPULAR_BRANDS } from './popular-brands.js';
import { STRONG_SUBSTRINGS, WEAK_SUBSTRINGS } from '../../core/lookalike/risk-words.js';

/** Words lures are built from that are not brands (the action words are added from risk-words). */
const RISK_WORDS = ['login', 'signin', 'online', 'mobile', 'secure', 'account', 'service', 'update', 'support'];

/** Wallets, exchanges and DeFi front ends: the brands drainer and seed-phrase lures wear. */
export const CRYPTO_BRANDS: readonly string[] = [
  'metamask',
  'trustwallet',
  'coinbase',
  'binance',
  'kraken',
  'ledger',
  'trezor',
  'phantom',
  'exodus',
  'uniswap',
  'pancakeswap',
  'opensea',
  'blockchain',
  'kucoin',
  'bybit',
  'bitfinex',
  'bitget',
  'huobi',
  'walletconnect',
  'raydium',
  'solana',
  'etherscan',
  'myetherwallet',
  'keplr',
  'sushiswap',
  'coinmarketcap',
  'coingecko',
  'crypto',
  'electrum',
  'atomicwallet',
  'safepal',
  'tronlink',
];

/** Shortest mined brand: shorter labels occur inside too many unrelated names. */
const MIN_MINED = 5;
/** A benign label becomes a brand when at least this many distinct malicious training names carry it. */
const MIN_MALICIOUS_NAMES = 5;
const MAX_MINED = 2000;

/** FNV-1a of text[from, to): strings are compared by hash while mining, so no substring is built. */
function hashOf(text: string, from = 0, to = text.length): number {
  let hash = LEXICON_ROOT;
  for (let i = from; i < to; i++) hash = lexiconStep(hash, text.charCodeAt(i));
  return hash;
}

/** Benign training labels that malicious training names carry outside their own domain, most carried first. */
export function mineBrands(train: readonly Example[], dictionary: ReadonlySet<string>): string[] {
  // A piece of an English or action word (nline, verif) is no brand, however often lures carry it.
  const pieces = new Set<number>();
  for (const word of [...dictionary, ...STRONG_SUBSTRINGS, ...WEAK_SUBSTRINGS, ...RISK_WORDS])
    for (let i = 0; i + MIN_MINED <= word.length; i++) {
      let hash = hashOf(word, i, i + MIN_MINED - 1);
      for (let j = i + MIN_MINED - 1; j < word.length; j++) pieces.add((hash = lexiconStep(hash, word.charCodeAt(j))));
    }
  const candidates = new Map<number, string>();
  const prefixes = new Set<number>();
  for (const e of train) {
    if (e.label !== 'benign') continue;
    const label = hostParts(e.host).label;
    if (label.length < MIN_MINED || label.length > 20 || !/^[a-z]+$/.test(label) || pieces.has(hashOf(label))) continue;
    candidates.set(hashOf(label), label);
    let hash = LEXICON_ROOT;
    for (let i = 0; i < label.length; i++) prefixes.add((hash = lexiconStep(hash, label.charCodeAt(i))));
  }
  const hits = new Map<string, number>();
  for (const e of train) {
    if (e.label !== 'malicious') continue;
    const parts = hostParts(e.host);
    const text = `${parts.sub}.${parts.label}`;
    const seen = new Set<string>();
    for (let i = 0; i < text.length; i++) {
      let hash = LEXICON_ROOT;
      for (let j = i; j < text.length && j - i < 20; j++) {
        const c = text.charCodeAt(j);
        if (c < 97 || c > 122) break;
        hash = lexiconStep(hash, c);
        if (!prefixes.has(hash)) break;
        const brand = j - i + 1 >= MIN_MINED ? candidates.get(hash) : undefined;
        if (brand !== undefined && brand !== parts.label) seen.add(brand);
      }
    }
    for (const piece of seen) hits.set(piece, (hits.get(piece) ?? 0) + 1);
  }
  const ranked = [...hits]
    .filter(([, n]) => n >= MIN_MALICIOUS_NAMES)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .map(([brand]) => brand);
  // A clipped brand (googl, instagr) is a piece of a known or more carried one: keep that one.
  const kept: string[] = [];
  const known = [...POPULAR_BRANDS, ...CRYPTO_BRANDS];
  for (const m of ranked) {
    if (known.some((b) => b !== m && b.includes(m)) || kept.some((b) => b.includes(m))) continue;
    kept.push(m);
    if (kept.length === MAX_MINED) break;
  }
  return kept;
}

/** The lexicon for a model trained on `train`: dictionary words, and popular, crypto and mined brands. */
export function structureLexicon(train: readonly Example[]): { lexicon: LexiconSpec; mined: readonly string[] } {
  const known = mined.get(train);
  if (known) return known;
  const brands = mineBrands(train, new Set(ENGLISH_WORDS));
  const result = {
    lexicon: { words: ENGLISH_WORDS, brands: [...new Set([...POPULAR_BRANDS, ...CRYPTO_BRANDS, ...brands])] },
    mined: brands,
  };
  mined.set(train, result);
  return result;
}

// Members trained on the same split (a blend, a harness fold) mine its brands once.
const mined = new WeakMap<readonly Example[], { lexicon: LexiconSpec; mined: readonly string[] }>();
