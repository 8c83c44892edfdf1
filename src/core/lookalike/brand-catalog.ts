/**
 * Brands are the registrable labels of the most popular sites (paypal from paypal.com). The
 * catalog maps each label to the most popular domain that carries it, which becomes the
 * target named in warnings ("looks like paypal.com").
 */
import type { PopularSites } from '../popular-sites.js';
import { registrableLabelOf } from './host-parts.js';
import { GENERIC_LABELS } from './generic-labels.js';

export interface Brand {
  /** The registrable label: `paypal`. */
  readonly name: string;
  /** The most popular registrable domain with that label: `paypal.com`. */
  readonly domain: string;
  /** Its 1-based rank on the popular list. */
  readonly rank: number;
}

export interface BrandCatalogOptions {
  /** Only the top ranks are treated as brands worth imitating. */
  readonly maxRank: number;
  /** Shortest label matched as a whole token (`dhl` in dhl-parcel.top). */
  readonly minTokenLength: number;
  /** Shortest label searched for inside longer words (`paypal` in paypalsecure.com). */
  readonly minSubstringLength: number;
}

/** What the detector asks of a table: a Map, or a table prepared at build time (prepared-tables.ts). */
export interface KeyLookup<V> {
  get(key: string): V | undefined;
}

/** What the detector asks of a set: a Set, or a prepared table. */
export interface KeySet {
  has(key: string): boolean;
}

export interface BrandCatalog {
  /** Brand label → brand, for whole-token matches. */
  readonly byName: KeyLookup<Brand>;
  /** Brands searched inside words, grouped by length (longest first) for slicing. */
  readonly substringLengths: readonly number[];
  readonly substringNames: KeySet;
  /** Every label on the popular list: a popular site is never the lookalike of another. */
  readonly popularLabels: KeySet;
}

/** The catalog as built here, its brands in rank order (the typosquat index is built from them). */
export interface BuiltBrandCatalog extends BrandCatalog {
  readonly byName: ReadonlyMap<string, Brand>;
}

const ONLY_DIGITS = /^[0-9-]+$/;

/** Builds the catalog from the popular list's top `maxRank` entries. */
export function buildBrandCatalog(popular: PopularSites, options: BrandCatalogOptions): BuiltBrandCatalog {
  const byName = new Map<string, Brand>();
  const popularLabels = new Set<string>();
  const substringNames = new Set<string>();
  const lengths = new Set<number>();
  popular.domains.forEach((domain, index) => {
    const name = registrableLabelOf(domain);
    popularLabels.add(name);
    const rank = index + 1;
    if (rank > options.maxRank || byName.has(name) || name.length < options.minTokenLength) return;
    if (ONLY_DIGITS.test(name) || GENERIC_LABELS.has(name)) return;
    byName.set(name, { name, domain, rank });
    if (name.length >= options.minSubstringLength) {
      substringNames.add(name);
      lengths.add(name.length);
    }
  });
  return { byName, substringNames, substringLengths: [...lengths].sort((a, b) => b - a), popularLabels };
}
