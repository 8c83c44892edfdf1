/**
 * The toolbar popup's address: the background sets it per tab (action.setPopup) with the tab's id
 * and a snapshot of what the toolbar shows, so the popup renders the verdict from its own URL
 * before any round trip. The query string is input like any other: read back strictly (known
 * keys once each, enums, integers, hosts re-checked with the domain parser's rules), refused
 * whole when anything is off, and only ever shown as text until the background confirms it.
 */
import { isHostSyntax } from './host-syntax.js';
import type { FrameRecord } from './message-shapes.js';
import type { Category, Reason, RiskLevel } from './verdict.js';

/** The popup page, relative to the package root: the generic one, for any tab and any snapshot. */
export const POPUP_PAGE = 'popup/index.html';

/** The levels a snapshot can carry: the build writes a popup page for each (scripts/popup-pages.mjs). */
export const SNAPSHOT_LEVELS = ['safe', 'suspicious', 'dangerous'] as const satisfies readonly RiskLevel[];

/** The catalogues Snowman ships (`_locales/<locale>`), each with its own set of level pages. */
export const POPUP_LOCALES: readonly string[] = ['en', 'de'];

/**
 * The popup page already showing `level`'s verdict in `locale`'s words (`popup/<level>.<locale>.html`,
 * written by the build), so the verdict paints with the HTML; the generic page for a locale
 * without such pages.
 */
export function popupPage(level: RiskLevel, locale: string): string {
  return POPUP_LOCALES.includes(locale) ? `popup/${level}.${locale}.html` : POPUP_PAGE;
}

/** What the toolbar shows for the tab's page, as the popup's first render shows it. */
export interface SnapshotSite {
  readonly level: RiskLevel;
  readonly category: Category;
  /** The page's host, ASCII as the browser has it; when `cut`, only its rightmost labels. */
  readonly host: string;
  /** `host` with its IDN labels in Unicode (the name the popup shows); equal to `host` for others. */
  readonly shown: string;
  /** Leftmost labels were dropped to bound the address. */
  readonly cut: boolean;
  /** How many of the host's last labels are its registrable domain (0: none). */
  readonly siteLabels: number;
  /** Calibrated risk in thousandths, rounded down; null when the verdict has none. */
  readonly risk: number | null;
  /** The verdict's reason kinds, in order. */
  readonly reasons: readonly SnapshotReason[];
  /** For a lookalike: the popular site it imitates. */
  readonly target?: string;
}

/** Reasons a snapshot can carry: the kinds a verdict on a web name gives (never "unscorable"). */
export type SnapshotReason = Exclude<Reason['kind'], 'unscorable'>;

/** What the popup's address says. */
export interface PopupAddress {
  /** The tab to show; null: the active tab. */
  readonly tabId: number | null;
  /** The toolbar opened it (the background's per-tab address). */
  readonly fromToolbar: boolean;
  /** The toolbar's verdict for the page; null when there is none or it was refused. */
  readonly site: SnapshotSite | null;
}

const LEVELS: readonly string[] = SNAPSHOT_LEVELS;
const CATEGORIES: readonly string[] = ['benign', 'malicious', 'dga', '-'] satisfies Category[];
const REASONS: readonly string[] = [
  'model',
  'popular',
  'listed',
  'lookalike',
  'user-trusted',
  'user-blocked',
  'org-trusted',
  'org-blocked',
  'imported-trusted',
  'imported-blocked',
] satisfies SnapshotReason[];
const MAX_REASONS = 4;
/**
 * The host's share of the address, its ASCII and its encoded Unicode form together: every ASCII
 * host fits (at most 253 characters); an IDN whose Unicode form would take more loses labels on the left.
 */
export const MAX_HOST_CHARS = 600;
const MAX_TAB_ID = 2 ** 31 - 1;
const KEYS = new Set(['tab', 'via', 'level', 'category', 'host', 'shown', 'cut', 'site', 'risk', 'why', 'like']);
const SITE_KEYS = ['level', 'category', 'host', 'site'] as const;
const INTEGER = /^(?:0|[1-9]\d{0,9})$/;
// A Unicode label as an IDN decodes: letters, marks and digits, inner hyphens; no dots, spaces, controls or format characters.
const UNICODE_LABEL = /^(?!-)[\p{L}\p{M}\p{Nd}-]{1,63}(?<!-)$/u;

function integer(text: string | null, max: number): number | null {
  if (text === null || !INTEGER.test(text)) return null;
  const value = Number(text);
  return value <= max ? value : null;
}

/** `shown` is `host` label by label, an `xn--` label in any letters, every other label as it is. */
function matchesShown(host: string, shown: string): boolean {
  const ascii = host.split('.');
  const unicode = shown.split('.');
  return (
    ascii.length === unicode.length &&
    ascii.every((label, i) => (label.startsWith('xn--') ? UNICODE_LABEL.test(unicode[i]!) : label === unicode[i]))
  );
}

