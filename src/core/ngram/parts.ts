/**
 * Structural features of a host for the n-gram model: the public suffix, the registrable label and
 * the sub-domain seen separately (a `paypal` in the sub-domain of `account-verify.xyz` is not the
 * `paypal` of `paypal.com`), plus a few shape tokens. Uses the PSL with private suffixes, so
 * hosting zones such as duckdns.org or blogspot.com are suffixes and the user-chosen part is the label.
 */
import { parse } from 'tldts';

export interface HostParts {
  /** Public suffix (`com`, `co.uk`, `duckdns.org`), or '' when there is none. */
  readonly suffix: string;
  /** The label left of the suffix (`account-verify` in login.account-verify.xyz). */
  readonly label: string;
  /** Everything left of the label, '' when none. */
  readonly sub: string;
}

// Hoisted once: tldts re-reads its options object on every call.
const TLDTS_OPTIONS = {
  allowPrivateDomains: true,
  extractHostname: false,
  validateHosts: false,
  detectIp: false,
} as const;

/** Splits a normalised host into suffix, registrable label and sub-domain. */
export function hostParts(host: string): HostParts {
  const parsed = parse(host, TLDTS_OPTIONS);
  if (parsed.domainWithoutSuffix === null || parsed.publicSuffix === null) {
    // The host is itself a suffix (github.io) or has none: its whole text plays the label.
    return { suffix: parsed.publicSuffix ?? '', label: host, sub: '' };
  }
  return { suffix: parsed.publicSuffix, label: parsed.domainWithoutSuffix, sub: parsed.subdomain ?? '' };
}

/** Number of shape tokens `shapeTokens` yields (for buffer sizing). */
export const SHAPE_TOKENS = 5;

function bucket(value: number, edges: readonly number[]): number {
  let i = 0;
  while (i < edges.length && value > edges[i]!) i++;
  return i;
}

const LENGTH_EDGES = [3, 6, 10, 15, 20, 30];

/** Coarse shape of a host: label count, label length, digits and hyphens in the label, sub-domain depth. */
export function shapeTokens(host: string, parts: HostParts): string[] {
  let labels = 1;
  for (let i = 0; i < host.length; i++) if (host.charCodeAt(i) === 46) labels++;
  let digits = 0;
  let hyphens = 0;
  for (let i = 0; i < parts.label.length; i++) {
    const c = parts.label.charCodeAt(i);
    if (c >= 48 && c <= 57) digits++;
    else if (c === 45) hyphens++;
  }
  const subLabels = parts.sub === '' ? 0 : parts.sub.split('.').length;
  return [
    `labels:${Math.min(labels, 6)}`,
    `len:${bucket(parts.label.length, LENGTH_EDGES)}`,
    `digits:${bucket(digits, [0, 1, 3, 6])}`,
    `hyphens:${Math.min(hyphens, 3)}`,
    `sub:${Math.min(subLabels, 3)}`,
  ];
}
