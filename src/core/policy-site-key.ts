/** The site key of a policy entry, as the background enforces it (PSL-aware, like the user's choices). */
import { parseDomain } from './domain.js';

/** A URL or host → its registrable domain (or host), the key `siteOf` gives the user's choices; null when it names no site. */
export function policySiteKey(entry: string): string | null {
  const parsed = parseDomain(entry);
  return parsed.ok ? (parsed.registrableDomain ?? parsed.host) : null;
}
