/** The pieces of a host name the lookalike detectors look at. */
import type { ScorableHost } from '../domain.js';

export interface HostParts {
  /** The host without its public suffix: `paypal.com.account-verify` for paypal.com.account-verify.xyz. */
  readonly name: string;
  /** `name` split on dots. The last label is the registrable label. */
  readonly labels: readonly string[];
  /** `name` split on dots and hyphens. */
  readonly tokens: readonly string[];
  /** The registrable domain's own label (`account-verify`). */
  readonly registrableLabel: string;
  readonly registrableDomain: string;
  readonly publicSuffix: string;
}

const SEPARATORS = /[.-]+/;

/** Splits a scorable host, or returns null when it has no registrable domain (a bare public suffix). */
export function hostParts(host: ScorableHost): HostParts | null {
  const { registrableDomain, publicSuffix } = host;
  if (registrableDomain === null || publicSuffix === null) return null;
  const name = host.host.slice(0, host.host.length - publicSuffix.length - 1);
  return { ...partsOfName(name), registrableDomain, publicSuffix };
}

/** The name-derived fields of HostParts for `name` (used again when a detector reads a folded name). */
export function partsOfName(name: string): Pick<HostParts, 'name' | 'labels' | 'tokens' | 'registrableLabel'> {
  const labels = name.split('.');
  return {
    name,
    labels,
    tokens: name.split(SEPARATORS).filter((token) => token !== ''),
    registrableLabel: labels[labels.length - 1]!,
  };
}

/** The label a registrable domain adds to its public suffix (`paypal` in paypal.co.uk). */
export function registrableLabelOf(registrableDomain: string): string {
  const dot = registrableDomain.indexOf('.');
  return dot === -1 ? registrableDomain : registrableDomain.slice(0, dot);
}
