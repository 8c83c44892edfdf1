/**
 * Lookalike, impersonation and homograph detection, built once from the popular-site
 * list and then run on every name: it plugs into DecisionContext.findLookalikes.
 *
 *   const popular = parsePopularSites(text);
 *   const context = { metadata, isPopular: popular.has, findLookalikes: createLookalikeDetector(popular) };
 */
import type { ScorableHost } from '../domain.js';
import type { PopularSites } from '../popular-sites.js';
import { buildBrandCatalog, type BrandCatalogOptions } from './brand-catalog.js';
import { findBrandImpersonation } from './brand-impersonation.js';
import { findDisguisedBrand } from './disguised-brand.js';
import { findHomographs, foldedParts, type HomographOptions } from './homograph.js';
import { hostParts } from './host-parts.js';
import { findRiskWords } from './risk-words.js';
import { buildTyposquatIndex, findTyposquats, type TyposquatIndex, type TyposquatOptions } from './typosquat.js';
import type { LookalikeFinding } from './types.js';

export type { LookalikeFinding, LookalikeKind } from './types.js';

export interface LookalikeOptions {
  readonly brands: BrandCatalogOptions;
  readonly typosquat: TyposquatOptions;
  readonly homograph: HomographOptions;
}

/** The shipped tuning; docs/lookalike.md gives the measurements behind each number. */
export const DEFAULT_LOOKALIKE_OPTIONS: LookalikeOptions = {
  brands: { maxRank: 5_000, minTokenLength: 3, minSubstringLength: 5 },
  typosquat: {
    minSkeletonLength: 4,
    minLengthRepeat: 5,
    maxRankRepeat: 1_000,
    minLengthAnyEdit: 7,
    maxRankAnyEdit: 300,
  },
  homograph: { minLength: 3 },
};

export type LookalikeDetector = (host: ScorableHost) => LookalikeFinding[];

/** Precomputes the brand and typosquat indexes once; the returned function is pure and cheap. */
export function createLookalikeDetector(
  popular: PopularSites,
  options: LookalikeOptions = DEFAULT_LOOKALIKE_OPTIONS,
): LookalikeDetector {
  const catalog = buildBrandCatalog(popular, options.brands);
  return detectorOver(popular, buildTyposquatIndex(catalog, options.typosquat), options);
}

/**
 * The detector over indexes already built (here, or at build time: prepared-tables.ts); the same
 * function either way, so the verdicts cannot differ.
 */
export function detectorOver(
  popular: PopularSites,
  typos: TyposquatIndex,
  options: LookalikeOptions,
): LookalikeDetector {
  const catalog = typos.catalog;
  return (host) => {
    const parts = hostParts(host);
    // A popular site is never its own lookalike; decide() allowlists it before asking us anyway.
    if (parts === null || popular.has(parts.registrableDomain)) return [];
    const homographs = findHomographs(host, parts, typos, options.homograph);
    if (homographs.some((finding) => finding.level === 'dangerous')) return homographs;
    // An IDN is judged as it reads: раураl-login.xyz carries the brand paypal.
    const readable = foldedParts(host, parts) ?? parts;
    const risk = findRiskWords(readable.name, readable.tokens);
    const brand = findBrandImpersonation(readable, popular, catalog, risk).map((finding) =>
      readable === parts
        ? finding
        : { ...finding, message: `${finding.message} (${host.displayHost}, written ${host.fullHost})` },
    );
    const disguised = brand.length === 0 ? findDisguisedBrand(readable, popular, catalog) : [];
    return [...homographs, ...brand, ...disguised, ...findTyposquats(parts, typos)];
  };
}
