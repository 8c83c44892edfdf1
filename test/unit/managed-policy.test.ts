/** The organisation's policy: validated like settings, and turned into Chrome rules above the user's. */
import { describe, expect, it } from 'vitest';
import { alwaysAllowedSites } from '../../src/background/block-list.js';
import { ALLOW_PRIORITY, isPolicyBlockRule, policyBlockRule, trustRule } from '../../src/background/block-rules.js';
import { effectivePreferences, parseManagedPolicy } from '../../src/core/managed-policy.js';
import { policySiteKey } from '../../src/core/policy-site-key.js';

describe('parseManagedPolicy', () => {
  it('keeps valid sites as site keys, reports the rest, and lets blocked win over trusted', () => {
    const problems: string[] = [];
    const policy = parseManagedPolicy(
      {
        blockedDomains: ['https://Login.Evil.com/x', 'evil.com', 42, 'bad..name'],
        trustedDomains: ['intranet-tools.com', 'www.evil.com', 'user.github.io'],
      },
      policySiteKey,
      problems,
    );
    expect(policy).toEqual({ blockedDomains: ['evil.com'], trustedDomains: ['intranet-tools.com', 'user.github.io'] });
    expect(problems).toEqual(['blockedDomains: dropped 42', 'blockedDomains: dropped "bad..name"']);
  });

  it('treats anything but an object, and a key that is not a list, as no policy', () => {
    expect(parseManagedPolicy(undefined, policySiteKey)).toEqual({ blockedDomains: [], trustedDomains: [] });
    const problems: string[] = [];
    expect(parseManagedPolicy({ blockedDomains: 'evil.com' }, policySiteKey, problems).blockedDomains).toEqual([]);
    expect(problems).toEqual(['blockedDomains is not a list; ignored']);
  });
});

describe('policy preferences', () => {
  it('keeps a boolean disableLinkBadges and a known sensitivity, reports other values', () => {
    const problems: string[] = [];
    expect(parseManagedPolicy({ disableLinkBadges: true, sensitivity: 'strict' }, policySiteKey, problems)).toEqual({
      blockedDomains: [],
      trustedDomains: [],
      disableLinkBadges: true,
      sensitivity: 'strict',
    });
    const bad = parseManagedPolicy({ disableLinkBadges: 'yes', sensitivity: 'paranoid' }, policySiteKey, problems);
    expect(bad).toEqual({ blockedDomains: [], trustedDomains: [] });
    expect(problems).toEqual([
      'disableLinkBadges is not true or false; ignored',
      'sensitivity "paranoid" is not relaxed, balanced or strict; ignored',
    ]);
  });

  it("replaces the user's preferences with what the policy sets, and only that", () => {
    const user = { sensitivity: 'relaxed', linkBadges: true } as const;
    expect(effectivePreferences(user, { blockedDomains: [], trustedDomains: [] })).toEqual(user);
    expect(effectivePreferences(user, { blockedDomains: [], trustedDomains: [], disableLinkBadges: true })).toEqual({
      sensitivity: 'relaxed',
      linkBadges: false,
    });
    expect(
      effectivePreferences(
        { sensitivity: 'strict', linkBadges: false },
        { blockedDomains: [], trustedDomains: [], sensitivity: 'balanced', disableLinkBadges: false },
      ),
    ).toEqual({ sensitivity: 'balanced', linkBadges: true });
  });
});

describe('policy rules', () => {
  it('blocks the policy sites above every allow rule, and never allows a site it blocks', () => {
    const rule = policyBlockRule(5, ['evil.com'], 'chrome-extension://id/warning/index.html');
    expect(rule.priority).toBeGreaterThan(ALLOW_PRIORITY);
    expect(rule.condition).toEqual({
      regexFilter: '^.+$',
      requestDomains: ['evil.com'],
      resourceTypes: ['main_frame', 'sub_frame'],
    });
    expect(rule.action.redirect?.regexSubstitution).toBe('chrome-extension://id/warning/index.html#\\0');
    expect(isPolicyBlockRule(rule)).toBe(true);
    expect(isPolicyBlockRule(trustRule(6, 'evil.com'))).toBe(false);
    const allowed = alwaysAllowedSites(
      { trustedSites: ['evil.com', 'mine.com'], pausedSites: [] },
      { blockedDomains: ['evil.com'], trustedDomains: ['corp.com'] },
    );
    expect(allowed).toEqual(['mine.com', 'corp.com']);
  });
});
