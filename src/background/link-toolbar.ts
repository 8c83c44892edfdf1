/**
 * The toolbar with the page's links in it: the badge counts the risky linked domains and takes
 * the colour of the worst thing it counts (a safe page with dangerous links is red, with
 * suspicious ones amber), while the icon keeps saying what the page itself is. One pure function
 * on the view that toolbar.ts computes for the page, so there is still a single badge setter
 * (guard.showTabToolbar).
 */
import type { ToolbarView } from '../platform/toolbar-view.js';
import { BADGE_COLORS } from './toolbar.js';
import { formatNumber, t, tCount } from '../platform/i18n.js';

/** Risky linked domains of a page, per level. */
export interface RiskyLinkCounts {
  readonly dangerous: number;
  readonly suspicious: number;
}

/** Badge text for a count (the badge has room for about four characters). */
function countText(count: number): string {
  return count > 999 ? '999+' : String(count);
}

function linkWords(counts: RiskyLinkCounts): string {
  const parts = [
    counts.dangerous > 0 ? t('toolbar_links_dangerous', formatNumber(counts.dangerous)) : '',
    counts.suspicious > 0 ? t('toolbar_links_suspicious', formatNumber(counts.suspicious)) : '',
  ].filter(Boolean);
  return tCount('toolbar_links', counts.dangerous + counts.suspicious, parts.join(', '));
}

/** `view` with the number of risky linked domains as the badge, its colour and the reason in the tooltip. */
export function withRiskyLinks(view: ToolbarView, counts: RiskyLinkCounts): ToolbarView {
  const total = counts.dangerous + counts.suspicious;
  if (total <= 0 || view.state === 'error') return view;
  const worst = view.state === 'dangerous' || counts.dangerous > 0 ? 'dangerous' : 'suspicious';
  return { ...view, badge: countText(total), color: BADGE_COLORS[worst], title: `${view.title}\n${linkWords(counts)}` };
}
