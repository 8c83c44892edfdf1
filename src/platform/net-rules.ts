/**
 * declarativeNetRequest (Chrome): dynamic rules persist across restarts and block a flagged host
 * before any request leaves; session rules hold this session's "Continue" exceptions.
 */
import type { Browser } from 'webextension-polyfill';
import type { NetRules } from './background-api.js';

/** The subset of a DNR rule this extension writes. */
export interface NetRule {
  readonly id: number;
  readonly priority: number;
  readonly action: {
    readonly type: 'redirect' | 'allow';
    readonly redirect?: { readonly regexSubstitution: string };
  };
  readonly condition: {
    readonly regexFilter?: string;
    /** DNR's own pattern syntax: `|` anchors at the start of the URL. */
    readonly urlFilter?: string;
    readonly requestDomains?: readonly string[];
    readonly excludedRequestDomains?: readonly string[];
    /** Lowercase HTTP methods (`get`); absent: any method. */
    readonly requestMethods?: readonly string[];
    readonly resourceTypes: readonly string[];
  };
}

interface DnrApi {
  getDynamicRules(): Promise<NetRule[]>;
  getSessionRules(): Promise<NetRule[]>;
  updateDynamicRules(options: { addRules?: NetRule[]; removeRuleIds?: number[] }): Promise<void>;
  updateSessionRules(options: { addRules?: NetRule[]; removeRuleIds?: number[] }): Promise<void>;
}

/** The dynamic and session rule sets of `browser` (Chrome's DNR returns promises natively). */
export function netRules(browser: Browser): NetRules {
  const dnr = (): DnrApi => browser.declarativeNetRequest as unknown as DnrApi;
  return {
    dynamic: {
      list: () => dnr().getDynamicRules(),
      update: (addRules, removeRuleIds) => dnr().updateDynamicRules({ addRules, removeRuleIds }),
    },
    session: {
      list: () => dnr().getSessionRules(),
      update: (addRules, removeRuleIds) => dnr().updateSessionRules({ addRules, removeRuleIds }),
    },
  };
}
