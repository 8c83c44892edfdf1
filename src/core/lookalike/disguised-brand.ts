/**
 * Brands written with look-alike ASCII characters: amaz0n-billing.com, faceb00k-login.net,
 * micros0ft-security.xyz. The brand rules run again on the name's ASCII skeleton (0 → o, 1 → l,
 * rn → m, vv → w). A brand that only appears once folded was disguised on purpose — nobody writes
 * their own name "amaz0n" — so the disguise counts as evidence by itself: such a brand token is
 * suspicious even with no risk word beside it, and a risk word makes it dangerous as usual.
 */
import type { PopularSites } from '../popular-sites.js';
import type { BrandCatalog } from './brand-catalog.js';
import { findBrandImpersonation, findBrandToken } from './brand-impersonation.js';
import { partsOfName, type HostParts } from './host-parts.js';
import { findRiskWords } from './risk-words.js';
import { asciiSkeleton } from './skeleton.js';
import type { LookalikeFinding } from './types.js';

/** `parts` read through the ASCII skeleton; null when folding changes nothing. */
export function asciiFoldedParts(parts: HostParts): HostParts | null {
  const name = asciiSkeleton(parts.name);
  if (name === parts.name) return null;
  return { ...parts, ...partsOfName(name) };
}

/** Brand findings that only the folded name shows (none when the brand is written plainly). */
export function findDisguisedBrand(parts: HostParts, popular: PopularSites, catalog: BrandCatalog): LookalikeFinding[] {
  const folded = asciiFoldedParts(parts);
  if (folded === null) return [];
  const written = ` (written "${parts.name}")`;
  const disguised = (brandName: string) => !parts.name.includes(brandName);
  const found = findBrandImpersonation(folded, popular, catalog, findRiskWords(folded.name, folded.tokens));
  if (found.length > 0) {
    const brandName = found[0]!.target?.split('.')[0] ?? '';
    // A brand that was already plain in the name, with a risk word only the folding produced, is no disguise of the brand.
    return disguised(brandName) ? found.map((f) => ({ ...f, message: `${f.message}${written}` })) : [];
  }
  const token = findBrandToken(folded, catalog);
  if (token === null || !disguised(token.name)) return [];
  return [
    {
      kind: 'brand',
      level: 'suspicious',
      target: token.domain,
      message: `contains the brand ${token.name} outside ${token.domain}, written with look-alike characters${written}`,
    },
  ];
}
