// Types for threat-rules.mjs (plain JS so build.mjs can run it under node without tsx).
import type { NetRule } from '../src/platform/net-rules.js';

export declare const DNR_LIMITS: {
  readonly GUARANTEED_MINIMUM_STATIC_RULES: number;
  readonly MAX_NUMBER_OF_STATIC_RULESETS: number;
  readonly MAX_NUMBER_OF_ENABLED_STATIC_RULESETS: number;
  readonly MAX_NUMBER_OF_REGEX_RULES: number;
};
export declare const NAMES_PER_RULE: number;
export declare const THREAT_RULE_PRIORITY: number;
export declare const THREAT_RULESET_ID: string;
export declare const THREAT_RULESET_PATH: string;
/** The extension id Chrome derives from a manifest `key`. */
export declare function extensionIdOfKey(key: string): string;
/** The static rules redirecting `names` (and their sub-domains) to `warningPage#<url>`. */
export declare function threatRules(names: readonly string[], warningPage: string): NetRule[];
/** Parses threats/names.txt. */
export declare function parseNames(text: string): string[];
