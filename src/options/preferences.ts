/** The options page's preferences: sensitivity (three radio buttons, each explained) and link badges. */
import { SENSITIVITIES, type Sensitivity } from '../core/sensitivity.js';
import type { Settings } from '../core/settings.js';
import { el } from '../ui/dom.js';

const SENSITIVITY_WORDS: Readonly<Record<Sensitivity, { label: string; hint: string }>> = {
  relaxed: { label: 'Relaxed', hint: 'Warn only about dangerous sites; mark only dangerous links.' },
  balanced: {
    label: 'Balanced (recommended)',
    hint: 'Warn about dangerous sites; mark dangerous and suspicious links.',
  },
  strict: { label: 'Strict', hint: 'Also stop suspicious sites with a warning before they open. More false alarms.' },
};

export interface PreferenceActions {
  setSensitivity(sensitivity: Sensitivity): void;
  setLinkBadges(on: boolean): void;
}

/** Renders the preference controls for `settings` into `root`. */
export function renderPreferences(
  doc: Document,
  root: HTMLElement,
  settings: Settings,
  actions: PreferenceActions,
): void {
  const group = el(
    doc,
    'fieldset',
    { className: 'sensitivity' },
    el(doc, 'legend', { text: 'How readily Snowman warns' }),
  );
  for (const level of SENSITIVITIES) {
    const input = el(doc, 'input', { id: `sensitivity-${level}` });
    input.type = 'radio';
    input.name = 'sensitivity';
    input.value = level;
    input.checked = settings.sensitivity === level;
    input.setAttribute('aria-describedby', `sensitivity-${level}-hint`);
    input.addEventListener('change', () => input.checked && actions.setSensitivity(level));
    const label = el(doc, 'label', { text: SENSITIVITY_WORDS[level].label });
    label.htmlFor = input.id;
    group.append(
      el(
        doc,
        'div',
        { className: 'choice' },
        input,
        label,
        el(doc, 'p', { className: 'hint', id: `sensitivity-${level}-hint`, text: SENSITIVITY_WORDS[level].hint }),
      ),
    );
  }
  const badges = el(doc, 'input', { id: 'link-badges' });
  badges.type = 'checkbox';
  badges.checked = settings.linkBadges;
  badges.setAttribute('aria-describedby', 'link-badges-hint');
  badges.addEventListener('change', () => actions.setLinkBadges(badges.checked));
  const badgesLabel = el(doc, 'label', { text: 'Mark risky links on pages' });
  badgesLabel.htmlFor = badges.id;
  root.replaceChildren(
    group,
    el(
      doc,
      'div',
      { className: 'choice' },
      badges,
      badgesLabel,
      el(doc, 'p', {
        className: 'hint',
        id: 'link-badges-hint',
        text: 'A small badge next to links to risky sites. Turned off, links are still counted in the toolbar popup.',
      }),
    ),
  );
}
