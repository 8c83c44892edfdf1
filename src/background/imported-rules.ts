/**
 * Chrome's dynamic rules for the lists the user imported, within the extension's rule budget:
 * the block list as redirects to the warning page (each a regex rule, for the URL it carries),
 * `requestDomains` packed HOSTS_PER_RULE to a rule; the trust list as allow rules over the
 * packaged threat list and the guard's per-host redirects. What does not fit is checked by the
 * worker's guard (and gets its own per-host rule once stopped there).
 */
import type { NetRule } from '../platform/net-rules.js';
import { ALLOW_PRIORITY, BLOCK_PRIORITY, MAX_BLOCK_RULES } from './block-rules.js';

/** chrome.declarativeNetRequest limits (Chromium 156, read from the API's constants). */
export const DNR_DYNAMIC_LIMITS = {
  /** Regex rules, dynamic and session together. */
  MAX_NUMBER_OF_REGEX_RULES: 1_000,
  /** Redirects are "unsafe" rules. */
  MAX_NUMBER_OF_UNSAFE_DYNAMIC_RULES: 5_000,
  MAX_NUMBER_OF_DYNAMIC_RULES: 30_000,
};

/**
 * Hosts in one rule: a rule of 10,000 domains was added in ~230 ms in Chromium, one of 100,000
 * in ~2.4 s; 2,000 keeps each rule small and an import of the whole budget near one second.
 */
export const HOSTS_PER_RULE = 2_000;
/** The guard's per-host redirects (MAX_BLOCK_RULES) and the policy's one rule come first. */
const REGEX_RULES_RESERVED = MAX_BLOCK_RULES + 1;
/** Regex rules left spare for whatever else needs one; the imported block list gets the rest up to this cap. */
export const MAX_IMPORTED_BLOCK_RULES = 25;
/** Rule ids of the imported lists: a range of their own, so the guard's ids never collide with them. */
export const IMPORTED_BLOCK_FIRST_ID = 1_000_000;
export const IMPORTED_TRUST_FIRST_ID = 2_000_000;

export interface ImportedRulePlan {
  /** The block list's hosts the browser's own rules stop (the first ones in file order). */
  readonly browserBlocked: number;
  /** The rest, stopped by the worker's check when a page opens them. */
  readonly workerBlocked: number;
  readonly rules: readonly NetRule[];
}

function chunks(hosts: readonly string[], size: number): string[][] {
  const out: string[][] = [];
  for (let at = 0; at < hosts.length; at += size) out.push(hosts.slice(at, at + size));
  return out;
}

/** How many imported block rules fit next to `regexRulesInUse` (reserved ones included) and `unsafeRulesInUse`. */
export function importedBlockRuleBudget(
  regexRulesInUse = REGEX_RULES_RESERVED,
  unsafeRulesInUse = REGEX_RULES_RESERVED,
): number {
  const { MAX_NUMBER_OF_REGEX_RULES, MAX_NUMBER_OF_UNSAFE_DYNAMIC_RULES } = DNR_DYNAMIC_LIMITS;
  return Math.max(
    0,
    Math.min(
      MAX_IMPORTED_BLOCK_RULES,
      MAX_NUMBER_OF_REGEX_RULES - regexRulesInUse,
      MAX_NUMBER_OF_UNSAFE_DYNAMIC_RULES - unsafeRulesInUse,
    ),
  );
}

/** The rules for the imported lists: blocked hosts up to the budget, every trusted host. */
export function planImportedRules(
  blocked: readonly string[],
  trusted: readonly string[],
  warningPage: string,
  blockRuleBudget = importedBlockRuleBudget(),
): ImportedRulePlan {
  const blockChunks = chunks(blocked, HOSTS_PER_RULE).slice(0, blockRuleBudget);
  const browserBlocked = blockChunks.reduce((sum, chunk) => sum + chunk.length, 0);
  const rules: NetRule[] = blockChunks.map((requestDomains, i) => ({
    id: IMPORTED_BLOCK_FIRST_ID + i,
    priority: BLOCK_PRIORITY,
    action: { type: 'redirect', redirect: { regexSubstitution: `${warningPage}#\\0` } },
    condition: { regexFilter: '^.+$', requestDomains, resourceTypes: ['main_frame', 'sub_frame'] },
  }));
  for (const [i, requestDomains] of chunks(trusted, HOSTS_PER_RULE).entries())
    rules.push({
      id: IMPORTED_TRUST_FIRST_ID + i,
      priority: ALLOW_PRIORITY,
      action: { type: 'allow' },
      condition: { requestDomains, resourceTypes: ['main_frame', 'sub_frame'] },
    });
  return { browserBlocked, workerBlocked: blocked.length - browserBlocked, rules };
}

/** True for a rule `planImportedRules` wrote (by its id range). */
export function isImportedRule(rule: Pick<NetRule, 'id'>): boolean {
  return rule.id >= IMPORTED_BLOCK_FIRST_ID;
}
