/**
 * The options page's three site lists (trusted, blocked, paused) with one search box over all of
 * them and a Remove button per site. Names shown in Unicode; DOM from text nodes only.
 */
import { toDisplayHost } from '../core/display-host.js';
import type { SiteList } from '../core/messages.js';
import type { Settings } from '../core/settings.js';
import { button, el } from '../ui/dom.js';
import { formatNumber, t, type MessageKey } from '../platform/i18n.js';

const LISTS: readonly { key: SiteList; heading: MessageKey; empty: MessageKey; remove: MessageKey }[] = [
  {
    key: 'trustedSites',
    heading: 'options_sites_trusted',
    empty: 'options_sites_trusted_empty',
    remove: 'options_sites_trusted_remove',
  },
  {
    key: 'blockedSites',
    heading: 'options_sites_blocked',
    empty: 'options_sites_blocked_empty',
    remove: 'options_sites_blocked_remove',
  },
  {
    key: 'pausedSites',
    heading: 'options_sites_paused',
    empty: 'options_sites_paused_empty',
    remove: 'options_sites_paused_remove',
  },
];

/** True when `site` (ASCII or its Unicode form) contains the search text. */
export function matchesSearch(site: string, search: string): boolean {
  const wanted = search.trim().toLowerCase();
  return wanted === '' || site.includes(wanted) || toDisplayHost(site).toLowerCase().includes(wanted);
}

/** Renders the lists into `root`, filtered by `search`; Remove calls `onRemove(list, site)`. */
export function renderSiteLists(
  doc: Document,
  root: HTMLElement,
  settings: Settings,
  search: string,
  onRemove: (list: SiteList, site: string) => void,
): void {
  root.replaceChildren(
    ...LISTS.map(({ key, heading, empty, remove }) => {
      const all = settings[key];
      const shown = all.filter((site) => matchesSearch(site, search));
      const headingId = `${key}-heading`;
      const list = el(doc, 'ul', { id: key, className: 'sites' });
      list.setAttribute('aria-labelledby', headingId);
      if (all.length === 0) list.append(el(doc, 'li', { className: 'empty', text: t(empty) }));
      else if (shown.length === 0)
        list.append(
          el(doc, 'li', {
            className: 'empty',
            text: t('options_sites_no_match', formatNumber(all.length), search.trim()),
          }),
        );
      for (const site of shown) {
        const item = el(doc, 'li', {}, el(doc, 'span', { className: 'site', text: toDisplayHost(site) }));
        item.dataset['site'] = site;
        const removeButton = button(doc, t('options_sites_remove'), 'remove', () => onRemove(key, site));
        removeButton.setAttribute('aria-label', t(remove, toDisplayHost(site)));
        item.append(removeButton);
        list.append(item);
      }
      return el(
        doc,
        'section',
        { className: 'site-list' },
        el(doc, 'h3', { id: headingId, text: `${t(heading)} (${formatNumber(all.length)})` }),
        list,
      );
    }),
  );
}
