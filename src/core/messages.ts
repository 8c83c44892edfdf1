/**
 * The one message contract between extension pages, content scripts and the background
 * (STYLE rule 3). Every message is declared once in `Protocol`; `MESSAGES` says who may send it
 * and validates its payload at run time; `serve` demands a handler for each one; `request` sends
 * one and unwraps the reply. The popup's commands to a tab's content script are the second,
 * smaller table at the end (`ContentProtocol`). The data the replies carry is in message-shapes.ts.
 *
 * Adding a message: one entry in `Protocol`, one in `MESSAGES`, one handler in the background.
 * One file although past the usual size: the contract is read, and changed, as a whole.
 */
import {
  HOST_LIST_KINDS,
  MAX_HOST_LIST_FILE_CHARS,
  type HostListImport,
  type HostListKind,
  type HostListsView,
} from './host-list-shapes.js';
import { errorText } from './error-text.js';
import { CodedError, failureCode, isFailureCode, type FailureCode } from './failure.js';
import type { ExportedHostLists } from './exported-host-lists.js';
import type {
  BackgroundMetrics,
  LinkVerdict,
  ModelStatus,
  PageSummary,
  SiteDetails,
  SiteList,
  TabRecord,
  UncheckedReason,
} from './message-shapes.js';
import { LINK_LIMITS } from './message-shapes.js';
import { isSensitivity, type Sensitivity } from './sensitivity.js';
import type { Settings } from './settings.js';

export * from './message-shapes.js';

/** Who may send a message: `extension-page` (warning, options, popup) or also content scripts. */
export type Access = 'extension-page' | 'content-script';

export type Empty = Record<string, never>;

/** An address, and the one-time token the extension put in the warning page's address (if any). */
export interface SiteRequest {
  readonly url: string;
  readonly token?: string;
}

/**
 * What the checking page does next: open `url`, the address it holds (judged safe, or let through
 * unjudged: `unchecked` says why, and the popup shows it), or the warning page at `url`.
 */
export interface NavigationCheck {
  readonly action: 'forward' | 'warn';
  readonly url: string;
  readonly unchecked?: UncheckedReason;
}

export interface Protocol {
  'get-status': { request: Empty; response: ModelStatus };
  /** The popup's and the warning page's one view of a site (the warning page passes its token). */
  'get-site': { request: SiteRequest; response: SiteDetails };
  /** Continue: lets the site through for this browser session (only for a warning the extension issued). */
  'allow-session': { request: SiteRequest; response: { site: string } };
  /** Always trust from the warning page (only for a warning the extension issued). */
  'trust-site': { request: SiteRequest; response: { site: string } };
  /**
   * The popup's Trust. The popup is not web-accessible, so no site can open it to harvest the
   * click; the warning page's Always trust needs the warning's one-time token instead.
   */
  'trust-site-here': { request: { url: string }; response: { site: string } };
  'untrust-site': { request: { site: string }; response: { trustedSites: readonly string[] } };
  'list-trusted': { request: Empty; response: { trustedSites: readonly string[] } };
  /** Block: the site is treated as dangerous from now on (persisted; undone by trusting or unblocking). */
  'block-site': { request: { url: string }; response: { site: string } };
  'unblock-site': { request: { url: string }; response: { site: string } };
  /** Pause protection for a site until resumed or the browser closes. */
  'pause-site': { request: { url: string; paused: boolean }; response: { site: string; paused: boolean } };
  /** The warning page's Go back when the tab has no history: replace the tab with a new tab page. */
  'open-new-tab-page': { request: Empty; response: Empty };
  'get-tab-state': { request: { tabId: number }; response: TabRecord | null };
  /** Content script → background: judge these linked hosts (counts: links per host so far). */
  'score-links': {
    request: { pageId: string; hosts: string[]; counts: number[] };
    response: { risky: LinkVerdict[]; refused: number };
  };
  'get-page-summary': { request: { tabId: number }; response: PageSummary | null };
  'get-settings': { request: Empty; response: Settings };
  'set-preferences': {
    request: { sensitivity?: Sensitivity; linkBadges?: boolean; strictFirstVisit?: boolean };
    response: Settings;
  };
  /** Trusted: checked again; blocked: unblocked; paused: protection resumed. */
  'remove-site': { request: { list: SiteList; site: string }; response: Settings };
  /**
   * Replaces the settings, and each imported list the file carries, with an exported file's; only
   * if all of it is valid (nothing changes otherwise).
   */
  'import-settings': { request: { settings: unknown; hostLists?: unknown }; response: Settings };
  /** The imported lists in full, for the settings export. */
  'export-host-lists': { request: Empty; response: ExportedHostLists };
  /** Timings and memory of the background, for the bench and diagnostics. */
  'get-metrics': { request: Empty; response: BackgroundMetrics };
  /** The lists the user imported (options page). */
  'get-host-lists': { request: Empty; response: HostListsView };
  /** Replaces the list with the file's good lines; bad lines come back by number. */
  'import-host-list': { request: { list: HostListKind; fileName: string; text: string }; response: HostListImport };
  'clear-host-list': { request: { list: HostListKind }; response: HostListsView };
  /** The checking page (strict mode): judge the address the extension held, and say where to go. */
  'check-navigation': { request: { url: string }; response: NavigationCheck };
}