/** The rightmost labels of both forms of a host that fit the address budget; null when not even the registrable domain fits. */
function bounded(
  host: string,
  shown: string,
  siteLabels: number,
): { host: string; shown: string; cut: boolean } | null {
  const ascii = host.split('.');
  const unicode = shown.split('.');
  for (let drop = 0; ascii.length - drop >= Math.max(2, siteLabels); drop++) {
    const h = ascii.slice(drop).join('.');
    const s = unicode.slice(drop).join('.');
    if (h.length + (s === h ? 0 : encodeURIComponent(s).length) <= MAX_HOST_CHARS)
      return { host: h, shown: s, cut: drop > 0 };
  }
  return null;
}

/** The snapshot of a recorded main frame; null when the toolbar shows no verdict for a web name. */
export function snapshotOf(frame: FrameRecord | null): SnapshotSite | null {
  const recorded = frame?.site;
  if (!frame || !recorded || !LEVELS.includes(recorded.verdict.level)) return null;
  const { verdict, registrableDomain } = recorded;
  const siteLabels = registrableDomain === null ? 0 : registrableDomain.split('.').length;
  const fits = bounded(frame.host, recorded.displayHost, siteLabels);
  if (!fits) return null;
  const reasons = [...new Set(verdict.reasons.map((reason) => reason.kind))].filter((kind): kind is SnapshotReason =>
    REASONS.includes(kind),
  );
  const target = verdict.reasons.find((reason) => reason.kind === 'lookalike')?.target;
  const risk = verdict.risk;
  const site: SnapshotSite = {
    level: verdict.level as RiskLevel,
    category: verdict.category,
    ...fits,
    siteLabels,
    risk: risk !== null && Number.isFinite(risk) ? Math.floor(Math.min(1, Math.max(0, risk)) * 1000) : null,
    reasons: reasons.slice(0, MAX_REASONS),
    ...(target !== undefined && isHostSyntax(target) ? { target } : {}),
  };
  // What the popup would refuse is not sent: the background holds itself to the same rules.
  return checkedSite(site) ? site : null;
}

function checkedSite(site: SnapshotSite): boolean {
  const labels = site.host.split('.').length;
  return (
    isHostSyntax(site.host) &&
    matchesShown(site.host, site.shown) &&
    site.siteLabels <= labels &&
    (site.target === undefined || (isHostSyntax(site.target) && site.reasons.includes('lookalike')))
  );
}

/**
 * The popup's address for `tabId`, opened from the toolbar, showing `site` first: on the page of
 * its level in the catalogue `locale` the browser reads (the generic page without a snapshot).
 */
export function popupAddress(tabId: number, site: SnapshotSite | null, locale: string): string {
  const query = new URLSearchParams({ tab: String(tabId), via: 'toolbar' });
  if (site) {
    query.set('level', site.level);
    query.set('category', site.category);
    query.set('host', site.host);
    if (site.shown !== site.host) query.set('shown', site.shown);
    if (site.cut) query.set('cut', '1');
    query.set('site', String(site.siteLabels));
    if (site.risk !== null) query.set('risk', String(site.risk));
    if (site.reasons.length > 0) query.set('why', site.reasons.join(','));
    if (site.target !== undefined) query.set('like', site.target);
  }
  return `${site ? popupPage(site.level, locale) : POPUP_PAGE}?${query.toString()}`;
}

function readSite(query: URLSearchParams): SnapshotSite | null {
  if (SITE_KEYS.some((key) => !query.has(key))) return null;
  const level = query.get('level')!;
  const category = query.get('category')!;
  const host = query.get('host')!;
  const shown = query.get('shown') ?? host;
  const cut = query.get('cut');
  const siteLabels = integer(query.get('site'), 127);
  const risk = query.has('risk') ? integer(query.get('risk'), 1000) : null;
  const why = query.get('why');
  const reasons = why === null ? [] : why.split(',');
  const target = query.get('like');
  if (
    !LEVELS.includes(level) ||
    !CATEGORIES.includes(category) ||
    (cut !== null && cut !== '1') ||
    siteLabels === null ||
    (query.has('risk') && risk === null) ||
    reasons.length > MAX_REASONS ||
    new Set(reasons).size !== reasons.length ||
    !reasons.every((kind) => REASONS.includes(kind))
  )
    return null;
  const site: SnapshotSite = {
    level: level as RiskLevel,
    category: category as Category,
    host,
    shown,
    cut: cut === '1',
    siteLabels,
    risk,
    reasons: reasons as SnapshotReason[],
    ...(target === null ? {} : { target }),
  };
  return checkedSite(site) ? site : null;
}

/**
 * What the popup's address (`location.search`) says. A tab id that is not a plain integer is no
 * tab at all (the active tab is shown); a snapshot in an address with any unknown or repeated key,
 * or with any malformed part, is refused whole.
 */
export function readPopupAddress(search: string): PopupAddress {
  const query = new URLSearchParams(search);
  const keys = [...query.keys()];
  const tabId = integer(query.get('tab'), MAX_TAB_ID);
  const clean = keys.every((key) => KEYS.has(key)) && new Set(keys).size === keys.length;
  if (tabId === null || !clean) return { tabId, fromToolbar: false, site: null };
  const fromToolbar = query.get('via') === 'toolbar';
  return { tabId, fromToolbar, site: fromToolbar ? readSite(query) : null };
}
