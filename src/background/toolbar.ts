/** What the toolbar shows for a tab's page: one pure mapping from the recorded verdict. */
import type { FrameRecord } from '../core/messages.js';
import { popupAddress, snapshotOf } from '../core/popup-snapshot.js';
import type { ToolbarView } from '../platform/toolbar-view.js';
import type { Category } from '../core/verdict.js';
import { t, type MessageKey } from '../platform/i18n.js';

/** Badge colours, one per level: the badge always takes the colour of the worst thing it shows. */
export const BADGE_COLORS = {
  dangerous: '#c5221f',
  suspicious: '#b06000',
  safe: '#188038',
  neutral: '#5f6368',
} as const;

const WHY: Readonly<Partial<Record<Category, MessageKey>>> = {
  malicious: 'toolbar_why_phishing',
  dga: 'toolbar_why_dga',
};

/**
 * Toolbar state, badge, tooltip and — for a tab (`tabId`) — the popup's address for a recorded
 * main frame (null: nothing recorded yet). The address carries the verdict the toolbar shows, so
 * the popup shows it without asking first, on a page whose HTML already holds the level's word.
 */
export function toolbarViewFor(frame: FrameRecord | null, modelError?: string, tabId?: number): ToolbarView {
  const view = pageViewFor(frame, modelError);
  if (tabId === undefined) return view;
  const site = modelError === undefined ? snapshotOf(frame) : null;
  // The catalogue the browser reads, so the page's built-in words are the ones t() would give.
  return { ...view, popup: popupAddress(tabId, site, t('common_catalogue_locale')) };
}

/**
 * The toolbar's state, badge and tooltip for a recorded main frame. A model that failed to load is
 * named in the user's language; its technical reason (English, from the loader) is for the popup's
 * details line, not the tooltip.
 */
function pageViewFor(frame: FrameRecord | null, modelError?: string): ToolbarView {
  if (modelError !== undefined) {
    return {
      state: 'error',
      badge: 'off',
      color: BADGE_COLORS.neutral,
      title: t('toolbar_model_error'),
    };
  }
  if (!frame) return { state: 'unscored', badge: '', color: BADGE_COLORS.neutral, title: t('toolbar_not_checked') };
  const name = frame.host;
  const why = t(WHY[frame.category] ?? 'toolbar_why_other');
  switch (frame.level) {
    case 'dangerous':
      return {
        state: 'dangerous',
        badge: '!',
        color: BADGE_COLORS.dangerous,
        title: t('toolbar_dangerous', name, why),
      };
    case 'suspicious':
      return {
        state: 'suspicious',
        badge: '?',
        color: BADGE_COLORS.suspicious,
        title: t('toolbar_suspicious', name, why),
      };
    case 'safe':
      return { state: 'safe', badge: '', color: BADGE_COLORS.safe, title: t('toolbar_safe', name) };
    case 'error':
      return {
        state: 'error',
        badge: 'off',
        color: BADGE_COLORS.neutral,
        title: t('toolbar_error', name),
      };
    case 'unscorable':
      return {
        state: 'unscored',
        badge: '',
        color: BADGE_COLORS.neutral,
        title: name === '' ? t('toolbar_page_not_checked') : t('toolbar_unscorable', name),
      };
  }
}