export type MessageType = keyof Protocol;
export type RequestOf<K extends MessageType> = Protocol[K]['request'];
export type ResponseOf<K extends MessageType> = Protocol[K]['response'];

export interface Message<K extends MessageType = MessageType> {
  readonly type: K;
  readonly payload: RequestOf<K>;
}

/** A reply: the value, or the failure's code (what the page words) with its English text (for logs). */
export type Envelope<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: string; readonly code: FailureCode };

/** A request the background refuses, or a failure it reports; message and code go back to the sender. */
export class MessageError extends CodedError {
  override readonly name = 'MessageError';
  constructor(message: string, code: FailureCode = 'refused') {
    super(message, code);
  }
}

// --- run-time validation ---

/**
 * Limits on what a sender may send. `url` binds content scripts and the popup; `pageUrl` is the
 * warning page's target, which is as long as the address the browser navigated to (Chrome allows 2 MB).
 */
export const LIMITS = { url: 4096, pageUrl: 2 * 1024 * 1024, token: 64, site: 253, listItems: 1000 } as const;

/** The payload as a plain object, or throws. */
export function objectPayload(payload: unknown): Record<string, unknown> {
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload))
    throw new MessageError('payload must be an object');
  return payload as Record<string, unknown>;
}

/** A string of at most `max` characters, or throws. */
export function boundedString(value: unknown, field: string, max: number): string {
  if (typeof value !== 'string') throw new MessageError(`${field} must be a string`);
  if (value.length > max) throw new MessageError(`${field} is longer than ${max} characters`);
  return value;
}

/** An array of at most `maxItems` strings of at most `maxLength` characters each, or throws. */
export function stringArray(value: unknown, field: string, maxItems: number, maxLength: number): string[] {
  if (!Array.isArray(value)) throw new MessageError(`${field} must be an array`);
  if (value.length > maxItems) throw new MessageError(`${field} has more than ${maxItems} items`);
  return value.map((item, i) => boundedString(item, `${field}[${i}]`, maxLength));
}

/** A non-negative safe integer, or throws. */
export function nonNegativeInteger(value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0)
    throw new MessageError(`${field} must be a non-negative integer`);
  return value;
}

function boolean(value: unknown, field: string): boolean {
  if (typeof value !== 'boolean') throw new MessageError(`${field} must be a boolean`);
  return value;
}

const empty = (payload: unknown): Empty => (objectPayload(payload), {});
const withUrl = (payload: unknown): { url: string } => ({
  url: boundedString(objectPayload(payload)['url'], 'url', LIMITS.url),
});
const hostListKind = (value: unknown): HostListKind => {
  if (!HOST_LIST_KINDS.includes(value as HostListKind)) throw new MessageError('list must be block or trust');
  return value as HostListKind;
};
const siteRequest = (payload: unknown): SiteRequest => {
  const object = objectPayload(payload);
  const url = boundedString(object['url'], 'url', LIMITS.pageUrl);
  return object['token'] === undefined
    ? { url }
    : { url, token: boundedString(object['token'], 'token', LIMITS.token) };
};
const tabRequest = (payload: unknown): { tabId: number } => ({
  tabId: nonNegativeInteger(objectPayload(payload)['tabId'], 'tabId'),
});
const SITE_LISTS: readonly string[] = ['trustedSites', 'blockedSites', 'pausedSites'] satisfies SiteList[];

/** Validates a `score-links` payload: bounded arrays of bounded strings and counts, equal lengths. */
export function validateScoreLinks(payload: unknown): RequestOf<'score-links'> {
  const p = objectPayload(payload);
  const pageId = boundedString(p['pageId'], 'pageId', LINK_LIMITS.pageId);
  const hosts = stringArray(p['hosts'], 'hosts', LINK_LIMITS.hostsPerMessage, LINK_LIMITS.hostLength);
  const { counts } = p;
  if (!Array.isArray(counts) || counts.length !== hosts.length)
    throw new MessageError('counts must be an array as long as hosts');
  const cleanCounts = counts.map((c, i) => {
    if (typeof c === 'number' && Number.isSafeInteger(c) && c >= 1 && c <= LINK_LIMITS.linksPerHost) return c;
    throw new MessageError(`counts[${i}] must be an integer from 1 to ${LINK_LIMITS.linksPerHost}`);
  });
  return { pageId, hosts, counts: cleanCounts };
}

