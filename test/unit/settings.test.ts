import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SETTINGS,
  MAX_TRUSTED_SITES,
  SETTINGS_SCHEMA_VERSION,
  readSettings,
  validateSettings,
  withTrustedSite,
  withoutTrustedSite,
  type Settings,
  type SettingsStore,
} from '../../src/core/settings.js';

function store(initial: unknown): SettingsStore & { saved: Settings[] } {
  const saved: Settings[] = [];
  return { saved, load: async () => initial, save: async (s) => void saved.push(s) };
}

describe('settings', () => {
  it('defaults when nothing is stored', () => {
    expect(validateSettings(undefined)).toEqual({ settings: DEFAULT_SETTINGS, problems: [], issues: [] });
    expect(DEFAULT_SETTINGS.schemaVersion).toBe(SETTINGS_SCHEMA_VERSION);
    expect(DEFAULT_SETTINGS.trustedSites).toEqual([]);
  });

  it('migrates unversioned settings to the current schema, keeping the trusted sites', () => {
    const { settings } = validateSettings({ trustedSites: ['B.com', 'a.com'] });
    expect(settings.schemaVersion).toBe(SETTINGS_SCHEMA_VERSION);
    expect(settings.trustedSites).toEqual(['a.com', 'b.com']);
  });

  it('migrates every older schema version to the current one', () => {
    for (let version = 0; version < SETTINGS_SCHEMA_VERSION; version++) {
      const { settings } = validateSettings({ schemaVersion: version, trustedSites: ['a.com'] });
      expect(settings).toEqual({ ...DEFAULT_SETTINGS, trustedSites: ['a.com'] });
    }
  });

  it('reads settings from a newer build without losing what it understands', () => {
    const { settings, problems } = validateSettings({
      schemaVersion: SETTINGS_SCHEMA_VERSION + 5,
      trustedSites: ['a.com'],
      future: 1,
    });
    expect(settings.trustedSites).toEqual(['a.com']);
    expect(settings.schemaVersion).toBe(SETTINGS_SCHEMA_VERSION);
    expect(problems[0]).toMatch(/newer/);
  });

  it('drops invalid entries and says so, never throws', () => {
    const { settings, problems } = validateSettings({
      schemaVersion: SETTINGS_SCHEMA_VERSION,
      trustedSites: ['ok.com', 42, '<script>', 'a b', '', 'x'.repeat(300), 'ok.com'],
    });
    expect(settings.trustedSites).toEqual(['ok.com']);
    expect(problems).toHaveLength(5);
    expect(validateSettings('garbage').settings).toEqual(DEFAULT_SETTINGS);
    expect(validateSettings([1, 2]).settings).toEqual(DEFAULT_SETTINGS);
    expect(validateSettings({ trustedSites: 'a.com' }).settings.trustedSites).toEqual([]);
  });

  it('caps the trusted list', () => {
    const many = Array.from({ length: MAX_TRUSTED_SITES + 3 }, (_, i) => `s${i}.com`);
    const { settings, problems } = validateSettings({ trustedSites: many });
    expect(settings.trustedSites).toHaveLength(MAX_TRUSTED_SITES);
    expect(problems.length).toBe(3);
  });

  it('reads through a store and reports problems', async () => {
    const problems: string[] = [];
    const settings = await readSettings(store({ trustedSites: ['a.com', 7] }), (p) => problems.push(p));
    expect(settings.trustedSites).toEqual(['a.com']);
    expect(problems).toHaveLength(1);
  });

  it('trusts and untrusts sites immutably, sorted, once', () => {
    const one = withTrustedSite(DEFAULT_SETTINGS, 'b.com');
    const two = withTrustedSite(withTrustedSite(one, 'a.com'), 'a.com');
    expect(two.trustedSites).toEqual(['a.com', 'b.com']);
    expect(DEFAULT_SETTINGS.trustedSites).toEqual([]);
    expect(withoutTrustedSite(two, 'a.com').trustedSites).toEqual(['b.com']);
    expect(() => withTrustedSite(DEFAULT_SETTINGS, 'not a site')).toThrow();
  });
});
