/** What the toolbar shows for a tab's page: one pure mapping from the recorded verdict. */
import type { FrameRecord } from '../core/messages.js';
import type { ToolbarView } from '../platform/toolbar-view.js';
import type { Category } from '../core/verdict.js';

/** Badge colours, one per level: the badge always takes the colour of the worst thing it shows. */
export const BADGE_COLORS = {
  dangerous: '#c5221f',
  suspicious: '#b06000',
  safe: '#188038',
  neutral: '#5f6368',
} as const;

const WHY: Readonly<Partial<Record<Category, string>>> = {
  malicious: 'its name looks like the names of phishing and scam sites',
  dga: 'its name looks machine-generated, the way malware names its servers',
};

/** Toolbar state, badge and tooltip for a recorded main frame (null: nothing recorded yet). */
export function toolbarViewFor(frame: FrameRecord | null, modelError?: string): ToolbarView {
  if (modelError !== undefined) {
    return {
      state: 'error',
      badge: 'off',
      color: BADGE_COLORS.neutral,
      title: `Snowman is not checking sites: ${modelError}. Pages load normally.`,
    };
  }
  if (!frame)
    return { state: 'unscored', badge: '', color: BADGE_COLORS.neutral, title: 'Snowman: this page was not checked' };
  const name = frame.host;
  const why = WHY[frame.category] ?? 'of what Snowman knows about it';
  switch (frame.level) {
    case 'dangerous':
      return {
        state: 'dangerous',
        badge: '!',
        color: BADGE_COLORS.dangerous,
        title: `Snowman: ${name} looks dangerous: ${why}`,
      };
    case 'suspicious':
      return {
        state: 'suspicious',
        badge: '?',
        color: BADGE_COLORS.suspicious,
        title: `Snowman: ${name} looks suspicious: ${why}`,
      };
    case 'safe':
      return { state: 'safe', badge: '', color: BADGE_COLORS.safe, title: `Snowman: ${name} looks safe` };
    case 'error':
      return {
        state: 'error',
        badge: 'off',
        color: BADGE_COLORS.neutral,
        title: `Snowman could not check ${name}; the page loaded unchecked`,
      };
    case 'unscorable':
      return {
        state: 'unscored',
        badge: '',
        color: BADGE_COLORS.neutral,
        title:
          name === ''
            ? 'Snowman: this page is not checked'
            : `Snowman: ${name} is not checked (local, IP or special address)`,
      };
  }
}
