/**
 * The options page's part of the message contract: read the settings, change preferences,
 * remove a site from a list, import a settings file. Folded into core/messages.ts's `Protocol`
 * and `MESSAGES` like link-messages.ts; imports only types from there (no cycle at run time).
 */
import { isSensitivity, type Sensitivity } from './sensitivity.js';
import type { Settings } from './settings.js';
import { fail, record } from './payload-checks.js';

/** The settings lists a site can be removed from. */
export type SiteList = 'trustedSites' | 'blockedSites' | 'pausedSites';
const SITE_LISTS: readonly string[] = ['trustedSites', 'blockedSites', 'pausedSites'];

export interface SettingsProtocol {
  'get-settings': { request: Record<string, never>; response: Settings };
  'set-preferences': { request: { sensitivity?: Sensitivity; linkBadges?: boolean }; response: Settings };
  /** Trusted: checked again; blocked: unblocked; paused: protection resumed. */
  'remove-site': { request: { list: SiteList; site: string }; response: Settings };
  /**
   * The popup's Trust. The popup is not web-accessible, so no site can open it to harvest the
   * click; the warning page's Always trust needs the warning's one-time token instead.
   */
  'trust-site-here': { request: { url: string }; response: { site: string } };
  /** Replaces the settings with an imported file's, only if it is valid throughout. */
  'import-settings': { request: { settings: unknown }; response: Settings };
}

/** Who may send each settings message (extension pages only), and how its payload is checked. */
export const SETTINGS_MESSAGES = {
  'get-settings': { access: 'extension-page', validate: (p: unknown) => (record(p), {}) },
  'set-preferences': {
    access: 'extension-page',
    validate: (p: unknown) => {
      const { sensitivity, linkBadges } = record(p);
      if (sensitivity !== undefined && !isSensitivity(sensitivity))
        fail('sensitivity must be relaxed, balanced or strict');
      if (linkBadges !== undefined && typeof linkBadges !== 'boolean') fail('linkBadges must be a boolean');
      return {
        ...(sensitivity === undefined ? {} : { sensitivity }),
        ...(linkBadges === undefined ? {} : { linkBadges }),
      };
    },
  },
  'remove-site': {
    access: 'extension-page',
    validate: (p: unknown) => {
      const { list, site } = record(p);
      if (typeof list !== 'string' || !SITE_LISTS.includes(list))
        fail('list must be trustedSites, blockedSites or pausedSites');
      if (typeof site !== 'string' || site.length > 253) fail('site must be a name of at most 253 characters');
      return { list: list as SiteList, site };
    },
  },
  'trust-site-here': {
    access: 'extension-page',
    validate: (p: unknown) => {
      const { url } = record(p);
      return typeof url === 'string' && url.length <= 4096
        ? { url }
        : fail('url must be a string of at most 4096 characters');
    },
  },
  'import-settings': { access: 'extension-page', validate: (p: unknown) => ({ settings: record(p)['settings'] }) },
} as const satisfies {
  readonly [K in keyof SettingsProtocol]: {
    readonly access: 'extension-page';
    validate(payload: unknown): SettingsProtocol[K]['request'];
  };
};
