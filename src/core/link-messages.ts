/**
 * The link scanner's and the popup's part of the message contract. core/messages.ts folds these
 * into its `Protocol` and `MESSAGES`, so they are served and checked like every other message.
 * Kept apart only to keep both files small; this file imports nothing but types from there, so
 * there is no import cycle at run time.
 *
 * Also here: the commands the popup sends to a tab's content script (`ContentCommand`).
 */
import type { ExplanationSpan, FrameRecord } from './messages.js';
import type { Category, Verdict, VerdictLevel } from './verdict.js';
import { fail, record } from './payload-checks.js';

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
  /** The first reason, in words. */
  readonly reason: string;
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

/** The popup's view of one site: verdict, explanation and what the user chose for it. */
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
}

export interface LinkProtocol {
  /** Content script → background: judge these linked hosts (counts: links per host so far). */
  'score-links': {
    request: { pageId: string; hosts: string[]; counts: number[] };
    response: { risky: LinkVerdict[]; refused: number };
  };
  'get-page-summary': { request: { tabId: number }; response: PageSummary | null };
  'get-site': { request: { url: string }; response: SiteDetails };
  /** Block: the site is treated as dangerous from now on (persisted; undone by trusting or unblocking). */
  'block-site': { request: { url: string }; response: { site: string } };
  'unblock-site': { request: { url: string }; response: { site: string } };
  /** Pause protection for a site until resumed or the browser closes. */
  'pause-site': { request: { url: string; paused: boolean }; response: { site: string; paused: boolean } };
}

/** Popup → content script (tabs.sendMessage; only extension contexts can send these). */
export type ContentCommand =
  | { readonly type: 'reveal-host'; readonly host: string }
  /** Ask the background again about every host on the page (after trust, block or pause). */
  | { readonly type: 'rescan' };

/** The content script's reply to each command (undefined: none). */
export interface ContentReplies {
  readonly 'reveal-host': { readonly revealed: boolean };
  readonly rescan: undefined;
}

// --- run-time validation ---

function text(value: unknown, field: string, max: number): string {
  if (typeof value !== 'string') fail(`${field} must be a string`);
  return value.length <= max ? value : fail(`${field} is longer than ${max} characters`);
}

/** Validates a `score-links` payload: bounded arrays of bounded strings and counts, equal lengths. */
export function validateScoreLinks(payload: unknown): LinkProtocol['score-links']['request'] {
  const p = record(payload);
  const pageId = text(p['pageId'], 'pageId', LINK_LIMITS.pageId);
  const { hosts, counts } = p;
  if (!Array.isArray(hosts) || !Array.isArray(counts)) fail('hosts and counts must be arrays');
  if (hosts.length > LINK_LIMITS.hostsPerMessage) fail(`more than ${LINK_LIMITS.hostsPerMessage} hosts in one message`);
  if (counts.length !== hosts.length) fail('hosts and counts differ in length');
  const cleanHosts = hosts.map((h, i) => text(h, `hosts[${i}]`, LINK_LIMITS.hostLength));
  const cleanCounts = counts.map((c, i) =>
    typeof c === 'number' && Number.isSafeInteger(c) && c >= 1 && c <= LINK_LIMITS.linksPerHost
      ? c
      : fail(`counts[${i}] must be an integer from 1 to ${LINK_LIMITS.linksPerHost}`),
  );
  return { pageId, hosts: cleanHosts, counts: cleanCounts };
}

const withUrl = (payload: unknown): { url: string } => ({ url: text(record(payload)['url'], 'url', 4096) });

/** Who may send each link message, and how its payload is checked (merged into core/messages MESSAGES). */
export const LINK_MESSAGES = {
  'score-links': { access: 'content-script', validate: validateScoreLinks },
  'get-page-summary': {
    access: 'extension-page',
    validate: (payload: unknown) => {
      const tabId = record(payload)['tabId'];
      return {
        tabId:
          typeof tabId === 'number' && Number.isSafeInteger(tabId) && tabId >= 0
            ? tabId
            : fail('tabId must be a non-negative integer'),
      };
    },
  },
  'get-site': { access: 'extension-page', validate: withUrl },
  'block-site': { access: 'extension-page', validate: withUrl },
  'unblock-site': { access: 'extension-page', validate: withUrl },
  'pause-site': {
    access: 'extension-page',
    validate: (payload: unknown) => {
      const paused = record(payload)['paused'];
      return { ...withUrl(payload), paused: typeof paused === 'boolean' ? paused : fail('paused must be a boolean') };
    },
  },
} as const satisfies {
  readonly [K in keyof LinkProtocol]: {
    readonly access: 'extension-page' | 'content-script';
    validate(payload: unknown): LinkProtocol[K]['request'];
  };
};

/** Validates a command received by the content script; null for anything else. */
export function parseContentCommand(message: unknown): ContentCommand | null {
  if (typeof message !== 'object' || message === null) return null;
  const m = message as Record<string, unknown>;
  if (m['type'] === 'rescan') return { type: 'rescan' };
  if (m['type'] === 'reveal-host' && typeof m['host'] === 'string' && m['host'].length <= LINK_LIMITS.hostLength)
    return { type: 'reveal-host', host: m['host'] };
  return null;
}
