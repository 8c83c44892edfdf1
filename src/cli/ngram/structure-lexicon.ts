/**
 * The dictionary and brand list a structure-feature model is trained with and ships: English
 * words (SCOWL 35), the popular list's brand labels, crypto wallets and exchanges, and brands
 * mined from the training names themselves — labels of benign training sites that malicious
 * training names carry outside their own domain (paypal in paypal-verify.top). Mined from the
 * training split only, so a held-out feed's brands are not known in advance.
 */
import type { Example } from '../data/labelled-files.js';
import type { LexiconSpec } from '../../core/ngram/lexicon.js';
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

/** Benign training labels that malicious training names carry outside their own domain, most carried first. */
export function mineBrands(train: readonly Example[], dictionary: ReadonlySet<string>): string[] {
  // A piece of an English or action word (nline, verif) is no brand, however often lures carry it.
  const pieces = new Set<string>();
  for (const word of [...dictionary, ...STRONG_SUBSTRINGS, ...WEAK_SUBSTRINGS, ...RISK_WORDS])
    for (let i = 0; i + MIN_MINED <= word.length; i++)
      for (let n = MIN_MINED; i + n <= word.length; n++) pieces.add(word.slice(i, i + n));
  const candidates = new Set<string>();
  for (const e of train) {
    if (e.label !== 'benign') continue;
    const label = hostParts(e.host).label;
    if (label.length >= MIN_MINED && label.length <= 20 && /^[a-z]+$/.test(label) && !pieces.has(label))
      candidates.add(label);
  }
  const hits = new Map<string, number>();
  for (const e of train) {
    if (e.label !== 'malicious') continue;
    const parts = hostParts(e.host);
    const seen = new Set<string>();
    for (const run of `${parts.sub}.${parts.label}`.split(/[^a-z]+/)) {
      for (let i = 0; i + MIN_MINED <= run.length; i++) {
        for (let n = MIN_MINED; n <= 20 && i + n <= run.length; n++) {
          const piece = run.slice(i, i + n);
          if (piece !== parts.label && candidates.has(piece)) seen.add(piece);
        }
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
