/**
 * Input → normalised host name. Training and scoring go through the same function, so the
 * model sees the same strings in both (see ../shared/data/SOURCES.md, "Normalisation").
 */
import { parse } from 'tldts';
import { toDisplayHost } from './display-host.js';
import { LABEL, MAX_HOST_LENGTH, TOP_LABEL } from './host-syntax.js';

/** Why an input cannot be scored. */
export type UnscorableReason = 'empty' | 'invalid' | 'scheme' | 'ip' | 'local' | 'too-long';

export interface ScorableHost {
  readonly ok: true;
  /** ASCII (punycode), lowercase, no trailing dot, leading `www.` removed: what the model scores. */
  readonly host: string;
  /** The host as the browser saw it (ASCII, lowercase, `www.` kept): for display and rule matching. */
  readonly fullHost: string;
  /** `fullHost` with IDN labels decoded to Unicode, for display. */
  readonly displayHost: string;
  /** eTLD+1 with the PSL private section on (user.github.io), or null when the host is a public suffix. */
  readonly registrableDomain: string | null;
  readonly publicSuffix: string | null;
}

export interface UnscorableHost {
  readonly ok: false;
  readonly reason: UnscorableReason;
  /** A sentence for people: what was wrong with the input. */
  readonly message: string;
  /** The host when one could be extracted (e.g. an IP literal or `localhost`). */
  readonly host?: string;
}

export type ParsedHost = ScorableHost | UnscorableHost;

/** Inputs beyond this are parsed from their authority alone (scheme, userinfo, host, port). */
export const MAX_INPUT_LENGTH = 8192;
export { MAX_HOST_LENGTH } from './host-syntax.js';
/** The longest authority (userinfo, host and port) looked for at the start of an over-long input. */
export const MAX_AUTHORITY_LENGTH = 2048;