export interface MessageSpec<K extends MessageType> {
  readonly access: Access;
  /** Returns a clean copy of the payload, or throws MessageError. */
  validate(payload: unknown): RequestOf<K>;
}

/** Who may send each message, and how its payload is checked. */
export const MESSAGES: { readonly [K in MessageType]: MessageSpec<K> } = {
  'get-status': { access: 'extension-page', validate: empty },
  'get-site': { access: 'extension-page', validate: siteRequest },
  'allow-session': { access: 'extension-page', validate: siteRequest },
  'trust-site': { access: 'extension-page', validate: siteRequest },
  'trust-site-here': { access: 'extension-page', validate: withUrl },
  'untrust-site': {
    access: 'extension-page',
    validate: (p) => ({ site: boundedString(objectPayload(p)['site'], 'site', LIMITS.site) }),
  },
  'list-trusted': { access: 'extension-page', validate: empty },
  'block-site': { access: 'extension-page', validate: withUrl },
  'unblock-site': { access: 'extension-page', validate: withUrl },
  'pause-site': {
    access: 'extension-page',
    validate: (p) => ({ ...withUrl(p), paused: boolean(objectPayload(p)['paused'], 'paused') }),
  },
  'open-new-tab-page': { access: 'extension-page', validate: empty },
  'get-tab-state': { access: 'extension-page', validate: tabRequest },
  'score-links': { access: 'content-script', validate: validateScoreLinks },
  'get-page-summary': { access: 'extension-page', validate: tabRequest },
  'get-settings': { access: 'extension-page', validate: empty },
  'set-preferences': {
    access: 'extension-page',
    validate: (p) => {
      const { sensitivity, linkBadges, strictFirstVisit } = objectPayload(p);
      if (sensitivity !== undefined && !isSensitivity(sensitivity))
        throw new MessageError('sensitivity must be relaxed, balanced or strict');
      return {
        ...(sensitivity === undefined ? {} : { sensitivity }),
        ...(linkBadges === undefined ? {} : { linkBadges: boolean(linkBadges, 'linkBadges') }),
        ...(strictFirstVisit === undefined ? {} : { strictFirstVisit: boolean(strictFirstVisit, 'strictFirstVisit') }),
      };
    },
  },
  'remove-site': {
    access: 'extension-page',
    validate: (p) => {
      const { list, site } = objectPayload(p);
      if (typeof list !== 'string' || !SITE_LISTS.includes(list))
        throw new MessageError('list must be trustedSites, blockedSites or pausedSites');
      return { list: list as SiteList, site: boundedString(site, 'site', LIMITS.site) };
    },
  },
  'import-settings': {
    access: 'extension-page',
    validate: (p) => {
      const { settings, hostLists } = objectPayload(p);
      return hostLists === undefined ? { settings } : { settings, hostLists };
    },
  },
  'export-host-lists': { access: 'extension-page', validate: empty },
  'get-metrics': { access: 'extension-page', validate: empty },
  'get-host-lists': { access: 'extension-page', validate: empty },
  'import-host-list': {
    access: 'extension-page',
    validate: (p) => {
      const object = objectPayload(p);
      return {
        list: hostListKind(object['list']),
        fileName: boundedString(object['fileName'], 'fileName', 200),
        text: boundedString(object['text'], 'text', MAX_HOST_LIST_FILE_CHARS),
      };
    },
  },
  'clear-host-list': { access: 'extension-page', validate: (p) => ({ list: hostListKind(objectPayload(p)['list']) }) },
  'check-navigation': {
    access: 'extension-page',
    validate: (p) => ({ url: boundedString(objectPayload(p)['url'], 'url', LIMITS.pageUrl) }),
  },
};

// --- serving ---

/** The parts of a runtime.MessageSender the contract looks at. */
export interface SenderInfo {
  readonly id?: string | undefined;
  readonly url?: string | undefined;
  readonly tabId?: number | undefined;
  readonly frameId?: number | undefined;
}

export type Handler<K extends MessageType> = (
  payload: RequestOf<K>,
  sender: SenderInfo,
) => Promise<ResponseOf<K>> | ResponseOf<K>;
export type Handlers = { readonly [K in MessageType]: Handler<K> };

