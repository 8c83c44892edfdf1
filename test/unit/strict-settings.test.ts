import { describe, expect, it } from 'vitest';
import { parseManagedPolicy, strictFirstVisitOn } from '../../src/core/managed-policy.js';
import { MESSAGES } from '../../src/core/messages.js';
import { DEFAULT_SETTINGS, validateSettings, withStrictFirstVisit } from '../../src/core/settings.js';

describe('strict first-visit setting', () => {
  it('is off by default and after migrating schema 3; kept when valid, off with a reason when not', () => {
    expect(DEFAULT_SETTINGS.strictFirstVisit).toBe(false);
    expect(validateSettings({ schemaVersion: 3, trustedSites: ['a.com'], linkBadges: false })).toEqual({
      settings: { ...DEFAULT_SETTINGS, trustedSites: ['a.com'], linkBadges: false },
      problems: [],
      issues: [],
    });
    expect(validateSettings({ schemaVersion: 4, strictFirstVisit: true }).settings.strictFirstVisit).toBe(true);
    expect(validateSettings({ schemaVersion: 4, strictFirstVisit: 'yes' })).toEqual({
      settings: DEFAULT_SETTINGS,
      problems: ['strictFirstVisit "yes" is not true or false; strict mode stays off'],
      issues: [{ field: 'strictFirstVisit' }],
    });
    expect(withStrictFirstVisit(DEFAULT_SETTINGS, true).strictFirstVisit).toBe(true);
  });

  it('the policy can force it on or off; junk there is ignored with a reason', () => {
    const key = (s: string) => s;
    expect(strictFirstVisitOn({ strictFirstVisit: false }, parseManagedPolicy({ strictFirstVisit: true }, key))).toBe(
      true,
    );
    expect(strictFirstVisitOn({ strictFirstVisit: true }, parseManagedPolicy({ strictFirstVisit: false }, key))).toBe(
      false,
    );
    const problems: string[] = [];
    expect(
      strictFirstVisitOn({ strictFirstVisit: true }, parseManagedPolicy({ strictFirstVisit: 1 }, key, problems)),
    ).toBe(true);
    expect(problems).toEqual(['strictFirstVisit is not true or false; ignored']);
  });

  it('set-preferences accepts only a boolean, and check-navigation only a bounded string', () => {
    expect(MESSAGES['set-preferences'].validate({ strictFirstVisit: true })).toEqual({ strictFirstVisit: true });
    expect(() => MESSAGES['set-preferences'].validate({ strictFirstVisit: 'on' })).toThrow('must be a boolean');
    expect(() => MESSAGES['check-navigation'].validate({ url: 5 })).toThrow('url must be a string');
    // Nothing the page says besides the address counts: whatever else it sends is dropped.
    expect(MESSAGES['check-navigation'].validate({ url: 'http://a.com/', startedAt: 12.5 })).toEqual({
      url: 'http://a.com/',
    });
    expect(MESSAGES['check-navigation'].access).toBe('extension-page');
  });
});
