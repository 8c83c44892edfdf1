/** Sensitivity: one decision for every surface, the setting's migration and validation, and the guard's use of it. */
import { describe, expect, it } from 'vitest';
import { shouldInterrupt, type Judgement } from '../../src/background/judge.js';
import { parseDomain } from '../../src/core/domain.js';
import { alertingFor, SENSITIVITIES } from '../../src/core/sensitivity.js';
import { DEFAULT_SETTINGS, validateSettings, withLinkBadges, withSensitivity } from '../../src/core/settings.js';
import type { Sensitivity } from '../../src/core/sensitivity.js';
import type { VerdictLevel } from '../../src/core/verdict.js';

describe('sensitivity', () => {
  it('Relaxed warns and badges dangerous only, Balanced badges suspicious too, Strict also warns on suspicious', () => {
    const table = Object.fromEntries(
      SENSITIVITIES.map((s) => [
        s,
        (['dangerous', 'suspicious', 'safe', 'unscorable', 'error'] as const).map((level) => alertingFor(level, s)),
      ]),
    );
    const d = { interrupt: true, badgeLink: true };
    const none = { interrupt: false, badgeLink: false };
    expect(table).toEqual({
      relaxed: [d, none, none, none, none],
      balanced: [d, { interrupt: false, badgeLink: true }, none, none, none],
      strict: [d, d, none, none, none],
    });
  });

  it('the guard interrupts at the judged sensitivity, Balanced when none was given, never when let through', () => {
    const judgement = (level: VerdictLevel, sensitivity?: Sensitivity, sessionAllowed = false): Judgement => ({
      url: 'http://odd.example/',
      parsed: parseDomain('http://odd.example/'),
      site: 'odd.example',
      verdict: { level, category: 'malicious', score: 0.9, risk: null, reasons: [] },
      sessionAllowed,
      ...(sensitivity === undefined ? {} : { sensitivity }),
    });
    expect(shouldInterrupt(judgement('suspicious'))).toBe(false);
    expect(shouldInterrupt(judgement('suspicious', 'balanced'))).toBe(false);
    expect(shouldInterrupt(judgement('suspicious', 'strict'))).toBe(true);
    expect(shouldInterrupt(judgement('suspicious', 'strict', true))).toBe(false);
    expect(shouldInterrupt(judgement('dangerous', 'relaxed'))).toBe(true);
    expect(shouldInterrupt(judgement('safe', 'strict'))).toBe(false);
  });

  it('settings: Balanced with badges on by default and after migrating schema 2; bad values refused with a reason', () => {
    expect(DEFAULT_SETTINGS).toMatchObject({ sensitivity: 'balanced', linkBadges: true });
    expect(
      validateSettings({ schemaVersion: 2, trustedSites: ['a.com'], blockedSites: [], pausedSites: ['p.com'] }),
    ).toEqual({
      settings: { ...DEFAULT_SETTINGS, trustedSites: ['a.com'], pausedSites: ['p.com'] },
      problems: [],
      issues: [],
    });
    expect(validateSettings({ schemaVersion: 3, sensitivity: 'strict', linkBadges: false }).settings).toMatchObject({
      sensitivity: 'strict',
      linkBadges: false,
    });
    const bad = validateSettings({
      schemaVersion: 3,
      trustedSites: ['a.com'],
      sensitivity: 'paranoid',
      linkBadges: 'no',
    });
    expect(bad.settings).toMatchObject({ trustedSites: ['a.com'], sensitivity: 'balanced', linkBadges: true });
    expect(bad.problems).toEqual([
      expect.stringMatching(/sensitivity "paranoid" is not relaxed, balanced or strict/),
      expect.stringMatching(/linkBadges "no" is not true or false/),
    ]);
    expect(withSensitivity(DEFAULT_SETTINGS, 'relaxed').sensitivity).toBe('relaxed');
    expect(() => withSensitivity(DEFAULT_SETTINGS, 'loud' as Sensitivity)).toThrow(/not a sensitivity/);
    expect(withLinkBadges(DEFAULT_SETTINGS, false).linkBadges).toBe(false);
  });
});
