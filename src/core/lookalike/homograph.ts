/**
 * Homographs: internationalised names drawn with characters that look like Latin letters
 * (аpple.com with a Cyrillic а). Warnings show the Unicode form next to the punycode one, so the
 * user sees the trick.
 */
import type { ScorableHost } from '../domain.js';
import type { TyposquatIndex } from './typosquat.js';
import { partsOfName, type HostParts } from './host-parts.js';
import { isAscii, skeleton } from './skeleton.js';
import { isMixedScript, labelScripts } from './scripts.js';
import type { LookalikeFinding } from './types.js';

export interface HomographOptions {
  /** Shortest brand label an IDN may imitate (all-lookalike IDNs of 1–2 letters are common words). */
  readonly minLength: number;
}

// Top-level domains whose own script is Cyrillic or Greek: an all-Cyrillic label there is a word in its own language.
const OWN_SCRIPT_TLD = /^(?:ru|su|ua|by|kz|bg|rs|mk|mn|kg|tj|uz|me|ba|gr|cy|xn--.*)$/;

/** Homograph findings; empty unless the host has an IDN label. */
export function findHomographs(
  host: ScorableHost,
  parts: HostParts,
  index: TyposquatIndex,
  options: HomographOptions,
): LookalikeFinding[] {
  if (!host.fullHost.includes('xn--')) return [];
  const asciiLabels = host.fullHost.split('.');
  const unicodeLabels = host.displayHost.split('.');
  if (asciiLabels.length !== unicodeLabels.length) return [];
  const suffixLabels = parts.publicSuffix.split('.').length;
  const ownIndex = asciiLabels.length - suffixLabels - 1;
  const unicodeOwn = unicodeLabels[ownIndex] ?? '';
  const shown = `${unicodeLabels.slice(ownIndex).join('.')} (${asciiLabels.slice(ownIndex).join('.')})`;

  if (!isAscii(unicodeOwn)) {
    const looks = skeleton(unicodeOwn);
    const brand = index.skeletons.get(looks) ?? (isAscii(looks) ? index.catalog.byName.get(looks) : undefined);
    if (brand !== undefined && brand.name.length >= options.minLength) {
      return [
        {
          kind: 'homograph',
          level: 'dangerous',
          target: brand.domain,
          message: `looks like ${brand.domain}: ${shown} is written with look-alike characters`,
        },
      ];
    }
  }

  const findings: LookalikeFinding[] = [];
  const tld = asciiLabels[asciiLabels.length - 1]!;
  for (let i = 0; i < asciiLabels.length; i++) {
    const unicode = unicodeLabels[i]!;
    if (!asciiLabels[i]!.startsWith('xn--')) continue;
    const scripts = labelScripts(unicode);
    const label = `"${unicode}" (${asciiLabels[i]!})`;
    if (isMixedScript(scripts)) {
      findings.push({
        kind: 'homograph',
        level: 'suspicious',
        message: `mixes ${[...scripts].join(' and ')} letters in ${label}, a trick to imitate another name`,
        detail: { kind: 'mixed-scripts', label: unicode },
      });
      break;
    }
    // Chromium's whole-script rule: a label spelled only with Cyrillic or Greek letters that all look Latin,
    // under a suffix not of that script, is drawn to be read as a Latin word.
    const looks = skeleton(unicode);
    if (
      i === ownIndex &&
      scripts.size === 1 &&
      !scripts.has('Latin') &&
      isAscii(looks) &&
      looks.length >= options.minLength &&
      !OWN_SCRIPT_TLD.test(tld)
    ) {
      findings.push({
        kind: 'homograph',
        level: 'suspicious',
        message: `${label} is written only with letters that look Latin: it reads as "${looks}"`,
        detail: { kind: 'reads-as', label: unicode, looks },
      });
      break;
    }
  }
  return findings;
}

/**
 * The host's own part (without suffix) read as Latin: for an IDN such as раураl-login.xyz this
 * gives `paypal-login`, so the brand rules see what the user sees. Null when nothing changes or
 * the folded form is not all ASCII.
 */
export function foldedParts(host: ScorableHost, parts: HostParts): HostParts | null {
  if (!host.fullHost.includes('xn--')) return null;
  const unicodeLabels = host.displayHost.split('.');
  const suffixLabels = parts.publicSuffix.split('.').length;
  const own = unicodeLabels.slice(0, unicodeLabels.length - suffixLabels);
  // Match hostParts: its name has the leading www. removed.
  while (own.length > 1 && own[0] === 'www') own.shift();
  const name = skeleton(own.join('.'));
  if (name === parts.name || !isAscii(name)) return null;
  return { ...parts, ...partsOfName(name) };
}
