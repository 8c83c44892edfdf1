/**
 * The data that crosses the message contract (core/messages.ts): what the background answers with,
 * and what it keeps in storage.session for the popup. Types only, plus the limits and the storage
 * key both sides must agree on; core/messages.ts re-exports all of it.
 */
import type { Category, Reason, Verdict, VerdictLevel } from './verdict.js';

/** What the background knows about its model, for the popup and options pages. */
export interface ModelStatus {
  readonly state: 'loading' | 'ready' | 'error';
  readonly modelVersion?: string;
  /** tfjs backend in use: `wasm`, or `cpu` after a fallback. */
  readonly backend?: string;
  readonly engine?: string;
  /** Why WASM is not in use, when the backend fell back to cpu. */
  readonly fallbackReason?: string;
  /** Why the model could not load (state `error`). */
  readonly error?: string;
  /** Changes every time the background starts: tells a restarted worker from a running one. */
  readonly bootId: string;
  readonly startedAt: number;
}

/** A character range of the displayed host name that pushed the score up. */
export interface ExplanationSpan {
  /** Start and end offsets (end exclusive) in `displayHost`. */
  readonly start: number;
  readonly end: number;
  /** Relative contribution, 0–1, for shading. */
  readonly weight: number;
}

/** One scored frame of a tab. */
export interface FrameRecord {
  readonly url: string;
  readonly host: string;
  readonly level: VerdictLevel | 'error';
  readonly category: Category;
  readonly score: number | null;
  /** The quick check decided (the full model was still starting); the full model's verdict replaces it. */
  readonly quickCheck?: true;
  /**
   * Main frames only: the whole verdict and the names the popup shows, so it can render the
   * verdict from this record (one storage read) before the background answers.
   */
  readonly site?: RecordedSite;
}

/** A main frame's verdict as recorded in storage.session (FrameRecord.site). */
export interface RecordedSite {
  readonly displayHost: string;
  readonly registrableDomain: string | null;
  /** The key user choices apply to. */
  readonly site: string;
  readonly verdict: Verdict;
}

/** What the background recorded about a tab's current page: the main frame and its subframes. */
export interface TabRecord {
  readonly tabId: number;
  readonly main: FrameRecord | null;
  /** Subframe navigations since the main frame's, oldest first (capped). */
  readonly frames: readonly FrameRecord[];
  readonly updatedAt: number;
}

/** Measured inside the background since it started (performance.now() is ms since worker start). */
/** Where a navigation verdict came from (see BackgroundMetrics.firstVerdictBy). */
export type VerdictSource = 'model' | 'quick-check' | 'no-score';

export interface BackgroundMetrics {
  /** Worker start → model loaded and warmed up. */
  readonly readyMs: number | null;
  /** Worker start → first navigation verdict. */
  readonly firstVerdictMs: number | null;
  /** What gave that verdict: the full model (or its score cached this session), the quick check, or no score (listed, unscorable, model unavailable). */
  readonly firstVerdictBy: VerdictSource | null;
  /** Navigation event → decision (redirect issued or let through), most recent last (capped). */
  readonly decisionsMs: readonly number[];
  /** When each start-up step finished, ms since worker start. */
  readonly stagesMs: Readonly<Record<string, number>>;
  /** tfjs WASM heap, and bytes held by live tensors. */
  readonly wasmHeapBytes: number | null;
  readonly tensorBytes: number;
}

/** What a content script may ask for in one message, and per page (the background enforces both). */
export const LINK_LIMITS = {
  /** Host names per `score-links` message. */
  hostsPerMessage: 500,
  /** Distinct host names scored for one page; further ones are refused (counted, not scored). */
  hostsPerPage: 5000,
  /** A DNS name is at most 253 characters. */
  hostLength: 253,
  /** Links counted for one host. */
  linksPerHost: 1_000_000,
  pageId: 64,
} as const;

