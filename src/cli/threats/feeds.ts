/**
 * The feeds a threat list is compiled from: the pool's `malicious-*` files (never `dga-*`: DGA
 * names rotate daily and are the model's job), each with the words the verdict's reason uses.
 */

/** How a pool file is presented; files not named here get a descriptor from their name. */
interface FeedWords {
  readonly id: string;
  readonly name: string;
  readonly kind: string;
}

const KNOWN: Record<string, FeedWords> = {
  'malicious-phishing-blocklistproject.txt': { id: 'blocklistproject-phishing', name: 'The Block List Project', kind: 'phishing' },
  'malicious-scam-blocklistproject.txt': { id: 'blocklistproject-scam', name: 'The Block List Project', kind: 'scam' },
  'malicious-maltrail-malicious.txt': { id: 'maltrail-malicious', name: 'Maltrail', kind: 'malicious' },
  'malicious-maltrail-malware.txt': { id: 'maltrail-malware', name: 'Maltrail', kind: 'malware' },
  'malicious-threatfox-domurls.txt': { id: 'threatfox', name: 'ThreatFox', kind: 'malware' },
};

/**
 * Feeds left out of the shipped list unless asked for (`--feeds`). maltrail-malware is 869k
 * command-and-control names, rarely browsed: as 64-bit fingerprints and DNR rules it would
 * more than double each store archive (docs/threats.md has the per-feed costs).
 */
export const DEFAULT_SKIPPED_FEEDS: readonly string[] = ['maltrail-malware'];

/** True for a pool file that may feed the threat list. */
export function isFeedFile(fileName: string): boolean {
  return fileName.startsWith('malicious-') && fileName.endsWith('.txt');
}

/** The id, publisher and kind words for a pool file. */
export function feedWords(fileName: string): FeedWords {
  const known = KNOWN[fileName];
  if (known) return known;
  const id = fileName.replace(/^malicious-/, '').replace(/\.txt$/, '');
  return { id, name: id, kind: 'malicious' };
}
