import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SETTINGS,
  SETTINGS_SCHEMA_VERSION,
  isSiteKey,
  readSettings,
  validateSettings,
  type Settings,
} from '../../src/core/settings.js';

/** Every field holds what the type promises: protection can run on it. */
function expectUsable(settings: Settings): void {
  expect(settings.schemaVersion).toBe(SETTINGS_SCHEMA_VERSION);
  for (const list of [settings.trustedSites, settings.blockedSites, settings.pausedSites]) {
    expect(Array.isArray(list)).toBe(true);
    for (const site of list) expect(isSiteKey(site)).toBe(true);
  }
}

const junk = fc.oneof(
  fc.anything(),
  fc.bigInt(),
  fc.double(),
  fc.constantFrom(-1, -0.5, 1.5, NaN, Infinity, -Infinity, '2', null, [], {}, 2 ** 53),
);
const siteLists = fc.array(fc.oneof(fc.domain(), junk), { maxLength: 8 });

describe('settings from damaged storage', () => {
  it('a negative schema version keeps what is valid and says so, instead of throwing', () => {
    const { settings, problems } = validateSettings({
      schemaVersion: -1,
      trustedSites: ['a.com'],
      blockedSites: ['b.com', 3],
    });
    expect(settings).toEqual({ ...DEFAULT_SETTINGS, trustedSites: ['a.com'], blockedSites: ['b.com'] });
    expect(problems.join('\n')).toMatch(/schema -1 is not a version/);
  });

  it('never throws and always gives usable settings, for any stored value', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          junk,
          fc.record(
            {
              schemaVersion: junk,
              trustedSites: fc.oneof(junk, siteLists),
              blockedSites: fc.oneof(junk, siteLists),
              pausedSites: fc.oneof(junk, siteLists),
            },
            { requiredKeys: [] },
          ),
        ),
        (stored) => {
          const { settings, problems } = validateSettings(stored);
          expectUsable(settings);
          expect(Array.isArray(problems)).toBe(true);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('keeps every valid site of a list whatever else is wrong with the settings', () => {
    fc.assert(
      fc.property(
        junk,
        fc.array(fc.domain(), { maxLength: 5 }),
        fc.array(junk, { maxLength: 5 }),
        (version, sites, bad) => {
          const { settings } = validateSettings({ schemaVersion: version, trustedSites: [...bad, ...sites] });
          const valid = sites.map((s) => s.toLowerCase()).filter(isSiteKey);
          for (const site of valid) expect(settings.trustedSites).toContain(site);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('reports the problems of one read once, in one line', async () => {
    const lines: string[] = [];
    const settings = await readSettings(
      {
        load: async () => ({ schemaVersion: -1, trustedSites: [1, 2, 3, 'a.com'], pausedSites: 'x' }),
        save: async () => {},
      },
      (p) => lines.push(p),
    );
    expect(settings.trustedSites).toEqual(['a.com']);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/5 problems/);
  });

  it('a store that cannot be read gives the defaults', async () => {
    const lines: string[] = [];
    const settings = await readSettings({ load: () => Promise.reject(new Error('QUOTA')), save: async () => {} }, (p) =>
      lines.push(p),
    );
    expect(settings).toEqual(DEFAULT_SETTINGS);
    expect(lines[0]).toMatch(/QUOTA/);
  });
});
