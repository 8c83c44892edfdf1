/**
 * The popup's DOM, rebuilt from its state on every change (a few dozen nodes: cheaper than
 * diffing). Elements and text nodes only, never HTML strings. Takes the document as an argument
 * so DOM tests can render it.
 */
import type { PageSummary, RiskyDomain, SiteDetails } from '../core/messages.js';
import { labelCount } from '../core/name-segments.js';
import type { ModelStatus } from '../core/messages.js';
import { el } from '../ui/dom.js';
import { renderName } from '../ui/name-view.js';
import { LEVEL_WORDS, plainReasons } from '../ui/plain-words.js';
import { meterFor } from '../ui/risk-meter.js';
import type { Category } from '../core/verdict.js';
import type { UncheckedReason } from '../core/messages.js';
import { t, type MessageKey } from '../platform/i18n.js';

export interface PopupState {
  /** The tab's host as the browser reports it, shown before the background answers. */
  readonly host: string | null;
  readonly site: SiteDetails | null;
  /** Why the site has no verdict (not a web page, local address, background error). */
  readonly siteError: string | null;
  readonly summary: PageSummary | null;
  readonly status: ModelStatus | null;
  /** Feedback after an action ("Copied", "Trusted …"). */
  readonly notice: string | null;
  readonly busy: boolean;
  /** The tab shows Snowman's warning for this site (the site itself was not opened). */
  readonly warned?: boolean;
}

export interface PopupActions {
  trust(): void;
  untrust(): void;
  block(): void;
  unblock(): void;
  pause(paused: boolean): void;
  copyReport(): void;
  saveReport(): void;
  reveal(host: string): void;
}

const CATEGORY_WORDS: Readonly<Record<Category, string>> = {
  malicious: 'phishing-like name',
  dga: 'algorithmically generated name',
  benign: 'no risk category',
  '-': '',
};

function button(doc: Document, label: string, onClick: () => void, disabled: boolean, id: string): HTMLButtonElement {
  const node = el(doc, 'button', { text: label });
  node.type = 'button';
  node.id = id;
  node.disabled = disabled;
  node.addEventListener('click', onClick);
  return node;
}

function gauge(doc: Document, value: number, text: string, level: string): HTMLElement {
  const bar = el(doc, 'div', { className: `gauge level-${level}` });
  bar.setAttribute('role', 'meter');
  bar.setAttribute('aria-label', 'Risk');
  bar.setAttribute('aria-valuemin', '0');
  bar.setAttribute('aria-valuemax', '100');
  bar.setAttribute('aria-valuenow', String(Math.round(value * 100)));
  bar.setAttribute('aria-valuetext', text);
  const fill = el(doc, 'span');
  fill.style.width = `${Math.round(value * 100)}%`;
  bar.append(fill);
  return bar;
}

const UNCHECKED_KEYS = {
  slow: 'checking_unchecked_slow',
  failed: 'checking_unchecked_failed',
  'no-verdict': 'checking_unchecked_no_verdict',
} as const satisfies Record<UncheckedReason, MessageKey>;

/** Strict mode let this site open before it was judged: say why. */
function uncheckedNote(doc: Document, reason: UncheckedReason): HTMLElement {
  const note = el(doc, 'p', { className: 'note unchecked', text: t(UNCHECKED_KEYS[reason]) });
  note.id = 'site-unchecked';
  return note;
}

function siteSection(doc: Document, state: PopupState): HTMLElement {
  const section = el(doc, 'section', { className: 'site' });
  section.setAttribute('aria-label', 'This site');
  const { site } = state;
  const name = el(doc, 'h1', { className: 'name' });
  name.id = 'site-name';
  // The highlight answers "why is this flagged?": shown for flagged sites only.
  const flagged = site?.verdict.level === 'suspicious' || site?.verdict.level === 'dangerous';
  if (site) renderName(name, site.displayHost, site.registrableDomain, flagged ? site.explanation : []);
  else name.textContent = state.host ?? (state.siteError ? 'No web page' : '…');
  section.append(name);
  if (!site) {
    section.append(
      el(doc, 'p', { className: state.siteError ? 'muted' : 'muted', text: state.siteError ?? 'Checking…' }),
    );
    return section;
  }
  const { level, category } = site.verdict;
  const verdict = el(doc, 'p', { className: `verdict level-${level}`, text: LEVEL_WORDS[level] });
  verdict.id = 'site-verdict';
  const categoryText = CATEGORY_WORDS[category] ?? category;
  if (categoryText && level !== 'safe') verdict.append(doc.createTextNode(` · ${categoryText}`));
  const reason = plainReasons(site.verdict)[0];
  // Verdict first, then the one plain reason, then the meter: the name is context, not the answer.
  section.prepend(verdict);
  if (reason !== undefined) {
    const why = el(doc, 'p', { className: 'reason', text: reason });
    why.id = 'site-reason';
    section.append(why);
  }
  const meter = meterFor(site.verdict);
  if (meter) {
    section.append(gauge(doc, meter.value, meter.text, level));
    section.append(
      el(doc, 'p', {
        className: 'muted meter-text',
        text: `${meter.text}${flagged && site.explanation.length > 0 ? ' · highlighted: the part of the name that drove it' : ''}`,
      }),
    );
  }
  if (site.unchecked !== undefined) section.append(uncheckedNote(doc, site.unchecked));
  if (state.warned)
    section.append(
      el(doc, 'p', {
        className: 'note warned',
        text: `Snowman stopped ${site.displayHost} before it opened. This tab shows the warning.`,
      }),
    );
  return section;
}

