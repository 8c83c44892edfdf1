/**
 * Typosquats: a registrable label one slip away from a popular brand (gooogle.com, paypa1.com,
 * micros0ft.com, rnicrosoft.com).
 *
 * The rule, short names first (MetaMask had to cut its fuzzy tolerance from 3 to 1 after ibm.com
 * matched hal.com): never more than one edit, and
 * - lookalike characters (0 → o, 1 → l, rn → m, vv → w) count for brands of 4+ letters: dangerous;
 * - a doubled letter or two swapped letters ("gooogle", "netflxi") for brands of 5+ letters in
 *   the top `maxRankRepeat`: suspicious;
 * - any other single slip (a keyboard neighbour or lookalike letter substituted, a letter added or
 *   dropped, not at the first position) only for letter-only brands of 7+ letters in the top
 *   `maxRankAnyEdit`: suspicious.
 * Brands under 4 letters are never fuzzy-matched: at 3 letters one edit reaches most short names.
 * Each limit was set on the measured false positives (docs/lookalike.md).
 */
import type { Brand, BrandCatalog, BuiltBrandCatalog, KeyLookup } from './brand-catalog.js';
import { editKind, isOneEditApart, type EditKind } from './edit-distance.js';
import type { HostParts } from './host-parts.js';
import { isSlip } from './keyboard.js';
import { asciiSkeleton } from './skeleton.js';
import type { LookalikeFinding } from './types.js';

export interface TyposquatOptions {
  /** Shortest brand label matched by lookalike characters (0 → o, 1 → l, rn → m, vv → w). */
  readonly minSkeletonLength: number;
  /** Doubled or swapped letters: brands this long and this popular. */
  readonly minLengthRepeat: number;
  readonly maxRankRepeat: number;
  /** Any other single slip: brands this long and this popular (attackers imitate the biggest names). */
  readonly minLengthAnyEdit: number;
  readonly maxRankAnyEdit: number;
}

export interface TyposquatIndex {
  /** ASCII skeleton of a brand label → brand (the most popular wins a collision). */
  readonly skeletons: KeyLookup<Brand>;
  /** Each fuzzy brand label and its one-deletion variants → the brands they came from. */
  readonly deletions: KeyLookup<readonly Brand[]>;
  readonly catalog: BrandCatalog;
  readonly options: TyposquatOptions;
}

/** The index as built here: maps, which prepared-tables.ts writes out for the build. */
export interface BuiltTyposquatIndex extends TyposquatIndex {
  readonly skeletons: ReadonlyMap<string, Brand>;
  readonly deletions: ReadonlyMap<string, readonly Brand[]>;
  readonly catalog: BuiltBrandCatalog;
}

/** `name` without the character at `position` (the name itself at its length): a one-deletion variant. */
export const withoutCharAt = (name: string, position: number): string =>
  name.slice(0, position) + name.slice(position + 1);

/** Precomputes the skeleton map and the one-deletion neighbourhoods (symmetric-delete lookup). */
export function buildTyposquatIndex(catalog: BuiltBrandCatalog, options: TyposquatOptions): BuiltTyposquatIndex {
  const skeletons = new Map<string, Brand>();
  const deletions = new Map<string, Brand[]>();
  const add = (key: string, brand: Brand): void => {
    const list = deletions.get(key);
    if (list === undefined) deletions.set(key, [brand]);
    else if (!list.includes(brand)) list.push(brand);
  };
  for (const brand of catalog.byName.values()) {
    if (brand.name.length >= options.minSkeletonLength) {
      const key = asciiSkeleton(brand.name);
      if (!skeletons.has(key)) skeletons.set(key, brand);
    }
    if (!isFuzzyTarget(brand, options)) continue;
    add(brand.name, brand);
    for (let i = 0; i < brand.name.length; i++) add(withoutCharAt(brand.name, i), brand);
  }
  return { skeletons, deletions, catalog, options };
}

function isFuzzyTarget(brand: Brand, options: TyposquatOptions): boolean {
  return (
    (brand.name.length >= options.minLengthRepeat && brand.rank <= options.maxRankRepeat) ||
    isAnyEditTarget(brand, options)
  );
}

const LETTERS_ONLY = /^[a-z]+$/;

function isAnyEditTarget(brand: Brand, options: TyposquatOptions): boolean {
  return (
    brand.name.length >= options.minLengthAnyEdit &&
    brand.rank <= options.maxRankAnyEdit &&
    LETTERS_ONLY.test(brand.name)
  );
}

/** Whether a one-edit difference passes the rule for its kind (see the file comment). */
function isTypo(label: string, brand: Brand, kind: EditKind, options: TyposquatOptions): boolean {
  if (kind === 'doubling' || kind === 'transposition')
    return brand.name.length >= options.minLengthRepeat && brand.rank <= options.maxRankRepeat;
  if (!isAnyEditTarget(brand, options)) return false;
  let at = 0;
  while (label[at] === brand.name[at]) at++;
  // A different first letter makes a different word far more often than a slip (partner/gartner).
  if (at === 0) return false;
  return kind !== 'substitution' || isSlip(label[at]!, brand.name[at]!);
}

const EDIT_WORDS: Record<EditKind, string> = {
  substitution: 'one letter changed',
  insertion: 'one letter added',
  deletion: 'one letter missing',
  transposition: 'two letters swapped',
  doubling: 'a letter doubled',
};

function closer(
  best: Brand | null,
  brands: readonly Brand[] | undefined,
  label: string,
  options: TyposquatOptions,
): Brand | null {
  if (brands === undefined) return best;
  for (const brand of brands) {
    if (
      (best === null || brand.rank < best.rank) &&
      isOneEditApart(label, brand.name) &&
      isTypo(label, brand, editKind(label, brand.name), options)
    )
      best = brand;
  }
  return best;
}

function nearestByOneEdit(label: string, index: TyposquatIndex): Brand | null {
  // Symmetric delete: two strings one edit apart share the string itself or a one-deletion variant.
  let best = closer(null, index.deletions.get(label), label, index.options);
  for (let i = 0; i < label.length; i++)
    best = closer(best, index.deletions.get(label.slice(0, i) + label.slice(i + 1)), label, index.options);
  return best;
}

/** Typosquat findings for one host's registrable label. */
export function findTyposquats(parts: HostParts, index: TyposquatIndex): LookalikeFinding[] {
  const label = parts.registrableLabel;
  // A popular site's own label, under any suffix, is a brand (or a namesake), not a typo.
  if (index.catalog.popularLabels.has(label)) return [];
  const looks = asciiSkeleton(label);
  if (looks !== label) {
    const brand = index.skeletons.get(looks);
    if (brand !== undefined && brand.name !== label) {
      return [
        {
          kind: 'typosquat',
          level: 'dangerous',
          target: brand.domain,
          message: `looks like ${brand.domain}: "${label}" imitates "${brand.name}" with look-alike characters`,
        },
      ];
    }
  }
  const brand = nearestByOneEdit(label, index);
  if (brand === null) return [];
  return [
    {
      kind: 'typosquat',
      level: 'suspicious',
      target: brand.domain,
      message: `looks like ${brand.domain}: "${label}" is "${brand.name}" with ${EDIT_WORDS[editKind(label, brand.name)]}`,
    },
  ];
}
