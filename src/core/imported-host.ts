/** One entry of an imported host list → the host kept, with the domain parser the background has. */
import { parseDomain } from './domain.js';
import type { HostNormaliser } from './host-list-file.js';

const WORDS = {
  suffix: 'a public suffix: it would cover every site under it',
};

/** A host or URL → its host (ASCII, lowercase, `www.` dropped); IPs, local names and public suffixes are refused. */
export const importedHostOf: HostNormaliser = (entry) => {
  const parsed = parseDomain(entry);
  if (!parsed.ok) return { problem: parsed.message };
  if (parsed.registrableDomain === null) return { problem: WORDS.suffix };
  return { host: parsed.host };
};