function actionsSection(doc: Document, state: PopupState, actions: PopupActions): HTMLElement {
  const section = el(doc, 'section', { className: 'actions' });
  section.setAttribute('aria-label', 'Actions');
  const choice = state.site?.choice;
  const off = !state.site || state.busy;
  section.append(
    choice?.trusted
      ? button(doc, 'Stop trusting', actions.untrust, off, 'untrust')
      : button(doc, 'Trust this site', actions.trust, off, 'trust'),
    choice?.blocked
      ? button(doc, 'Unblock', actions.unblock, off, 'unblock')
      : button(doc, 'Block this site', actions.block, off, 'block'),
    choice?.paused
      ? button(doc, 'Resume protection', () => actions.pause(false), off, 'resume')
      : button(doc, 'Pause here', () => actions.pause(true), off, 'pause'),
    button(doc, 'Copy report', actions.copyReport, !state.site, 'copy-report'),
    button(doc, 'Save report', actions.saveReport, !state.site, 'save-report'),
  );
  if (state.site) {
    // The site key in the Unicode form the name above shows (the popup bundles no punycode decoder).
    const shown = state.site.displayHost.split('.').slice(-labelCount(state.site.site)).join('.');
    const hint = choice?.paused
      ? `Protection is paused on ${shown}: no warnings and no link badges there until you resume it.`
      : `Pause here: no warnings and no link badges on ${shown} until you resume it.`;
    const line = el(doc, 'p', { className: 'note pause-hint', text: hint });
    line.id = 'pause-hint';
    section.append(line);
    section.querySelector('#pause, #resume')?.setAttribute('aria-describedby', 'pause-hint');
  }
  if (state.notice) {
    const notice = el(doc, 'p', { className: 'note', text: state.notice });
    notice.id = 'notice';
    notice.setAttribute('role', 'status');
    notice.style.flexBasis = '100%';
    section.append(notice);
  }
  return section;
}

function riskyItem(doc: Document, domain: RiskyDomain, reveal: (host: string) => void): HTMLLIElement {
  const item = el(doc, 'li');
  const control = el(doc, 'button');
  control.type = 'button';
  control.title = 'Show the first link to this domain on the page';
  const host = el(doc, 'span', { className: 'host' });
  renderName(host, domain.displayHost, domain.registrableDomain, []);
  const level = el(doc, 'span', { className: `level-${domain.level}`, text: LEVEL_WORDS[domain.level] });
  const facts = [CATEGORY_WORDS[domain.category], `${domain.links} link${domain.links === 1 ? '' : 's'}`].filter(
    Boolean,
  );
  control.append(host, level, el(doc, 'span', { className: 'meta', text: facts.join(' · ') }));
  control.addEventListener('click', () => reveal(domain.host));
  item.append(control);
  return item;
}

function linksSection(doc: Document, summary: PageSummary | null, actions: PopupActions, warned: boolean): HTMLElement {
  const section = el(doc, 'section', { className: 'links' });
  section.id = 'links';
  section.append(el(doc, 'h2', { text: 'Links on this page' }));
  if (!summary) {
    section.append(
      el(doc, 'p', {
        className: 'muted',
        text: warned ? 'The site was not opened, so it has no links to check.' : 'No links checked on this page.',
      }),
    );
    return section;
  }
  const counts = el(doc, 'p', { className: 'counts' });
  counts.id = 'link-counts';
  const d = summary.domainsByLevel;
  for (const text of [
    `${summary.links} links`,
    `${summary.domains} domains (${summary.registrableDomains} sites)`,
    `${d.dangerous} dangerous`,
    `${d.suspicious} suspicious`,
    `${d.safe} safe`,
    ...(d.unscorable + d.error > 0 ? [`${d.unscorable + d.error} not scored`] : []),
  ])
    counts.append(el(doc, 'span', { text }));
  section.append(counts);
  if (summary.paused)
    section.append(
      el(doc, 'p', { className: 'note', text: 'Protection is paused on this site: links are not marked.' }),
    );
  if (summary.refused > 0)
    section.append(
      el(doc, 'p', { className: 'note', text: `${summary.refused} more domains were not checked (limit per page).` }),
    );
  if (summary.risky.length > 0) {
    const list = el(doc, 'ul', { className: 'risky' });
    list.id = 'risky-list';
    list.setAttribute('aria-label', 'Risky linked domains, worst first');
    for (const domain of summary.risky) list.append(riskyItem(doc, domain, actions.reveal));
    section.append(list);
  }
  return section;
}

function statusSection(doc: Document, state: PopupState): HTMLElement {
  const footer = el(doc, 'section', { className: 'status' });
  footer.id = 'status';
  const { status, summary } = state;
  if (!status) footer.textContent = 'Snowman is starting…';
  else if (status.state === 'error') {
    footer.classList.add('error');
    footer.textContent = `Not checking sites: ${status.error ?? 'the model did not load'}`;
  } else if (status.state === 'loading') footer.textContent = 'Loading the model…';
  else {
    const parts = [`Model ${status.modelVersion ?? '?'}`, `${status.backend ?? '?'} backend`];
    if (status.fallbackReason) parts.push(`(${status.fallbackReason})`);
    if (summary) parts.push(`links scored in ${summary.scoringMs} ms`);
    footer.textContent = parts.join(' · ');
  }
  return footer;
}

/** Replaces the content of `root` with the popup for `state`. */
export function renderPopup(doc: Document, root: HTMLElement, state: PopupState, actions: PopupActions): void {
  root.replaceChildren(
    siteSection(doc, state),
    actionsSection(doc, state, actions),
    linksSection(doc, state.summary, actions, state.warned === true),
    statusSection(doc, state),
  );
}
