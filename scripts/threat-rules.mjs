// Chrome's declarativeNetRequest static ruleset for the packaged threat list (threats/names.txt),
// written by build.mjs into dist/chrome/rules/. Plain JS: build.mjs runs under node without tsx.
//
// Every listed name goes into a `requestDomains` condition (which also matches its sub-domains,
// like the list's lookup), packed into as few rules as the limits allow: Chrome sets no cap on a
// rule's domain list, and rules of ~217k names each were measured to load and block with the
// worker stopped (../shared/PLATFORM.md), so a rule takes at most NAMES_PER_RULE names.
//
// The redirect needs the original URL on the warning page, so it is a `regexSubstitution` onto
// the page's full address, which the build knows because the manifest pins the extension id with
// its `key` (extensionIdOfKey). `^.+$` captures the whole URL as \0, as the dynamic rules do.
import { createHash } from 'node:crypto';

/** Chrome's limits (chrome.declarativeNetRequest constants, Chrome 121+). */
export const DNR_LIMITS = {
  GUARANTEED_MINIMUM_STATIC_RULES: 30_000,
  MAX_NUMBER_OF_STATIC_RULESETS: 100,
  MAX_NUMBER_OF_ENABLED_STATIC_RULESETS: 50,
  MAX_NUMBER_OF_REGEX_RULES: 1_000,
};

/** Names per rule: below the 217k per rule measured to work in Chromium. */
export const NAMES_PER_RULE = 200_000;

/** Priority of the list's redirects: the user's allow rules (Continue, Always trust) sit above. */
export const THREAT_RULE_PRIORITY = 1;

export const THREAT_RULESET_ID = 'threats';
export const THREAT_RULESET_PATH = 'rules/threats.json';

/** The extension id Chrome derives from a manifest `key` (base64 SubjectPublicKeyInfo). */
export function extensionIdOfKey(key) {
  const hex = createHash('sha256').update(Buffer.from(key, 'base64')).digest('hex').slice(0, 32);
  return [...hex].map((c) => String.fromCharCode(97 + parseInt(c, 16))).join('');
}

/** The static rules redirecting `names` (and their sub-domains) to `warningPage#<url>`. */
export function threatRules(names, warningPage) {
  const rules = [];
  for (let at = 0; at < names.length; at += NAMES_PER_RULE) {
    rules.push({
      id: rules.length + 1,
      priority: THREAT_RULE_PRIORITY,
      action: { type: 'redirect', redirect: { regexSubstitution: `${warningPage}#\\0` } },
      condition: {
        regexFilter: '^.+$',
        requestDomains: names.slice(at, at + NAMES_PER_RULE),
        resourceTypes: ['main_frame', 'sub_frame'],
      },
    });
  }
  return rules;
}

/** Parses threats/names.txt: one name per line. */
export function parseNames(text) {
  return text.split('\n').filter((line) => line !== '');
}
