/**
 * The one message contract between extension pages, content scripts and the background
 * (STYLE rule 3). Every message is declared once in `Protocol`; `MESSAGES` says who may send it
 * and validates its payload at run time; `serve` demands a handler for each one.
 *
 * Adding a message: one entry in `Protocol`, one in `MESSAGES`, one handler in the background.
 */
import type { Category, Verdict, VerdictLevel } from './verdict.js';
import { LINK_MESSAGES, type LinkProtocol } from './link-messages.js';
import { SETTINGS_MESSAGES, type SettingsProtocol } from './settings-messages.js';
import { errorText } from './error-text.js';

/** Who may send a message: `extension-page` (warning, options, popup) or also content scripts. */
export type Access = 'extension-page' | 'content-script';

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

/** What the warning page shows for one blocked address. */
export interface WarningDetails {
  readonly url: string;
  /** ASCII host (www kept), Unicode form and registrable domain, for display. */
  readonly fullHost: string;
  readonly displayHost: string;
  readonly registrableDomain: string | null;
  /** The key that Continue and Always trust apply to (registrable domain, or the host). */
  readonly site: string;
  readonly verdict: Verdict;
  readonly modelVersion: string | null;
  /**
   * True when the extension itself sent this tab here (its token, or its own block rule): only
   * then may the page offer Continue and Always trust.
   */
  readonly issued: boolean;
  /** The parts of `displayHost` that drove the score, when an explainer provides them. */
  readonly explanation?: readonly ExplanationSpan[];
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
export interface BackgroundMetrics {
  /** Worker start → model loaded and warmed up. */
  readonly readyMs: number | null;
  /** Worker start → first navigation verdict. */
  readonly firstVerdictMs: number | null;
  /** Navigation event → decision (redirect issued or let through), most recent last (capped). */
  readonly decisionsMs: readonly number[];
  /** When each start-up step finished, ms since worker start. */
  readonly stagesMs: Readonly<Record<string, number>>;
  /** tfjs WASM heap, and bytes held by live tensors. */
  readonly wasmHeapBytes: number | null;
  readonly tensorBytes: number;
}

export type Empty = Record<string, never>;

/** The warning page's target, and the one-time token the extension put in the page's address (if any). */
export interface WarningRequest {
  readonly url: string;
  readonly token?: string;
}

/** The link scanner's and the popup's messages are declared in link-messages.ts, the options page's in settings-messages.ts. */
export interface Protocol extends LinkProtocol, SettingsProtocol {
  'get-status': { request: Empty; response: ModelStatus };
  'get-warning': { request: WarningRequest; response: WarningDetails };
  /** Continue: lets the site through for this browser session (only for a warning the extension issued). */
  'allow-session': { request: WarningRequest; response: { site: string } };
  /** Always trust: persisted in settings; removable in the options page (only for a warning the extension issued). */
  'trust-site': { request: WarningRequest; response: { site: string } };
  'untrust-site': { request: { site: string }; response: { trustedSites: readonly string[] } };
  'list-trusted': { request: Empty; response: { trustedSites: readonly string[] } };
  /** The warning page's Go back when the tab has no history: replace the tab with a new tab page. */
  'open-new-tab-page': { request: Empty; response: Empty };
  'get-tab-state': { request: { tabId: number }; response: TabRecord | null };
  /** Timings and memory of the background, for the bench and diagnostics. */
  'get-metrics': { request: Empty; response: BackgroundMetrics };
}

export type MessageType = keyof Protocol;
export type RequestOf<K extends MessageType> = Protocol[K]['request'];
export type ResponseOf<K extends MessageType> = Protocol[K]['response'];

export interface Message<K extends MessageType = MessageType> {
  readonly type: K;
  readonly payload: RequestOf<K>;
}

export type Envelope<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: string };

/** A payload the contract refuses; its message goes back to the sender. */
export class MessageError extends Error {
  override readonly name = 'MessageError';
}

// --- run-time validation helpers (exported for the messages other modules add) ---

/**
 * Limits on what a sender may send. `url` binds content scripts; `pageUrl` is the warning page's
 * target, which is as long as the address the browser navigated to (Chrome allows 2 MB).
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

const empty = (payload: unknown): Empty => {
  objectPayload(payload);
  return {};
};
const warningRequest = (payload: unknown): WarningRequest => {
  const object = objectPayload(payload);
  const url = boundedString(object['url'], 'url', LIMITS.pageUrl);
  return object['token'] === undefined
    ? { url }
    : { url, token: boundedString(object['token'], 'token', LIMITS.token) };
};

export interface MessageSpec<K extends MessageType> {
  readonly access: Access;
  /** Returns a clean copy of the payload, or throws MessageError. */
  validate(payload: unknown): RequestOf<K>;
}

/** Who may send each message, and how its payload is checked. */
export const MESSAGES: { readonly [K in MessageType]: MessageSpec<K> } = {
  'get-status': { access: 'extension-page', validate: empty },
  'get-warning': { access: 'extension-page', validate: warningRequest },
  'allow-session': { access: 'extension-page', validate: warningRequest },
  'trust-site': { access: 'extension-page', validate: warningRequest },
  'untrust-site': {
    access: 'extension-page',
    validate: (p) => ({ site: boundedString(objectPayload(p)['site'], 'site', LIMITS.site) }),
  },
  'list-trusted': { access: 'extension-page', validate: empty },
  'open-new-tab-page': { access: 'extension-page', validate: empty },
  'get-tab-state': {
    access: 'extension-page',
    validate: (p) => ({ tabId: nonNegativeInteger(objectPayload(p)['tabId'], 'tabId') }),
  },
  'get-metrics': { access: 'extension-page', validate: empty },
  ...LINK_MESSAGES,
  ...SETTINGS_MESSAGES,
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
    if (sender.id !== options.extensionId) return { ok: false, error: 'sender is not this extension' };
    if (typeof message !== 'object' || message === null) return { ok: false, error: 'message must be an object' };
    const type = (message as { type?: unknown }).type;
    if (typeof type !== 'string' || !Object.hasOwn(MESSAGES, type))
      return { ok: false, error: `unknown message type ${JSON.stringify(type)}` };
    const key = type as MessageType;
    const spec = MESSAGES[key] as MessageSpec<MessageType>;
    if (spec.access === 'extension-page' && !isExtensionPage(sender, options))
      return { ok: false, error: `${key} is accepted only from extension pages` };
    let payload: RequestOf<MessageType>;
    try {
      payload = spec.validate((message as { payload?: unknown }).payload);
    } catch (error) {
      return { ok: false, error: errorText(error) };
    }
    try {
      const handler = handlers[key] as Handler<MessageType>;
      return { ok: true, value: await handler(payload, sender) };
    } catch (error) {
      options.onError?.(key, error);
      return { ok: false, error: errorText(error) };
    }
  };
}

// --- calling ---

/** Sends one raw message and resolves with the raw reply (runtime.sendMessage, injected). */
export type Transport = (message: Message) => Promise<unknown>;

/** Sends a typed message through `transport`; resolves with the value or throws the error the background gave. */
export async function request<K extends MessageType>(
  transport: Transport,
  type: K,
  payload: RequestOf<K>,
): Promise<ResponseOf<K>> {
  const reply = (await transport({ type, payload } as Message)) as Envelope<ResponseOf<K>> | undefined;
  if (typeof reply !== 'object' || reply === null || typeof reply.ok !== 'boolean')
    throw new MessageError(`no reply to ${type}`);
  if (!reply.ok) throw new MessageError(reply.error);
  return reply.value;
}
