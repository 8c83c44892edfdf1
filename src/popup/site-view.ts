/**
 * The popup's site section: the verdict first (level word, colour, the plain reason), then the
 * name, the meter and notes. Its own file so the popup's first script (first.ts) can show the
 * verdict without the rest of the popup's code. Elements and text nodes only, never HTML strings.
 */
import type { ModelStatus, PageSummary, SiteDetails, UncheckedReason } from '../core/messages.js';
import { SNAPSHOT_LEVELS } from '../core/popup-snapshot.js';
import type { RiskLevel } from '../core/verdict.js';
import { el } from '../ui/dom.js';
import { renderName } from '../ui/name-view.js';
import { categoryWord, levelWord, plainReasons } from '../ui/plain-words.js';
import { meterFor } from '../ui/risk-meter.js';
import { decidedByText } from '../ui/decided-by.js';
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
  /**
   * `site` is the verdict the background recorded for the tab, shown until it answers: the
   * choices it holds are not known yet, so the actions stay off.
   */
  readonly provisional?: boolean;
  /** The tab shows Snowman's warning for this site (the site itself was not opened). */
  readonly warned?: boolean;
}

function gauge(doc: Document, value: number, text: string, level: string): HTMLElement {
  const bar = el(doc, 'div', { className: `gauge level-${level}` });
  bar.setAttribute('role', 'meter');
  bar.setAttribute('aria-label', t('popup_meter_label'));
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
  section.setAttribute('aria-label', t('popup_site_label'));
  const { site } = state;
  const name = el(doc, 'h1', { className: 'name' });
  name.id = 'site-name';
  // The highlight answers "why is this flagged?": shown for flagged sites only.
  const flagged = site?.verdict.level === 'suspicious' || site?.verdict.level === 'dangerous';
  if (site) renderName(name, site.displayHost, site.registrableDomain, flagged ? site.explanation : []);
  else name.textContent = state.host ?? (state.siteError ? t('popup_no_web_page_name') : '…');
  section.append(name);
  if (!site) {
    section.append(el(doc, 'p', { className: 'muted', text: state.siteError ?? t('popup_checking') }));
    return section;
  }
  const { level, category } = site.verdict;
  const verdict = el(doc, 'p', { className: `verdict level-${level}`, text: levelWord(level) });
  verdict.id = 'site-verdict';
  // As the level pages' built-in verdict has it (scripts/popup-pages.mjs): a patch finds them equal and keeps it.
  verdict.dataset['level'] = level;
  const categoryText = categoryWord(category);
  if (categoryText && level !== 'safe') verdict.append(doc.createTextNode(` · ${categoryText}`));
  const reason = plainReasons(site.verdict)[0];
  // Verdict first, then the one plain reason, then the meter: the name is context, not the answer.
  section.prepend(verdict);
  if (reason !== undefined) {
    const why = el(doc, 'p', { className: 'reason', text: reason });
    why.id = 'site-reason';
    section.append(why);
  }
  const decidedBy = decidedByText(site.decidedBy);
  if (decidedBy !== null) {
    const line = el(doc, 'p', { className: 'decided-by', text: decidedBy });
    line.id = 'decided-by';
    section.append(line);
  }
  const meter = meterFor(site.verdict);
  if (meter) {
    section.append(gauge(doc, meter.value, meter.text, level));
    section.append(
      el(doc, 'p', {
        className: 'muted meter-text',
        text: `${meter.text}${flagged && site.explanation.length > 0 ? ` · ${t('popup_highlight_note')}` : ''}`,
      }),
    );
  }
  if (site.unchecked !== undefined) section.append(uncheckedNote(doc, site.unchecked));
  if (state.warned)
    section.append(
      el(doc, 'p', {
        className: 'note warned',
        text: t('popup_warned_note', site.displayHost),
      }),
    );
  return section;
}

/** The section last built and the inputs it shows: a render that changes none of them keeps it. */
let lastSite: {
  doc: Document;
  key: readonly unknown[];
  node: HTMLElement;
} | null = null;

const siteInputs = (state: PopupState): readonly unknown[] => [
  state.host,
  state.site,
  state.siteError,
  state.provisional === true,
  state.warned === true,
];

/**
 * Brings `shown` (a site section on the page) to `fresh`, part by part: the parts that say the
 * same stay the same nodes, so a verdict confirmed by a later answer is not built again.
 */
function patchSection(shown: HTMLElement, fresh: HTMLElement): void {
  const next = [...fresh.children];
  next.forEach((part, i) => {
    const current = shown.children[i];
    if (!current) shown.append(part);
    else if (!current.isEqualNode(part)) current.replaceWith(part);
  });
  while (shown.children.length > next.length) shown.lastElementChild!.remove();
}

/**
 * The site section for `state`: the one already built, kept as it is when it shows the same
 * inputs, and otherwise changed in the parts that differ.
 */
export function siteSectionFor(doc: Document, state: PopupState): HTMLElement {
  const key = siteInputs(state);
  const last = lastSite;
  if (last && last.doc === doc && last.key.every((value, i) => value === key[i])) return last.node;
  const fresh = siteSection(doc, state);
  const node = last && last.doc === doc ? (patchSection(last.node, fresh), last.node) : fresh;
  lastSite = { doc, key, node };
  return node;
}

/** Stands for the inputs of a section the build wrote into the page: no render's inputs equal it. */
const BUILT: readonly unknown[] = [Symbol('built')];

/**
 * The level of the verdict a level page was built with (`popup/<level>.<locale>.html`), its site
 * section taken as the one last built, so the first render patches it; null on the generic page.
 */
export function adoptBuiltSection(doc: Document): RiskLevel | null {
  const verdict = doc.getElementById('site-verdict');
  const section = verdict?.parentElement;
  const level = verdict?.dataset['level'];
  if (!section || level === undefined || !(SNAPSHOT_LEVELS as readonly string[]).includes(level)) return null;
  lastSite = { doc, key: BUILT, node: section };
  return level as RiskLevel;
}

/** Takes `node`, which another script of the page built for `state`, as the section last built. */
export function adoptSiteSection(doc: Document, state: PopupState, node: HTMLElement): void {
  lastSite = { doc, key: siteInputs(state), node };
}
