/**
 * Names for the threat-list e2e suites, from the committed artifact (threats/), so they run
 * without ../shared: listed names the model alone judges safe (so only the list can stop them),
 * and a name a feed lists that the build left out because its site is popular.
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/**
 * Listed names the shipped model (without the list) judged safe when they were chosen; plain
 * http works for them (no HSTS-preloaded TLD). The suite checks they are still listed.
 */
const LISTED = ['adrianomax.com', 'alcfm.net', 'acomsas.com', 'aadiholidays.com'];

export interface ThreatNames {
  /** Names on the shipped list. */
  readonly listed: readonly string[];
  /** A name a feed lists under a popular registrable domain: never stopped. */
  readonly popularListed: string;
}

/** Reads the names from threats/names.txt and threats/provenance.json. */
export async function threatNames(): Promise<ThreatNames> {
  const names = new Set((await readFile(`${ROOT}threats/names.txt`, 'utf8')).split('\n'));
  const missing = LISTED.filter((name) => !names.has(name));
  if (missing.length > 0)
    throw new Error(
      `e2e listed names no longer on the list: ${missing.join(', ')} (choose others from threats/names.txt)`,
    );
  const provenance = JSON.parse(await readFile(`${ROOT}threats/provenance.json`, 'utf8')) as {
    feeds: { excludedExamples: { popular: string[] } }[];
  };
  const popular = provenance.feeds
    .flatMap((f) => f.excludedExamples.popular)
    .find((name) => name === 'attfeedback.uservoice.com');
  if (popular === undefined)
    throw new Error('provenance.json no longer names attfeedback.uservoice.com among the popular exclusions');
  return { listed: LISTED, popularListed: popular };
}