export interface ServeOptions {
  /** runtime.id: messages from any other extension are refused. */
  readonly extensionId: string;
  /** runtime.getURL(''), e.g. `chrome-extension://<id>/`: senders under it are extension pages. */
  readonly extensionOrigin: string;
  /** Called for handler failures (not for refused messages). */
  readonly onError?: (type: string, error: unknown) => void;
}

/** True when the sender is one of this extension's own pages (not a content script in a web page). */
export function isExtensionPage(
  sender: SenderInfo,
  options: Pick<ServeOptions, 'extensionId' | 'extensionOrigin'>,
): boolean {
  return (
    sender.id === options.extensionId &&
    typeof sender.url === 'string' &&
    sender.url.startsWith(options.extensionOrigin)
  );
}

/** Returns the background's dispatcher: checks sender and payload, runs the handler, wraps the reply. */
export function serve(
  handlers: Handlers,
  options: ServeOptions,
): (message: unknown, sender: SenderInfo) => Promise<Envelope<unknown>> {
  return async (message, sender) => {
    const refused = (error: string) => ({ ok: false, error, code: 'refused' }) as const;
    if (sender.id !== options.extensionId) return refused('sender is not this extension');
    if (typeof message !== 'object' || message === null) return refused('message must be an object');
    const type = (message as { type?: unknown }).type;
    if (typeof type !== 'string' || !Object.hasOwn(MESSAGES, type))
      return refused(`unknown message type ${JSON.stringify(type)}`);
    const key = type as MessageType;
    const spec = MESSAGES[key] as MessageSpec<MessageType>;
    if (spec.access === 'extension-page' && !isExtensionPage(sender, options))
      return refused(`${key} is accepted only from extension pages`);
    let payload: RequestOf<MessageType>;
    try {
      payload = spec.validate((message as { payload?: unknown }).payload);
    } catch (error) {
      return refused(errorText(error));
    }
    try {
      const handler = handlers[key] as Handler<MessageType>;
      return { ok: true, value: await handler(payload, sender) };
    } catch (error) {
      options.onError?.(key, error);
      return { ok: false, error: errorText(error), code: failureCode(error) };
    }
  };
}

// --- calling ---

/** Sends one raw message and resolves with the raw reply (runtime.sendMessage, injected). */
export type Transport = (message: Message) => Promise<unknown>;

/**
 * Sends a typed message through `transport`; resolves with the value or throws a MessageError with
 * the background's error and code ('no-background' when the message went nowhere or got no reply).
 */
export async function request<K extends MessageType>(
  transport: Transport,
  type: K,
  payload: RequestOf<K>,
): Promise<ResponseOf<K>> {
  let reply: Envelope<ResponseOf<K>> | undefined;
  try {
    reply = (await transport({ type, payload } as Message)) as Envelope<ResponseOf<K>> | undefined;
  } catch (error) {
    throw new MessageError(`${type} went unanswered: ${errorText(error)}`, 'no-background');
  }
  if (typeof reply !== 'object' || reply === null || typeof reply.ok !== 'boolean')
    throw new MessageError(`no reply to ${type}`, 'no-background');
  if (!reply.ok) throw new MessageError(String(reply.error), isFailureCode(reply.code) ? reply.code : 'internal');
  return reply.value;
}

// --- the popup's commands to a tab's content script (tabs.sendMessage; only extension contexts can send them) ---

export interface ContentProtocol {
  /** Ring the first link to `host` on the page; `revealed` is false when none is left. */
  'reveal-host': { request: { host: string }; response: { revealed: boolean } };
  /** Ask the background again about every host on the page (after trust, block or pause). */
  rescan: { request: Empty; response: undefined };
}

export type ContentCommand = { readonly type: 'reveal-host'; readonly host: string } | { readonly type: 'rescan' };

/** The content script's reply to each command. */
export type ContentReplies = { readonly [K in keyof ContentProtocol]: ContentProtocol[K]['response'] };

/** Validates a command received by the content script; null for anything else. */
export function parseContentCommand(message: unknown): ContentCommand | null {
  if (typeof message !== 'object' || message === null) return null;
  const m = message as Record<string, unknown>;
  if (m['type'] === 'rescan') return { type: 'rescan' };
  if (m['type'] === 'reveal-host' && typeof m['host'] === 'string' && m['host'].length <= LINK_LIMITS.hostLength)
    return { type: 'reveal-host', host: m['host'] };
  return null;
}

/** The reply to `reveal-host` as the popup may trust it (a missing or malformed reply: not revealed). */
export function parseRevealReply(reply: unknown): ContentReplies['reveal-host'] {
  return {
    revealed: typeof reply === 'object' && reply !== null && (reply as { revealed?: unknown }).revealed === true,
  };
}
