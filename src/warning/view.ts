/**
 * The warning page's DOM, built from elements and text nodes only (never HTML strings), so a
 * hostile name or reason can never become markup. Takes the document as an argument for DOM tests.
 */
import { toDisplayHost } from '../core/display-host.js';
import type { ExplanationSpan, WarningDetails } from '../core/messages.js';

export interface WarningActions {
  back(): void;
  continueToSite(): void;
  trustSite(): void;
}

const LEVEL_WORDS: Record<string, string> = {
  dangerous: 'Dangerous',
  suspicious: 'Suspicious',
  safe: 'Not flagged',
  unscorable: 'Not scored',
};

const CATEGORY_WORDS: Record<string, string> = {
  malicious: 'phishing-like (the name resembles phishing or malware sites)',
  dga: 'algorithmically generated (names like this are made by malware)',
  benign: 'no risk category',
  '-': 'no category',
};

function el<K extends keyof HTMLElementTagNameMap>(doc: Document, tag: K, props: { className?: string; text?: string; id?: string } = {}, ...children: Node[]): HTMLElementTagNameMap[K] {
  const node = doc.createElement(tag);
  if (props.className !== undefined) node.className = props.className;
  if (props.id !== undefined) node.id = props.id;
  if (props.text !== undefined) node.append(doc.createTextNode(props.text));
  node.append(...children);
  return node;
}

function button(doc: Document, label: string, className: string, onClick: () => void): HTMLButtonElement {
  const node = el(doc, 'button', { className, text: label });
  node.type = 'button';
  node.addEventListener('click', onClick);
  return node;
}

/** The host in Unicode with its registrable domain in <strong>. */
export function hostNode(doc: Document, displayHost: string, registrableDomain: string | null): HTMLElement {
  const container = el(doc, 'span', { className: 'host' });
  const registrable = registrableDomain === null ? null : toDisplayHost(registrableDomain);
  if (registrable !== null && displayHost.endsWith(registrable)) {
    const prefix = displayHost.slice(0, displayHost.length - registrable.length);
    if (prefix !== '') container.append(doc.createTextNode(prefix));
    container.append(el(doc, 'strong', { text: registrable }));
  } else {
    container.append(doc.createTextNode(displayHost));
  }
  return container;
}

/**
 * Fills the explanation slot: the host with the spans that drove the score marked. Hidden when
 * there are no spans (the model explainer is optional).
 */
export function renderExplanation(doc: Document, slot: HTMLElement, displayHost: string, spans: readonly ExplanationSpan[] | undefined): void {
  slot.replaceChildren();
  const valid = (spans ?? []).filter((s) => Number.isInteger(s.start) && Number.isInteger(s.end) && s.start >= 0 && s.end > s.start && s.end <= displayHost.length).sort((a, b) => a.start - b.start);
  slot.hidden = valid.length === 0;
  if (slot.hidden) return;
  const line = el(doc, 'p', { className: 'explained-host' });
  let at = 0;
  for (const span of valid) {
    if (span.start < at) continue;
    if (span.start > at) line.append(doc.createTextNode(displayHost.slice(at, span.start)));
    const mark = el(doc, 'mark', { text: displayHost.slice(span.start, span.end) });
    mark.style.setProperty('--weight', String(Math.min(1, Math.max(0, span.weight))));
    line.append(mark);
    at = span.end;
  }
  if (at < displayHost.length) line.append(doc.createTextNode(displayHost.slice(at)));
  slot.append(el(doc, 'h2', { text: 'What drove the score' }), line);
}

/** Renders the full warning for `details` into `root`; returns the button to focus first. */
export function renderWarning(doc: Document, root: HTMLElement, details: WarningDetails, actions: WarningActions): HTMLButtonElement {
  const { verdict } = details;
  const level = verdict.level;
  const site = toDisplayHost(details.site);
  const back = button(doc, 'Go back', 'primary', actions.back);
  const facts = el(
    doc,
    'dl',
    { className: 'facts' },
    el(doc, 'dt', { text: 'Verdict' }),
    el(doc, 'dd', { className: `level level-${level}`, text: LEVEL_WORDS[level] ?? level }),
    el(doc, 'dt', { text: 'Category' }),
    el(doc, 'dd', { className: 'category', text: CATEGORY_WORDS[verdict.category] ?? verdict.category }),
    el(doc, 'dt', { text: 'Score' }),
    el(doc, 'dd', { className: 'score', text: verdict.score === null ? 'not scored' : verdict.score.toFixed(3) }),
  );
  const reasons = el(doc, 'ul', { className: 'reasons' }, ...verdict.reasons.map((r) => el(doc, 'li', { text: r.message })));
  const explanation = el(doc, 'section', { className: 'explanation', id: 'explanation' });
  renderExplanation(doc, explanation, details.displayHost, details.explanation);
  const headline = level === 'dangerous' ? 'Snowman stopped this site' : level === 'suspicious' ? 'This site looks suspicious' : 'Snowman paused this page';

  root.replaceChildren(
    el(doc, 'h1', { text: headline }),
    el(doc, 'p', { className: 'target' }, hostNode(doc, details.displayHost, details.registrableDomain)),
    el(doc, 'p', { className: 'url', text: details.url }),
    facts,
    el(doc, 'h2', { text: 'Why' }),
    reasons,
    explanation,
    el(
      doc,
      'div',
      { className: 'actions' },
      back,
      button(doc, `Continue to ${site}`, 'secondary continue', actions.continueToSite),
      button(doc, `Always trust ${site}`, 'tertiary trust', actions.trustSite),
    ),
    el(doc, 'p', { className: 'note', text: `"Continue" lets ${site} through until you close the browser. "Always trust" keeps it allowed; you can remove it in Snowman's options.` }),
  );
  return back;
}

/** Renders the refusal for a target that cannot be opened: the reason and Go back only. */
export function renderRefused(doc: Document, root: HTMLElement, message: string, back: () => void): HTMLButtonElement {
  const backButton = button(doc, 'Go back', 'primary', back);
  root.replaceChildren(
    el(doc, 'h1', { text: 'Snowman will not open this address' }),
    el(doc, 'p', { className: 'refused', text: message }),
    el(doc, 'div', { className: 'actions' }, backButton),
  );
  return backButton;
}

/** Shows an error line under the actions (e.g. the background did not answer). */
export function renderError(doc: Document, root: HTMLElement, message: string): void {
  root.querySelector('.error')?.remove();
  const line = el(doc, 'p', { className: 'error', text: message });
  line.setAttribute('role', 'alert');
  root.append(line);
}
