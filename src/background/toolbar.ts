/** What the toolbar shows for a tab's page: one pure mapping from the recorded verdict. */
import type { FrameRecord } from '../core/messages.js';
import type { ToolbarView } from '../platform/action.js';

const CATEGORY_WORDS: Record<string, string> = { malicious: 'phishing-like', dga: 'algorithmically generated' };

function scoreText(score: number | null): string {
  return score === null ? '' : ` (score ${score.toFixed(3)})`;
}

/** Toolbar state, badge and tooltip for a recorded main frame (null: nothing recorded yet). */
export function toolbarViewFor(frame: FrameRecord | null, modelError?: string): ToolbarView {
  if (modelError !== undefined) {
    return { state: 'error', badge: 'off', color: '#5f6368', title: `Snowman is not checking sites: ${modelError}. Pages load normally.` };
  }
  if (!frame) return { state: 'unscored', badge: '', color: '#5f6368', title: 'Snowman: this page was not scored' };
  const name = frame.host;
  switch (frame.level) {
    case 'dangerous':
      return { state: 'dangerous', badge: '!', color: '#c5221f', title: `Snowman: ${name} looks dangerous, ${CATEGORY_WORDS[frame.category] ?? frame.category}${scoreText(frame.score)}` };
    case 'suspicious':
      return { state: 'suspicious', badge: '?', color: '#b06000', title: `Snowman: ${name} looks suspicious, ${CATEGORY_WORDS[frame.category] ?? frame.category}${scoreText(frame.score)}` };
    case 'safe':
      return { state: 'safe', badge: '', color: '#188038', title: `Snowman: ${name} looks safe${scoreText(frame.score)}` };
    case 'error':
      return { state: 'error', badge: 'off', color: '#5f6368', title: `Snowman could not score ${name}; the page loaded unchecked` };
    case 'unscorable':
      return { state: 'unscored', badge: '', color: '#5f6368', title: name === '' ? 'Snowman: this page is not scored' : `Snowman: ${name} is not scored (local, IP or special address)` };
  }
}
