/**
 * ASCII host → the form people read (IDN labels decoded to Unicode). Apart from domain.ts so the
 * pages that only show names (warning, options) do not bundle its Public Suffix List (tldts).
 */
import punycode from 'punycode/punycode.js';

/** Display form of any ASCII host (IDN labels decoded); a label that does not decode stays as it is. */
export function toDisplayHost(host: string): string {
  if (!host.includes('xn--')) return host;
  return host
    .split('.')
    .map((label) => {
      if (!label.startsWith('xn--')) return label;
      try {
        return punycode.toUnicode(label);
      } catch {
        return label;
      }
    })
    .join('.');
}
