/** The background's answers to the settings messages of the contract (core/messages.ts): options page and the popup's Trust. */
import { parseDomain } from '../core/domain.js';
import { MessageError, type Handlers } from '../core/messages.js';
import { checkImportedSettings } from '../core/settings-file.js';
import { checkExportedHostLists } from '../core/exported-host-lists.js';
import { importedHostOf } from '../core/imported-host.js';
import type { HostLists } from './host-lists.js';
import {
  withLinkBadges,
  withoutBlockedSite,
  withoutTrustedSite,
  withPausedSite,
  withSensitivity,
  withStrictFirstVisit,
  withTrustedSite,
} from '../core/settings.js';
import { siteOf } from './judge.js';
import type { BlockList } from './block-list.js';
import type { SettingsService } from './settings-service.js';

export interface SettingsHandlerDeps {
  readonly blockList: BlockList | null;
  /** Every change to the user's settings goes through it (serialised; the allow rules follow). */
  readonly settings: SettingsService;
  /** The imported lists a settings file may carry; none when absent. */
  readonly hostLists?: Pick<HostLists, 'restore'>;
}

export type SettingsHandlers = Pick<
  Handlers,
  'get-settings' | 'set-preferences' | 'remove-site' | 'trust-site-here' | 'import-settings'
>;

export function createSettingsHandlers(deps: SettingsHandlerDeps): SettingsHandlers {
  return {
    'get-settings': () => deps.settings.current(),

    'set-preferences': ({ sensitivity, linkBadges, strictFirstVisit }) =>
      deps.settings.change((settings) => {
        const withLevel = sensitivity === undefined ? settings : withSensitivity(settings, sensitivity);
        const withBadges = linkBadges === undefined ? withLevel : withLinkBadges(withLevel, linkBadges);
        return strictFirstVisit === undefined ? withBadges : withStrictFirstVisit(withBadges, strictFirstVisit);
      }),

    async 'remove-site'({ list, site }) {
      const key = site.toLowerCase();
      const next = await deps.settings.change((settings) =>
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
      if (!parsed?.ok)
        throw new MessageError(
          parsed ? parsed.message : 'only http and https addresses can be trusted',
          'not-web-address',
        );
      const site = siteOf(parsed);
      await deps.settings.change((settings) => withTrustedSite(settings, site));
      await deps.blockList?.removeSite(site);
      return { site };
    },

    async 'import-settings'({ settings, hostLists }) {
      const checked = checkImportedSettings(settings);
      // Every host as well, before anything changes: a file is taken whole or not at all.
      const lists = checkExportedHostLists(hostLists, importedHostOf);
      const reasons = [...(checked.ok ? [] : checked.reasons.map((r) => r.text)), ...(lists.ok ? [] : lists.reasons)];
      if (!checked.ok || !lists.ok)
        throw new MessageError(
          `settings refused, nothing changed: ${reasons.slice(0, 5).join('; ')}`,
          'settings-refused',
        );
      if (!deps.hostLists && Object.keys(lists.lists).length > 0)
        throw new MessageError(
          'settings refused, nothing changed: this browser cannot hold imported lists',
          'settings-refused',
        );
      const next = await deps.settings.change(() => checked.settings);
      await deps.hostLists?.restore(lists.lists);
      // Rules left for sites the imported settings trust or pause would still redirect them.
      for (const site of [...next.trustedSites, ...next.pausedSites]) await deps.blockList?.removeSite(site);
      return next;
    },
  };
}
