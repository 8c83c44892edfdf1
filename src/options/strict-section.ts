/**
 * The options page's strict first-visit mode: one checkbox with its one-line explanation. When the
 * organisation's policy sets it, the policy's value shows, disabled, with the reason.
 */
import type { Settings } from '../core/settings.js';
import { t } from '../platform/i18n.js';
import { el } from '../ui/dom.js';

/** Renders the control into `root`; `locked` is the policy's value when it sets one. */
export function renderStrictSection(
  doc: Document,
  root: HTMLElement,
  settings: Pick<Settings, 'strictFirstVisit'>,
  setStrict: (on: boolean) => void,
  locked?: boolean,
): void {
  const box = el(doc, 'input', { id: 'strict-first-visit' });
  box.type = 'checkbox';
  box.checked = locked ?? settings.strictFirstVisit;
  box.disabled = locked !== undefined;
  box.setAttribute(
    'aria-describedby',
    locked === undefined ? 'strict-first-visit-hint' : 'strict-first-visit-hint strict-first-visit-locked',
  );
  box.addEventListener('change', () => setStrict(box.checked));
  const label = el(doc, 'label', { text: t('options_strict_label') });
  label.htmlFor = box.id;
  root.replaceChildren(
    el(
      doc,
      'div',
      { className: 'choice' },
      box,
      label,
      el(doc, 'p', { className: 'hint', id: 'strict-first-visit-hint', text: t('options_strict_hint') }),
      ...(locked === undefined
        ? []
        : [
            el(doc, 'p', {
              className: 'hint locked',
              id: 'strict-first-visit-locked',
              text: t('options_strict_locked'),
            }),
          ]),
    ),
  );
}