// Hoisted once: tldts re-reads its options object on every call.
const TLDTS_OPTIONS = {
  allowPrivateDomains: true,
  detectIp: true,
  extractHostname: false,
  validateHosts: false,
} as const;
const SCHEME = /^([a-z][a-z0-9+.-]*):/i;
const PORT_ONLY = /^\d+(?:[/?#]|$)/;
const IPV6_BARE = /^[0-9a-f:.]+$/i;
// An IPv6 literal as authority, zone id included (`[fe80::1%25eth0]`), which the URL parser refuses.
const IPV6_AUTHORITY = /^(?:[a-z][a-z0-9+.-]*:)?[/\\]*(?:[^@/?#\\[]*@)?(\[[0-9a-f:.]+(?:%[^\]/?#\\]*)?\])/i;
// What ends an authority (WHATWG URL, special schemes: / ? # and \\).
const AUTHORITY_END = /[/?#\\]/;
const LEADING_SLASHES = /^[/\\]*/;
const URL_WHITESPACE = /[\t\n\r]/g;
const LOCAL_SUFFIXES = [
  'localhost',
  'local',
  'test',
  'invalid',
  'example',
  'lan',
  'internal',
  'home',
  'corp',
  'intranet',
  'private',
  'localdomain',
  'home.arpa',
  'in-addr.arpa',
  'ip6.arpa',
];

function rejected(reason: UnscorableReason, message: string, host?: string): UnscorableHost {
  return host === undefined ? { ok: false, reason, message } : { ok: false, reason, message, host };
}

/** Extracts the raw host of a URL-ish input, or explains why there is none. */
function extractHost(input: string): string | UnscorableHost {
  const scheme = SCHEME.exec(input);
  // `example.com:8080` also matches the scheme pattern; a scheme is followed by something other than a port.
  const hasScheme = scheme !== null && !PORT_ONLY.test(input.slice(scheme[0].length));
  if (hasScheme) {
    const name = scheme[1]!.toLowerCase();
    if (name !== 'http' && name !== 'https')
      return rejected('scheme', `only http and https addresses are scored, not ${name}:`);
  }
  if (
    !hasScheme &&
    input.includes(':') &&
    !input.includes('[') &&
    IPV6_BARE.test(input) &&
    input.split(':').length > 2
  ) {
    return rejected('ip', 'IP addresses are not scored', input.toLowerCase());
  }
  const literal = IPV6_AUTHORITY.exec(input);
  if (literal !== null) return rejected('ip', 'IP addresses are not scored', literal[1]!.toLowerCase());
  let url: URL;
  try {
    url = new URL(hasScheme ? input : `http://${input}`);
  } catch {
    return rejected('invalid', 'not a valid host name or URL');
  }
  return url.hostname;
}

/** Removes leading `www.` labels while at least two labels remain (`www.tv` stays). */
export function stripWww(host: string): string {
  let out = host;
  while (out.startsWith('www.') && out.indexOf('.', 4) !== -1) out = out.slice(4);
  return out;
}

function isLocalName(host: string): boolean {
  for (const suffix of LOCAL_SUFFIXES) {
    if (host === suffix || host.endsWith(`.${suffix}`)) return true;
  }
  return false;
}

/**
 * The scheme and authority of an input too long to parse whole: a URL's host decides its
 * verdict, whatever the length of its path, query or fragment. Only the first
 * MAX_AUTHORITY_LENGTH characters are looked at, so a huge input costs no more than a short one.
 */
function authorityOf(input: string): string | null {
  const head = input.slice(0, MAX_AUTHORITY_LENGTH + 64).replace(URL_WHITESPACE, '');
  const scheme = SCHEME.exec(head);
  const afterScheme = scheme !== null && !PORT_ONLY.test(head.slice(scheme[0].length)) ? scheme[0].length : 0;
  // Other schemes are refused by name, whatever follows.
  if (afterScheme > 0 && !/^https?:$/i.test(scheme![0])) return scheme![0];
  const start = afterScheme + LEADING_SLASHES.exec(head.slice(afterScheme))![0].length;
  const end = head.slice(start).search(AUTHORITY_END);
  if (end === -1 || end > MAX_AUTHORITY_LENGTH) return null;
  return `${head.slice(0, start + end)}/`;
}

/**
 * Turns a URL, host, `host:port`, IDN or garbage into a scorable host or a reason why not.
 * Never throws; idempotent on its own `host` output.
 */
export function parseDomain(input: string): ParsedHost {
  if (typeof input !== 'string') return rejected('invalid', 'input is not a string');
  // A huge input is only read from its start (authorityOf): trimming it whole would copy it.
  const huge = input.length > 2 * MAX_INPUT_LENGTH;
  const trimmed = huge ? input.slice(0, 2 * MAX_INPUT_LENGTH).trimStart() : input.trim();
  if (trimmed === '' && !huge) return rejected('empty', 'empty input');
  const short = huge || trimmed.length > MAX_INPUT_LENGTH ? authorityOf(trimmed) : trimmed;
  if (short === null)
    return rejected(
      'too-long',
      `input longer than ${MAX_INPUT_LENGTH} characters with no host name in its first ${MAX_AUTHORITY_LENGTH}`,
    );

  const extracted = extractHost(short);
  if (typeof extracted !== 'string') return extracted;
  let host = extracted.toLowerCase();
  while (host.endsWith('.')) host = host.slice(0, -1);
  if (host === '') return rejected('invalid', 'no host name in the input');
  if (host.startsWith('[')) return rejected('ip', 'IP addresses are not scored', host);

  const info = parse(host, TLDTS_OPTIONS);
  if (info.isIp === true) return rejected('ip', 'IP addresses are not scored', host);
  if (host.length > MAX_HOST_LENGTH) return rejected('too-long', `host name longer than ${MAX_HOST_LENGTH} characters`);

  const labels = host.split('.');
  for (const label of labels) {
    if (!LABEL.test(label)) return rejected('invalid', `"${label.slice(0, 64)}" is not a valid host name label`);
  }
  if (labels.length < 2) return rejected('local', 'single-label (intranet) names are not scored', host);
  if (isLocalName(host)) return rejected('local', 'local and special-use names are not scored', host);
  if (!TOP_LABEL.test(labels[labels.length - 1]!)) return rejected('invalid', 'the top-level label is not a valid TLD');

  return {
    ok: true,
    host: stripWww(host),
    fullHost: host,
    displayHost: toDisplayHost(host),
    registrableDomain: info.domain,
    publicSuffix: info.publicSuffix,
  };
}
