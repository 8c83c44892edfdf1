/**
 * Strict first-visit mode's declarativeNetRequest rules (Chrome). The hold: one dynamic rule
 * sending every top-level GET to a web name to the checking page, the original URL after its `#`;
 * dynamic, so it holds from the moment the browser starts. The way through: one session `allow`
 * rule per address prefix (`scheme://authority/`) judged safe this session, above the hold. Session
 * rules live in memory, so adding one takes about a millisecond (a dynamic rule update is written to
 * disk: ~10 ms, spikes of hundreds), often soon enough to let the navigation being judged through
 * before its request starts; and they are gone when the browser closes, which is exactly "this
 * session". A prefix, not a domain: an allow rule outranks the block rules and the packaged threat
 * list (all at BLOCK_PRIORITY), so it must cover no host but the one judged. Pure, so unit-tested.
 */
import type { NetRule } from '../platform/net-rules.js';
import { ALLOW_PRIORITY, BLOCK_PRIORITY } from './block-rules.js';
import { IMPORTED_BLOCK_FIRST_ID } from './imported-rules.js';

export const CHECKING_PAGE_PATH = 'checking/index.html';
/** The hold's id, below the imported lists' range, never handed out by the block list. */
export const STRICT_RULE_ID = IMPORTED_BLOCK_FIRST_ID - 1;
/**
 * Address prefixes let through without a check, this session: past it the oldest are checked again
 * (a fraction of a millisecond each, warm), which keeps the rule count bounded however long the
 * session runs.
 */
export const MAX_STRICT_PASSED = 1_000;
/** The session allow rules' ids: the MAX_STRICT_PASSED ids just below the hold's. */
export const STRICT_PASS_FIRST_ID = STRICT_RULE_ID - MAX_STRICT_PASSED;

/**
 * Web names whose last label starts with a letter (`xn--` included): IP addresses, `localhost` and
 * single-label intranet names are never held. Kept simple: Chrome refuses a regex that compiles
 * past 2 KB (counted repetitions such as `{2,63}` do).
 */
export const STRICT_PATTERN = '^https?://[^/?#]*\\.[a-zA-Z][a-zA-Z0-9-]*\\.?(?::[0-9]*)?(?:[/?#].*)?$';

/** The hold: top-level GETs go to `checkingPage`. */
export function strictRule(checkingPage: string): NetRule {
  return {
    id: STRICT_RULE_ID,
    // Same as the per-host block rules: a host already ruled dangerous reaches a warning either way.
    priority: BLOCK_PRIORITY,
    action: { type: 'redirect', redirect: { regexSubstitution: `${checkingPage}#\\0` } },
    condition: {
      regexFilter: STRICT_PATTERN,
      resourceTypes: ['main_frame'],
      // A form's POST cannot be replayed from the checking page: it is judged as before, once sent.
      requestMethods: ['get'],
    },
  };
}

/**
 * `scheme://authority/` of `url` exactly as written (the browser's URLs are canonical: the path
 * always starts with `/`), so a rule anchored on it matches that host and port only: not a
 * sub-domain, and not `http://safe.example@other.example/`, whose authority differs. Null when the
 * authority holds a character DNR's pattern syntax reserves.
 */
export function passPrefix(url: string): string | null {
  const start = url.indexOf('//');
  if (start === -1) return null;
  const end = url.indexOf('/', start + 2);
  const prefix = end === -1 ? `${url}/` : url.slice(0, end + 1);
  return /^https?:\/\/[^*^|]+\/$/i.test(prefix) ? prefix : null;
}

/** The prefixes a host reached by a link is let through under (default ports, either scheme). */
export function hostPrefixes(host: string): string[] {
  return [`http://${host}/`, `https://${host}/`];
}

/** Lets top-level navigations starting with `prefix` through the hold (and nothing else). */
export function passRule(id: number, prefix: string): NetRule {
  return {
    id,
    priority: ALLOW_PRIORITY,
    action: { type: 'allow' },
    condition: { urlFilter: `|${prefix}`, resourceTypes: ['main_frame'] },
  };
}

/** The prefix a rule written by `passRule` lets through, or null for any other rule. */
export function prefixOfPassRule(rule: NetRule): string | null {
  const filter = rule.condition.urlFilter;
  return isStrictPassRule(rule) && rule.action.type === 'allow' && filter?.startsWith('|') ? filter.slice(1) : null;
}

/** True for an id in the session allow rules' range. */
export function isStrictPassRule(rule: Pick<NetRule, 'id'>): boolean {
  return rule.id >= STRICT_PASS_FIRST_ID && rule.id < STRICT_RULE_ID;
}

/** True for any rule of strict mode's (the hold or a way through). */
export function isStrictRule(rule: Pick<NetRule, 'id'>): boolean {
  return rule.id === STRICT_RULE_ID || isStrictPassRule(rule);
}

/** The hold's pattern as this worker tests it, compiled once: every held navigation is tested. */
const STRICT_REGEX = new RegExp(STRICT_PATTERN);

/** True when the hold would catch `url`. */
export function strictCatches(url: string): boolean {
  return STRICT_REGEX.test(url);
}

/**
 * The web address a tab showing or loading `address` is held for: the target of the checking page
 * at `checkingPage` (which the hold writes after its first `#`), or `address` itself when the hold
 * catches it; null otherwise.
 */
export function heldAddress(address: string, checkingPage: string): string | null {
  const target = address.startsWith(`${checkingPage}#`) ? address.slice(checkingPage.length + 1) : address;
  return /^https?:\/\//i.test(target) && strictCatches(target) ? target : null;
}
