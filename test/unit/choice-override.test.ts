/** Whose choice decides a name: the organisation, then the user, then the imported lists. */
import { describe, expect, it } from 'vitest';
import { choiceOverride, type ChoiceState } from '../../src/background/choice-override.js';
import { createHostSet } from '../../src/core/host-set.js';

const state: ChoiceState = {
  settings: { trustedSites: ['mine.com', 'org-bad.com'], blockedSites: ['nope.com', 'listed-ok.com'] },
  policy: { blockedDomains: ['org-bad.com'], trustedDomains: ['corp.com'] },
  hostLists: {
    block: createHostSet(['evil.net', 'corp.com', 'both.org']),
    trust: createHostSet(['listed-ok.com', 'both.org']),
  },
};

describe('choiceOverride', () => {
  it("lets the organisation's block win over everything, and its trust over the user's and the lists", () => {
    expect(choiceOverride(state, 'org-bad.com', 'www.org-bad.com')).toBe('org-blocked');
    expect(choiceOverride(state, 'corp.com', 'a.corp.com')).toBe('org-trusted');
  });

  it("puts the user's own choice above the imported lists, and an imported trust above an imported block", () => {
    expect(choiceOverride(state, 'mine.com', 'mine.com')).toBe('trusted');
    expect(choiceOverride(state, 'listed-ok.com', 'listed-ok.com')).toBe('blocked');
    expect(choiceOverride(state, 'both.org', 'x.both.org')).toBe('imported-trusted');
    expect(choiceOverride(state, 'evil.net', 'login.evil.net')).toBe('imported-blocked');
    expect(choiceOverride(state, 'fine.com', 'fine.com')).toBeUndefined();
  });
});
