/**
 * Brand impersonation: a popular brand, or its whole registrable domain, inside a name that
 * belongs to someone else (paypal.com.account-verify.xyz, login-microsoftonline.top,
 * metamask-wallet-restore.app). A brand name alone is, far more often than not, the brand's own
 * other site (tiktok-minis.us, poki-cdn.com) or a namesake, so risk words decide:
 *
 * | evidence                                        | no risk word | weak only  | strong     |
 * |-------------------------------------------------|--------------|------------|------------|
 * | whole popular domain in the name (paypal-com)   | suspicious*  | dangerous  | dangerous  |
 * | brand as a whole label or hyphen token          | —            | suspicious | dangerous  |
 * | brand glued to the start or end of a word       | —            | —          | suspicious (2+ strong: dangerous) |
 *
 * (*) not when the domain is the whole registrable label (yahoo-net.jp), for the same reason the
 * brand as the whole registrable label never counts.
 */
import type { PopularSites } from '../popular-sites.js';
import type { Brand, BrandCatalog } from './brand-catalog.js';
import type { HostParts } from './host-parts.js';
import { riskOutside, type RiskWords } from './risk-words.js';
import type { LookalikeFinding } from './types.js';

/** Longest domain carried inside a name that we look for (`login.microsoftonline.com` is 3). */
const MAX_EMBEDDED_LABELS = 3;

function withRisk(message: string, risk: RiskWords): string {
  const words = [...risk.strong, ...risk.weak];
  return words.length === 0 ? message : `${message}, next to ${words.map((word) => `"${word}"`).join(', ')}`;
}

interface Embedded {
  readonly brand: Brand;
  /** The embedded domain is the whole registrable label (yahoo-net.jp, abema-tv.com). */
  readonly isOwnLabel: boolean;
}

/** A popular registrable domain spelled out inside the name, with dots or hyphens (paypal-com). */
function findEmbeddedDomain(parts: HostParts, popular: PopularSites, catalog: BrandCatalog): Embedded | null {
  const { tokens } = parts;
  for (let i = 0; i + 1 < tokens.length; i++) {
    const brand = catalog.byName.get(tokens[i]!);
    if (brand === undefined) continue;
    let candidate = tokens[i]!;
    for (let j = i + 1; j < tokens.length && j <= i + MAX_EMBEDDED_LABELS; j++) {
      candidate += `.${tokens[j]!}`;
      if (popular.has(candidate))
        return {
          brand: { ...brand, domain: candidate },
          isOwnLabel: candidate.replaceAll('.', '-') === parts.registrableLabel,
        };
    }
  }
  return null;
}

/**
 * The most popular brand that is a whole label or hyphen-separated token of the name. The
 * registrable label itself does not count: whoever owns wordpress.com or paypal.de owns every
 * name below it, and a brand's name under another suffix is usually the brand.
 */
export function findBrandToken(parts: HostParts, catalog: BrandCatalog): Brand | null {
  let best: Brand | null = null;
  for (const words of [parts.labels, parts.tokens]) {
    for (const word of words) {
      const brand = word === parts.registrableLabel ? undefined : catalog.byName.get(word);
      if (brand !== undefined && (best === null || brand.rank < best.rank)) best = brand;
    }
  }
  return best;
}

/** The longest distinctive brand glued to the start or end of a longer word (paypalsecure, secureapple). */
function findBrandAtWordEdge(parts: HostParts, catalog: BrandCatalog): Brand | null {
  let best: Brand | null = null;
  for (const token of parts.tokens) {
    for (const length of catalog.substringLengths) {
      if (length >= token.length || (best !== null && length <= best.name.length)) continue;
      const head = token.slice(0, length);
      const tail = token.slice(token.length - length);
      const found = catalog.substringNames.has(head) ? head : catalog.substringNames.has(tail) ? tail : null;
      if (found !== null) best = catalog.byName.get(found) ?? best;
    }
  }
  return best;
}

function finding(level: LookalikeFinding['level'], brand: Brand, message: string): LookalikeFinding[] {
  return [{ kind: 'brand', level, target: brand.domain, message }];
}

/** Brand impersonation findings (at most one: the strongest evidence), given the name's risk words. */
export function findBrandImpersonation(
  parts: HostParts,
  popular: PopularSites,
  catalog: BrandCatalog,
  risk: RiskWords,
): LookalikeFinding[] {
  const embedded = findEmbeddedDomain(parts, popular, catalog);
  if (embedded !== null) {
    const { brand } = embedded;
    const words = riskOutside(risk, brand.domain);
    const risky = words.strong.length + words.weak.length > 0;
    // yahoo-net.jp or abema-tv.com with nothing around it is, like paypal.de, usually the brand's own.
    if (risky || !embedded.isOwnLabel) {
      return finding(
        risky ? 'dangerous' : 'suspicious',
        brand,
        withRisk(`carries ${brand.domain} in its name but belongs to ${parts.registrableDomain}`, words),
      );
    }
  }
  const token = findBrandToken(parts, catalog);
  if (token !== null) {
    const words = riskOutside(risk, token.name);
    if (words.strong.length + words.weak.length > 0) {
      return finding(
        words.strong.length > 0 ? 'dangerous' : 'suspicious',
        token,
        withRisk(`contains the brand ${token.name} outside ${token.domain}`, words),
      );
    }
  }
  if (risk.strong.length === 0) return [];
  const glued = findBrandAtWordEdge(parts, catalog);
  if (glued === null) return [];
  const words = riskOutside(risk, glued.name);
  if (words.strong.length === 0) return [];
  return finding(
    words.strong.length > 1 ? 'dangerous' : 'suspicious',
    glued,
    withRisk(`contains the brand ${glued.name} outside ${glued.domain}`, words),
  );
}
