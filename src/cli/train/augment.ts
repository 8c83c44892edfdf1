/**
 * Benign sub-domain augmentation. The benign lists are nearly all bare registrable domains
 * (google.com) while blocklists are full of sub-domains (login.x.com, a1b2.duckdns.org), so a
 * model can learn "has a sub-domain" = malicious. Real benign traffic is full of mail., api.,
 * cdn., m. … names; putting such prefixes in front of benign training names (a fresh draw every
 * epoch) takes that shortcut away without inventing any label.
 */
import type { Tokenizer } from '../../core/tokenizer.js';
import type { Rng } from '../../core/rng.js';

/** Common service and language labels of popular sites (one or two labels). */
export const BENIGN_PREFIXES: readonly string[] = [
  'mail',
  'webmail',
  'smtp',
  'mx',
  'imap',
  'api',
  'api2',
  'cdn',
  'static',
  'assets',
  'img',
  'images',
  'media',
  'video',
  'files',
  'download',
  'shop',
  'store',
  'blog',
  'news',
  'm',
  'mobile',
  'app',
  'apps',
  'docs',
  'help',
  'support',
  'status',
  'portal',
  'my',
  'account',
  'accounts',
  'login',
  'auth',
  'id',
  'secure',
  'dev',
  'developer',
  'beta',
  'staging',
  'vpn',
  'remote',
  'owa',
  'autodiscover',
  'ftp',
  'forum',
  'community',
  'wiki',
  'careers',
  'jobs',
  'investor',
  'press',
  'events',
  'en',
  'de',
  'fr',
  'es',
  'it',
  'nl',
  'ru',
  'jp',
  'cn',
  'pt',
  'uk',
  'us',
  'eu',
  'fr-fr',
  'en-us',
  'go',
  'link',
  'click',
  'email',
  'info',
  'search',
  'maps',
  'play',
  'music',
  'tv',
  'live',
  'cloud',
  'drive',
  'data',
  'analytics',
  'ads',
  'metrics',
  'track',
  'edge',
  'origin',
  'a',
  'b',
  's',
  'ws',
  'www2',
  'web',
  'online',
  'pay',
  'checkout',
  'billing',
  'admin',
  'cms',
  'crm',
  'hr',
  'intranet',
  'partners',
  'learn',
  'academy',
  'education',
  'research',
  'developers',
  'api.v2',
  'cdn.static',
  'img.static',
  'mail.corp',
];

export interface AugmentationOptions {
  /** Share of benign training names that get a prefix in an epoch (default 0: off). */
  readonly benignPrefixRate?: number;
  readonly prefixes?: readonly string[];
  /**
   * Leave benign names alone when their registrable domain also has malicious or DGA names in
   * training (free hosting, dynamic DNS: ddns.net, 000webhostapp.com): "mail.ddns.net is benign"
   * would contradict thousands of real malicious ddns.net sub-domains. Default true.
   */
  readonly skipRiskyParents?: boolean;
}

/** Which examples may be augmented: benign, and (by default) not under a parent that hosts positives. */
export function augmentable(
  examples: readonly { label: string; group: string }[],
  options: AugmentationOptions,
): Uint8Array {
  const risky = new Set<string>();
  if (options.skipRiskyParents ?? true) for (const e of examples) if (e.label !== 'benign') risky.add(e.group);
  return Uint8Array.from(examples, (e) => (e.label === 'benign' && !risky.has(e.group) ? 1 : 0));
}

/** Prefixes as id arrays ("mail" → ids of "mail."), ready for fillRow. */
export function encodePrefixes(tokenizer: Tokenizer, prefixes: readonly string[]): Uint8Array[] {
  const row = new Int32Array(tokenizer.spec.maxLength);
  return prefixes.map((p) => {
    const used = tokenizer.encodeInto(`${p}.`, row, 0);
    return Uint8Array.from(row.subarray(0, used));
  });
}

/** The prefix for one benign draw, or null (no augmentation this time). */
export function drawPrefix(rng: Rng, rate: number, encoded: readonly Uint8Array[]): Uint8Array | null {
  if (rate <= 0 || encoded.length === 0 || rng.nextFloat() >= rate) return null;
  return encoded[rng.nextInt(encoded.length)]!;
}
