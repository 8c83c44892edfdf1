/**
 * The sub-domain probe. Benign lists are almost all bare registrable domains while blocklists are
 * full of sub-domains, so a model can score well on held-out lists by learning "has a sub-domain"
 * = malicious, and then flag mail.some-shop.de. The probe puts a common service label in front of
 * held-out benign names and measures how many cross the threshold set on the bare names.
 */
import { shareAtOrAbove, thresholdAtFpr } from '../metrics.js';
import { hashString } from '../data/split.js';

/**
 * Service labels of real benign sites, deliberately none of the trainer's augmentation prefixes
 * (src/cli/train/augment.ts), so a model trained with augmentation is not tested on its own list.
 */
export const PROBE_PREFIXES: readonly string[] = [
  'www1',
  'www3',
  'ns1',
  'mx1',
  'smtp1',
  'pop',
  'webdisk',
  'cpanel',
  'autoconfig',
  'calendar',
  'photos',
  'members',
  'stats',
  'uploads',
  'content',
  'gateway',
  'services',
  'kb',
  'faq',
  'sso',
  'img1',
  'cdn1',
  'static1',
  'media1',
  'ja',
  'ko',
  'zh',
  'sv',
  'pl',
  'tr',
  'de-de',
  'es-es',
];

/** Held-out benign names probed per fold at most. */
export const PROBE_SIZE = 20_000;

/** Prefixed copies of (a seeded sample of) the benign hosts; the prefix is chosen by hash. */
export function probeHosts(benign: readonly string[], seed: number, size = PROBE_SIZE): string[] {
  const step = Math.max(1, Math.floor(benign.length / size));
  const out: string[] = [];
  for (let i = 0; i < benign.length && out.length < size; i += step) {
    const host = benign[i]!;
    out.push(`${PROBE_PREFIXES[hashString(host, seed) % PROBE_PREFIXES.length]!}.${host}`);
  }
  return out;
}

/** Share of probe names at or above the threshold that gives FPR `fpr` on the bare benign names. */
export function probeFlagged(bare: ArrayLike<number>, probe: ArrayLike<number>, fpr = 1e-3): number {
  return shareAtOrAbove(probe, thresholdAtFpr(bare, fpr));
}
