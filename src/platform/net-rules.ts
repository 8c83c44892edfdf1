/**
 * declarativeNetRequest (Chrome): dynamic rules persist across restarts and block a flagged host
 * before any request leaves; session rules hold this session's "Continue" exceptions.
 */
import { ext } from './browser.js';

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
    readonly requestDomains?: readonly string[];
    readonly resourceTypes: readonly string[];
  };
}

interface DnrApi {
  getDynamicRules(): Promise<NetRule[]>;
  getSessionRules(): Promise<NetRule[]>;
  updateDynamicRules(options: { addRules?: NetRule[]; removeRuleIds?: number[] }): Promise<void>;
  updateSessionRules(options: { addRules?: NetRule[]; removeRuleIds?: number[] }): Promise<void>;
}

function dnr(): DnrApi {
  return ext().declarativeNetRequest as unknown as DnrApi;
}

export const dynamicRules = {
  list: (): Promise<NetRule[]> => dnr().getDynamicRules(),
  update: (addRules: NetRule[], removeRuleIds: number[]): Promise<void> =>
    dnr().updateDynamicRules({ addRules, removeRuleIds }),
};

export const sessionRules = {
  list: (): Promise<NetRule[]> => dnr().getSessionRules(),
  update: (addRules: NetRule[], removeRuleIds: number[]): Promise<void> =>
    dnr().updateSessionRules({ addRules, removeRuleIds }),
};
