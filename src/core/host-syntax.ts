/**
 * The syntax of a host name as the domain parser accepts it (lowercase ASCII labels, a real top
 * label, at most 253 characters), without the Public Suffix List: domain.ts checks every name
 * with these rules, and pages too small to bundle tldts (the popup's first script) re-check a
 * host they were handed with the same ones.
 */

export const MAX_HOST_LENGTH = 253;
/** One label: letters, digits, `_` and `-`, not starting or ending with `-`. */
export const LABEL = /^(?!-)[a-z0-9_-]{1,63}(?<!-)$/;
/** The last label: letters, or an IDN's ASCII form. */
export const TOP_LABEL = /^(?:[a-z]+|xn--[a-z0-9-]+)$/;

/** True for a name of two labels or more that domain.ts would accept as written (lowercase, no trailing dot). */
export function isHostSyntax(host: string): boolean {
  if (host.length > MAX_HOST_LENGTH) return false;
  const labels = host.split('.');
  return labels.length >= 2 && labels.every((label) => LABEL.test(label)) && TOP_LABEL.test(labels.at(-1)!);
}
