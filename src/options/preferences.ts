/**
 * The options page's preferences: sensitivity (three radio buttons, each explained) and link badges.
 * A preference the organisation's policy sets shows the policy's value, disabled, with the reason.
 */
import type { ManagedPolicy } from '../core/managed-policy.js';
import { SENSITIVITIES, type Sensitivity } from '../core/sensitivity.js';
import type { Settings } from '../core/settings.js';
import { el } from '../ui/dom.js';
import { t, type MessageKey } from '../platform/i18n.js';

const SENSITIVITY_WORDS: Readonly<Record<Sensitivity, { label: MessageKey; hint: MessageKey }>> = {
  relaxed: { label: 'options_sensitivity_relaxed', hint: 'options_sensitivity_relaxed_hint' },
  balanced: { label: 'options_sensitivity_balanced', hint: 'options_sensitivity_balanced_hint' },
  strict: { label: 'options_sensitivity_strict', hint: 'options_sensitivity_strict_hint' },
};

/** The policy's part the preferences show: what it sets is locked. */
export type PreferenceLocks = Pick<ManagedPolicy, 'sensitivity' | 'disableLinkBadges'>;

function lockNote(doc: Document, id: string, text: string): HTMLElement {
  return el(doc, 'p', { className: 'hint locked', id, text });
}

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
  locks: PreferenceLocks = {},
): void {
  const sensitivity = locks.sensitivity ?? settings.sensitivity;
  const linkBadges = locks.disableLinkBadges === undefined ? settings.linkBadges : !locks.disableLinkBadges;
  const group = el(
    doc,
    'fieldset',
    { className: 'sensitivity' },
    el(doc, 'legend', { text: t('options_sensitivity_legend') }),
  );
  for (const level of SENSITIVITIES) {
    const input = el(doc, 'input', { id: `sensitivity-${level}` });
    input.type = 'radio';
    input.name = 'sensitivity';
    input.value = level;
    input.checked = sensitivity === level;
    input.setAttribute('aria-describedby', `sensitivity-${level}-hint`);
    input.addEventListener('change', () => input.checked && actions.setSensitivity(level));
    const label = el(doc, 'label', { text: t(SENSITIVITY_WORDS[level].label) });
    label.htmlFor = input.id;
    group.append(
      el(
        doc,
        'div',
        { className: 'choice' },
        input,
        label,
        el(doc, 'p', { className: 'hint', id: `sensitivity-${level}-hint`, text: t(SENSITIVITY_WORDS[level].hint) }),
      ),
    );
  }
  if (locks.sensitivity !== undefined) {
    // A disabled fieldset disables its radios; the note says why, for every reader.
    group.disabled = true;
    group.setAttribute('aria-describedby', 'sensitivity-locked');
    group.append(lockNote(doc, 'sensitivity-locked', t('options_locked_note')));
  }
  const badges = el(doc, 'input', { id: 'link-badges' });
  badges.type = 'checkbox';
  badges.checked = linkBadges;
  const badgesLocked = locks.disableLinkBadges !== undefined;
  badges.disabled = badgesLocked;
  badges.setAttribute('aria-describedby', badgesLocked ? 'link-badges-hint link-badges-locked' : 'link-badges-hint');
  badges.addEventListener('change', () => actions.setLinkBadges(badges.checked));
  const badgesLabel = el(doc, 'label', { text: t('options_link_badges') });
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
        text: t('options_link_badges_hint'),
      }),
      ...(badgesLocked ? [lockNote(doc, 'link-badges-locked', t('options_locked_note'))] : []),
    ),
  );
}
