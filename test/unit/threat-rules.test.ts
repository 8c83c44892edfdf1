/** Chrome's static threat ruleset as build.mjs writes it: within Chrome's limits, every listed name once, under the user's allow rules. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ALLOW_PRIORITY, allowRule, siteOfTrustRule, trustRule } from '../../src/background/block-rules.js';
import { alwaysAllowedSites } from '../../src/background/block-list.js';
import {
  DNR_LIMITS,
  extensionIdOfKey,
  parseNames,
  threatRules,
  THREAT_RULE_PRIORITY,
  THREAT_RULESET_ID,
  THREAT_RULESET_PATH,
} from '../../scripts/threat-rules.mjs';

const read = (relative: string) => readFileSync(fileURLToPath(new URL(`../../${relative}`, import.meta.url)), 'utf8');
const manifest = JSON.parse(read('manifest.json')) as {
  key: string;
  declarative_net_request: { rule_resources: { id: string; enabled: boolean; path: string }[] };
};
const names = parseNames(read('threats/names.txt'));
const warningPage = `chrome-extension://${extensionIdOfKey(manifest.key)}/warning/index.html`;
const rules = threatRules(names, warningPage);

describe('the static threat ruleset', () => {
  it("fits Chrome's limits: rules, rulesets, regex rules", () => {
    const rulesets = manifest.declarative_net_request.rule_resources;
    expect(rulesets).toEqual([{ id: THREAT_RULESET_ID, enabled: true, path: THREAT_RULESET_PATH }]);
    expect(rulesets.length).toBeLessThanOrEqual(DNR_LIMITS.MAX_NUMBER_OF_ENABLED_STATIC_RULESETS);
    expect(rulesets.length).toBeLessThanOrEqual(DNR_LIMITS.MAX_NUMBER_OF_STATIC_RULESETS);
    expect(rules.length).toBeLessThanOrEqual(DNR_LIMITS.GUARANTEED_MINIMUM_STATIC_RULES);
    expect(rules.filter((r) => r.condition.regexFilter !== undefined).length).toBeLessThanOrEqual(
      DNR_LIMITS.MAX_NUMBER_OF_REGEX_RULES,
    );
    // As few rules as the per-rule size allows: 321,880 names take 2.
    expect(rules.length).toBe(Math.ceil(names.length / 200_000));
  });

  it('lists every name exactly once, for top-level pages and frames, redirected to the warning page with the URL', () => {
    const all = rules.flatMap((r) => r.condition.requestDomains ?? []);
    expect(all.length).toBe(names.length);
    expect(new Set(all).size).toBe(names.length);
    for (const rule of rules) {
      expect(rule.condition.resourceTypes).toEqual(['main_frame', 'sub_frame']);
      expect(rule.action).toEqual({ type: 'redirect', redirect: { regexSubstitution: `${warningPage}#\\0` } });
      expect(new RegExp(rule.condition.regexFilter!).exec('http://x.example/a?b#c')?.[0]).toBe(
        'http://x.example/a?b#c',
      );
    }
    expect(new Set(rules.map((r) => r.id)).size).toBe(rules.length);
  });

  it("sits under Continue's and Always trust's allow rules", () => {
    expect(THREAT_RULE_PRIORITY).toBeLessThan(ALLOW_PRIORITY);
    expect(allowRule(1, 'x.com').priority).toBe(ALLOW_PRIORITY);
    expect(trustRule(2, 'x.com')).toEqual({
      id: 2,
      priority: ALLOW_PRIORITY,
      action: { type: 'allow' },
      condition: { requestDomains: ['x.com'], resourceTypes: ['main_frame', 'sub_frame'] },
    });
    expect(siteOfTrustRule(trustRule(2, 'x.com'))).toBe('x.com');
    expect(siteOfTrustRule(allowRule(1, 'x.com'))).toBeNull();
    expect(alwaysAllowedSites({ trustedSites: ['a.com', 'b.com'], pausedSites: ['b.com', 'c.com'] })).toEqual([
      'a.com',
      'b.com',
      'c.com',
    ]);
  });

  it('derives the id Chrome gives the pinned key (the e2e suite sees Chromium load it under that id)', () => {
    // The first 128 bits of the key's SHA-256, hex digits written a–p.
    expect(extensionIdOfKey(manifest.key)).toBe('fcmckijbddhdocnheeoiofemmcaloofp');
  });
});
