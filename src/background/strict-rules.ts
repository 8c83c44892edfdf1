/**
 * Strict first-visit mode's one declarativeNetRequest rule (Chrome): every top-level GET to a web
 * name goes to the checking page, the original URL after its `#`, except the sites already judged
 * this session (`excludedRequestDomains`). Allow rules (Continue, Always trust, paused sites) sit
 * above it, so those sites are never held. Pure, so the rule is unit-tested.
 */
import type { NetRule } from '../platform/net-rules.js';
import { BLOCK_PRIORITY } from './block-rules.js';
import { IMPORTED_BLOCK_FIRST_ID } from './imported-rules.js';

export const CHECKING_PAGE_PATH = 'checking/index.html';
/** A session rule id of its own, below the imported lists' range, never handed out by the block list. */
export const STRICT_RULE_ID = IMPORTED_BLOCK_FIRST_ID - 1;
/**
 * Sites let through without a check, this session: past it the oldest are checked again (a few
 * milliseconds each), which keeps the rule small however long the session runs.
 */
export const MAX_STRICT_PASSED = 1_000;

/**
 * Web names whose last label starts with a letter (`xn--` included): IP addresses, `localhost` and
 * single-label intranet names cannot be excluded by site, so they are never held. Kept simple:
 * Chrome refuses a regex that compiles past 2 KB (counted repetitions such as `{2,63}` do).
 */
export const STRICT_PATTERN = '^https?://[^/?#]*\\.[a-zA-Z][a-zA-Z0-9-]*\\.?(?::[0-9]*)?(?:[/?#].*)?$';

/** The rule sending top-level GETs to `checkingPage`, except to the `passed` sites and their sub-domains. */
export function strictRule(checkingPage: string, passed: readonly string[]): NetRule {
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
      ...(passed.length > 0 ? { excludedRequestDomains: [...passed] } : {}),
    },
  };
}

/** True for the rule written by `strictRule`. */
export function isStrictRule(rule: Pick<NetRule, 'id'>): boolean {
  return rule.id === STRICT_RULE_ID;
}

/** True when the strict rule (with no exclusions) would hold `url`. */
export function strictCatches(url: string): boolean {
  return new RegExp(STRICT_PATTERN).test(url);
}