/** storage.session key of a tab's record (tab-records.ts; the popup reads it directly). */
export function tabRecordStorageKey(tabId: number): string {
  return `tab:${tabId}`;
}

/** storage.session key of a tab's page summary (the popup listens for its changes). */
export function summaryStorageKey(tabId: number): string {
  return `links:${tabId}`;
}

/** A risky linked host, as the content script needs it for the badge and its tooltip. */
export interface LinkVerdict {
  /** The host exactly as the content script sent it. */
  readonly host: string;
  readonly displayHost: string;
  readonly registrableDomain: string | null;
  readonly level: 'suspicious' | 'dangerous';
  readonly category: Category;
  readonly score: number | null;
  /** The strongest reason, worded by the page in the reader's language (null: none). */
  readonly reason: Reason | null;
  /** Spans of `displayHost` that drove the score. */
  readonly explanation: readonly ExplanationSpan[];
}

/** One risky linked domain of a page, for the popup. */
export interface RiskyDomain {
  readonly host: string;
  readonly displayHost: string;
  readonly registrableDomain: string | null;
  readonly level: 'suspicious' | 'dangerous';
  readonly category: Category;
  readonly score: number | null;
  readonly links: number;
}

export type LinkLevel = VerdictLevel | 'error';

/** What the background knows about a tab's page and its links. */
export interface PageSummary {
  readonly tabId: number;
  /** The page's own verdict (from the navigation guard's record), null before it is known. */
  readonly page: FrameRecord | null;
  readonly links: number;
  readonly domains: number;
  readonly registrableDomains: number;
  /** Distinct linked hosts per verdict. */
  readonly domainsByLevel: Readonly<Record<LinkLevel, number>>;
  /** Links per verdict of their host. */
  readonly linksByLevel: Readonly<Record<LinkLevel, number>>;
  /** Worst first (dangerous before suspicious, then by score, then by number of links). */
  readonly risky: readonly RiskyDomain[];
  /** Wall-clock time the background spent judging this page's links (concurrent batches count once). */
  readonly scoringMs: number;
  /** Hosts beyond the per-page cap, not scored. */
  readonly refused: number;
  /** Protection is paused for this page's site: links are counted but never badged. */
  readonly paused: boolean;
}

/**
 * One site as the popup and the warning page show it: verdict, explanation, what the user chose for
 * it, and whether the extension itself sent the asking tab to a warning about it.
 */
export interface SiteDetails {
  readonly url: string;
  readonly fullHost: string;
  readonly displayHost: string;
  readonly registrableDomain: string | null;
  /** The key user choices apply to. */
  readonly site: string;
  readonly verdict: Verdict;
  readonly explanation: readonly ExplanationSpan[];
  readonly modelVersion: string | null;
  readonly choice: { readonly trusted: boolean; readonly blocked: boolean; readonly paused: boolean };
  /**
   * Who decided the verdict when neither the model nor the user did: the organisation's policy
   * (nothing the user does changes it) or a list the user imported; null otherwise.
   */
  readonly decidedBy: SiteDecider | null;
  /**
   * True when the extension itself sent the asking tab to the warning page for this address (its
   * one-time token, or its own block rule): only then may the warning page offer Continue and Always trust.
   */
  readonly issued: boolean;
  /**
   * Strict mode let this site open before it was judged this session: the check took too long
   * (`slow`), failed (`failed`) or had no model to judge with (`no-verdict`). Absent otherwise.
   */
  readonly unchecked?: UncheckedReason;
}

/** Why strict mode let a site open unjudged. */
export type UncheckedReason = 'slow' | 'failed' | 'no-verdict';

/** The source of a verdict the user did not choose site by site (SiteDetails.decidedBy). */
export type SiteDecider =
  | { readonly kind: 'organisation' }
  | { readonly kind: 'list'; readonly list: 'block' | 'trust'; readonly fileName: string; readonly importedAt: string };

/** The settings lists a site can be removed from. */
export type SiteList = 'trustedSites' | 'blockedSites' | 'pausedSites';
