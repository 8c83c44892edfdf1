/**
 * The options page's three site lists (trusted, blocked, paused) with one search box over all of
 * them and a Remove button per site. Names shown in Unicode; DOM from text nodes only.
 */
import { toDisplayHost } from '../core/display-host.js';
import type { SiteList } from '../core/messages.js';
import type { Settings } from '../core/settings.js';
import { button, el } from '../ui/dom.js';

const LISTS: readonly { key: SiteList; title: string; empty: string; remove: string }[] = [
  {
    key: 'trustedSites',
    title: 'Trusted sites',
    empty: 'No trusted sites. "Always trust" on a warning adds one here.',
    remove: 'trusted sites',
  },
  {
    key: 'blockedSites',
    title: 'Blocked sites',
    empty: 'No blocked sites. "Block this site" in the toolbar popup adds one here.',
    remove: 'blocked sites',
  },
  {
    key: 'pausedSites',
    title: 'Paused sites',
    empty: 'Protection is on everywhere. "Pause here" in the toolbar popup adds a site here.',
    remove: 'paused sites',
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
    ...LISTS.map(({ key, title, empty, remove }) => {
      const all = settings[key];
      const shown = all.filter((site) => matchesSearch(site, search));
      const headingId = `${key}-heading`;
      const list = el(doc, 'ul', { id: key, className: 'sites' });
      list.setAttribute('aria-labelledby', headingId);
      if (all.length === 0) list.append(el(doc, 'li', { className: 'empty', text: empty }));
      else if (shown.length === 0)
        list.append(el(doc, 'li', { className: 'empty', text: `None of ${all.length} match "${search.trim()}".` }));
      for (const site of shown) {
        const item = el(doc, 'li', {}, el(doc, 'span', { className: 'site', text: toDisplayHost(site) }));
        item.dataset['site'] = site;
        const removeButton = button(doc, 'Remove', 'remove', () => onRemove(key, site));
        removeButton.setAttribute('aria-label', `Remove ${toDisplayHost(site)} from ${remove}`);
        item.append(removeButton);
        list.append(item);
      }
      return el(
        doc,
        'section',
        { className: 'site-list' },
        el(doc, 'h3', { id: headingId, text: `${title} (${all.length})` }),
        list,
      );
    }),
  );
}
