/** The options page's messages: payload checks at the contract, and the background's handlers over a recording store. */
import { describe, expect, it } from 'vitest';
import type { BlockList } from '../../src/background/block-list.js';
import type { Runtime } from '../../src/background/runtime.js';
import { createSettingsHandlers } from '../../src/background/settings-handlers.js';
import { createSettingsService } from '../../src/background/settings-service.js';
import { MESSAGES } from '../../src/core/messages.js';
import { DEFAULT_SETTINGS, type Settings } from '../../src/core/settings.js';

function setup(settings: Settings) {
  const saved: Settings[] = [];
  const removedRules: string[] = [];
  const runtime = {
    engine: null,
    judge: null,
    cachedJudge: null,
    sessionAllow: {} as Runtime['sessionAllow'],
    settings,
  } as Runtime;
  const allowRules: string[][] = [];
  const blockList = {
    removeSite: async (site: string) => void removedRules.push(site),
    syncTrusted: async (sites: readonly string[]) => void allowRules.push([...sites]),
  } as unknown as BlockList;
  const store = { load: async () => undefined, save: async (s: Settings) => void saved.push(s) };
  const handlers = createSettingsHandlers({
    blockList,
    settings: createSettingsService({ runtime: Promise.resolve(runtime), store, blockList }),
  });
  return { handlers, saved, removedRules, allowRules, runtime };
}

const sender = {};

describe('settings messages', () => {
  it('the contract refuses bad preferences, lists and sites before any handler runs', () => {
    expect(() => MESSAGES['set-preferences'].validate({ sensitivity: 'loud' })).toThrow(/relaxed, balanced or strict/);
    expect(() => MESSAGES['set-preferences'].validate({ linkBadges: 'yes' })).toThrow(/boolean/);
    expect(MESSAGES['set-preferences'].validate({ sensitivity: 'strict', extra: 1 })).toEqual({
      sensitivity: 'strict',
    });
    expect(() => MESSAGES['remove-site'].validate({ list: 'allSites', site: 'a.com' })).toThrow(/list must be/);
    expect(() => MESSAGES['remove-site'].validate({ list: 'trustedSites', site: 'a'.repeat(300) })).toThrow(/253/);
    for (const type of ['get-settings', 'set-preferences', 'remove-site', 'import-settings'] as const)
      expect(MESSAGES[type].access).toBe('extension-page');
  });

  it('changes preferences and removes sites, saving each change; unblocking drops the redirect rule', async () => {
    const { handlers, saved, removedRules, runtime } = setup({
      ...DEFAULT_SETTINGS,
      trustedSites: ['a.com'],
      blockedSites: ['b.com'],
      pausedSites: ['p.com'],
    });
    expect(await handlers['set-preferences']({ sensitivity: 'strict', linkBadges: false }, sender)).toMatchObject({
      sensitivity: 'strict',
      linkBadges: false,
    });
    await handlers['remove-site']({ list: 'trustedSites', site: 'A.com' }, sender);
    await handlers['remove-site']({ list: 'blockedSites', site: 'b.com' }, sender);
    await handlers['remove-site']({ list: 'pausedSites', site: 'p.com' }, sender);
    expect(runtime.settings).toMatchObject({
      trustedSites: [],
      blockedSites: [],
      pausedSites: [],
      sensitivity: 'strict',
    });
    expect(saved).toHaveLength(4);
    expect(removedRules).toEqual(['b.com']);
  });

  it("the popup's Trust keys the registrable domain, drops its redirect rules and refuses what cannot be scored", async () => {
    const { handlers, removedRules, runtime } = setup({ ...DEFAULT_SETTINGS, blockedSites: ['evil-login.net'] });
    expect(await handlers['trust-site-here']({ url: 'http://www.login.evil-login.net/a?b=1' }, sender)).toEqual({
      site: 'evil-login.net',
    });
    expect(runtime.settings).toMatchObject({ trustedSites: ['evil-login.net'], blockedSites: [] });
    expect(removedRules).toEqual(['evil-login.net']);
    await expect(handlers['trust-site-here']({ url: 'javascript:alert(1)' }, sender)).rejects.toThrow(
      /only http and https/,
    );
    await expect(handlers['trust-site-here']({ url: 'http://192.168.1.1/' }, sender)).rejects.toThrow(/not scored/);
    expect(() => MESSAGES['trust-site-here'].validate({ url: 1 })).toThrow(/url must be a string/);
  });

  it('import replaces the settings only when valid throughout; a bad one changes nothing', async () => {
    const before = { ...DEFAULT_SETTINGS, trustedSites: ['keep.com'] };
    const { handlers, saved, runtime } = setup(before);
    await expect(
      handlers['import-settings']({ settings: { ...DEFAULT_SETTINGS, trustedSites: ['x.com', 'not a site'] } }, sender),
    ).rejects.toThrow(/settings refused, nothing changed: dropped invalid trusted site "not a site"/);
    await expect(handlers['import-settings']({ settings: 'nope' }, sender)).rejects.toThrow(/no settings object/);
    expect(runtime.settings).toBe(before);
    expect(saved).toEqual([]);
    const good = { ...DEFAULT_SETTINGS, trustedSites: ['x.com'], sensitivity: 'relaxed' as const };
    expect(await handlers['import-settings']({ settings: good }, sender)).toEqual(good);
    expect(saved).toEqual([good]);
  });
});
