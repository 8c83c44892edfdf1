/** The background's answers to the options page's settings messages (core/settings-messages.ts). */
import { parseDomain } from '../core/domain.js';
import { MessageError, type Handlers } from '../core/messages.js';
import { checkImportedSettings } from '../core/settings-file.js';
import type { SettingsProtocol } from '../core/settings-messages.js';
import {
  withLinkBadges,
  withoutBlockedSite,
  withoutTrustedSite,
  withPausedSite,
  withSensitivity,
  withTrustedSite,
  type Settings,
  type SettingsStore,
} from '../core/settings.js';
import { siteOf } from './judge.js';
import type { BlockList } from './block-list.js';
import type { Runtime } from './runtime.js';

export interface SettingsHandlerDeps {
  readonly runtime: Promise<Runtime>;
  readonly blockList: BlockList | null;
  readonly settingsStore: SettingsStore;
}

export type SettingsHandlers = Pick<Handlers, keyof SettingsProtocol>;

export function createSettingsHandlers(deps: SettingsHandlerDeps): SettingsHandlers {
  async function changeSettings(change: (settings: Settings) => Settings): Promise<Settings> {
    const runtime = await deps.runtime;
    runtime.settings = change(runtime.settings);
    await deps.settingsStore.save(runtime.settings);
    return runtime.settings;
  }

  return {
    'get-settings': async () => (await deps.runtime).settings,

    'set-preferences': ({ sensitivity, linkBadges }) =>
      changeSettings((settings) => {
        const withLevel = sensitivity === undefined ? settings : withSensitivity(settings, sensitivity);
        return linkBadges === undefined ? withLevel : withLinkBadges(withLevel, linkBadges);
      }),

    async 'remove-site'({ list, site }) {
      const key = site.toLowerCase();
      const next = await changeSettings((settings) =>
        list === 'trustedSites'
          ? withoutTrustedSite(settings, key)
          : list === 'blockedSites'
            ? withoutBlockedSite(settings, key)
            : withPausedSite(settings, key, false),
      );
      // An unblocked site must not keep the redirect rule its blocked verdict left.
      if (list === 'blockedSites') await deps.blockList?.removeSite(key);
      return next;
    },

    async 'trust-site-here'({ url }) {
      const parsed = /^https?:/i.test(url) ? parseDomain(url) : null;
      if (!parsed?.ok) throw new MessageError(parsed ? parsed.message : 'only http and https addresses can be trusted');
      const site = siteOf(parsed);
      await changeSettings((settings) => withTrustedSite(settings, site));
      await deps.blockList?.removeSite(site);
      return { site };
    },

    async 'import-settings'({ settings }) {
      const checked = checkImportedSettings(settings);
      if (!checked.ok)
        throw new MessageError(`settings refused, nothing changed: ${checked.reasons.slice(0, 5).join('; ')}`);
      const next = await changeSettings(() => checked.settings);
      // Rules left for sites the imported settings trust or pause would still redirect them.
      for (const site of [...next.trustedSites, ...next.pausedSites]) await deps.blockList?.removeSite(site);
      return next;
    },
  };
}
