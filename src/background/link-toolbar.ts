/**
 * The toolbar with the page's links in it: the badge counts the risky linked domains and takes
 * the colour of the worst thing it counts (a safe page with dangerous links is red, with
 * suspicious ones amber), while the icon keeps saying what the page itself is. One pure function
 * on the view that toolbar.ts computes for the page, so there is still a single badge setter
 * (guard.showTabToolbar).
 */
import type { ToolbarView } from '../platform/toolbar-view.js';
import { BADGE_COLORS } from './toolbar.js';

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
    counts.dangerous > 0 ? `${counts.dangerous} dangerous` : '',
    counts.suspicious > 0 ? `${counts.suspicious} suspicious` : '',
  ].filter(Boolean);
  const total = counts.dangerous + counts.suspicious;
  return `${total} ${total === 1 ? 'linked site looks' : 'linked sites look'} risky (${parts.join(', ')}). Open Snowman to see them.`;
}

/** `view` with the number of risky linked domains as the badge, its colour and the reason in the tooltip. */
export function withRiskyLinks(view: ToolbarView, counts: RiskyLinkCounts): ToolbarView {
  const total = counts.dangerous + counts.suspicious;
  if (total <= 0 || view.state === 'error') return view;
  const worst = view.state === 'dangerous' || counts.dangerous > 0 ? 'dangerous' : 'suspicious';
  return { ...view, badge: countText(total), color: BADGE_COLORS[worst], title: `${view.title}\n${linkWords(counts)}` };
}
