/**
 * An in-memory BackgroundPlatform for unit tests of the background's glue: it records what the
 * background does to the browser (navigations, toolbar views, DNR rules, storage) and lets a test
 * fire the browser's events. The package's files are read from the repository (model/, threats/),
 * so the real model loads in Node; `files` overrides or removes some of them. Each event accepts
 * exactly one listener, as createBackground promises.
 */
import { readFile } from 'node:fs/promises';
import { splitThreatList } from '../../scripts/threat-shards.mjs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Envelope, Message, SenderInfo } from '../../src/core/messages.js';
import type { Settings } from '../../src/core/settings.js';
import type { BackgroundPlatform, RuleSet } from '../../src/platform/background-api.js';
import type { NavigationEvent } from '../../src/platform/navigation.js';
import type { NetRule } from '../../src/platform/net-rules.js';
import type { ToolbarView } from '../../src/platform/toolbar-view.js';
import type { RequestDecision, RequestEvent } from '../../src/platform/web-request.js';
import { memorySession, type MemorySession } from '../unit/helpers/memory-session.js';
import { startFiles, START_METADATA_FILE } from '../../src/core/start-files.js';
import { LOOKALIKE_TABLES_FILE } from '../../src/core/lookalike/prepared-tables.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** The list the shards are cut from (a test may replace or remove it through `files`). */
const THREAT_LIST_FILE = 'threats/list.bin';
let shipped: Promise<Uint8Array[]> | undefined;
/** The shipped list's shards, cut once per test file. */
function shippedShards(): Promise<Uint8Array[]> {
  shipped ??= readFile(path.join(ROOT, THREAT_LIST_FILE)).then((bytes) => splitThreatList(new Uint8Array(bytes)));
  return shipped;
}
/** Files build.mjs derives from model/ (core/start-files.ts). */
const DERIVED = new Set([START_METADATA_FILE, LOOKALIKE_TABLES_FILE]);
export const FAKE_ID = 'fakeextensionid';
export const FAKE_ORIGIN = `chrome-extension://${FAKE_ID}/`;

/** A sender that is one of the extension's pages (popup, options, warning). */
export const pageSender = (page = 'popup/index.html', tabId?: number): SenderInfo => ({
  id: FAKE_ID,
  url: `${FAKE_ORIGIN}${page}`,
  ...(tabId === undefined ? {} : { tabId }),
});
/** The content script in tab `tabId`'s page at `url`. */
export const contentSender = (tabId: number, url: string): SenderInfo => ({ id: FAKE_ID, url, tabId, frameId: 0 });

export interface FakeOptions {
  /** `chrome`: DNR rules, onBeforeNavigate; `firefox`: blocking webRequest, no rules. */
  readonly browser?: 'chrome' | 'firefox';
  /** Package files to replace (bytes) or remove (null), by package path such as `model/weights.bin`. */
  readonly files?: Readonly<Record<string, Uint8Array | null>>;
  /** storage.local's settings entry at start. */
  readonly settings?: unknown;
  /** storage.managed at start. */
  readonly managed?: unknown;
  /** Package files whose reads wait for the promise, by package path: a slow start of what needs them. */
  readonly hold?: Readonly<Record<string, Promise<void>>>;
  /** Milliseconds the n-th write of the settings (from 0) takes, as a slow disk would. */
  readonly settingsWriteMs?: (n: number) => number;
  /** Dynamic rules an earlier session left (they outlive the browser). */
  readonly dynamicRules?: readonly NetRule[];
  /** The tabs the browser lists (tabs.query). */
  readonly openTabs?: readonly { tabId: number; url: string; pendingUrl?: string; complete?: boolean }[];
}

/** One listener per event; a second registration is a bug in the background. */
function slot<E, R = void>(name: string) {
  let listener: ((event: E) => R) | undefined;
  return {
    add(next: (event: E) => R): void {
      if (listener) throw new Error(`a second listener for ${name}`);
      listener = next;
    },
    fire(event: E): R {
      if (!listener) throw new Error(`no listener for ${name}`);
      return listener(event);
    },
    get registered(): boolean {
      return listener !== undefined;
    },
  };
}

function ruleSet(rules: NetRule[]): RuleSet {
  return {
    list: async () => structuredClone(rules),
    async update(add, remove) {
      const ids = new Set(remove);
      const kept = rules.filter((rule) => !ids.has(rule.id));
      for (const rule of add) if (kept.some((r) => r.id === rule.id)) throw new Error(`duplicate rule id ${rule.id}`);
      rules.splice(0, rules.length, ...kept, ...structuredClone(add));
    },
  };
}

/** Creates the fake; `fire` drives its events, the other fields show what the background did. */
export function fakePlatform(options: FakeOptions = {}) {
  const firefox = options.browser === 'firefox';
  const navigations: [number, string][] = [];
  const toolbar = new Map<number | 'all', ToolbarView>();
  /** Toolbar calls in order: `show <tab|all> <state>`, `forget <tab>`. */
  const calls: string[] = [];
  const forgotten: number[] = [];
  const replacedTabs: number[] = [];
  const local = new Map<string, unknown>();
  if (options.settings !== undefined) local.set('settings', structuredClone(options.settings));
  const session: MemorySession = memorySession();
  const dynamicRules: NetRule[] = structuredClone([...(options.dynamicRules ?? [])]);
  const sessionRules: NetRule[] = [];
  let managed: unknown = options.managed ?? {};
  let settingsWrites = 0;

  const events = {
    beforeNavigate: slot<NavigationEvent>('webNavigation.onBeforeNavigate'),
    committed: slot<NavigationEvent>('webNavigation.onCommitted'),
    domContentLoaded: slot<NavigationEvent>('webNavigation.onDOMContentLoaded'),
    tabRemoved: slot<number>('tabs.onRemoved'),
    frameRequest: slot<RequestEvent, Promise<RequestDecision> | undefined>('webRequest.onBeforeRequest'),
    installed: slot<string>('runtime.onInstalled'),
    storageChanged: slot<{ area: string; keys: readonly string[] }>('storage.onChanged'),
    message: slot<{ message: unknown; sender: SenderInfo }, Promise<Envelope<unknown>>>('runtime.onMessage'),
  };

  let derivedFiles: Promise<Record<string, Uint8Array>> | undefined;
  const api: BackgroundPlatform = {
    extension: {
      id: FAKE_ID,
      origin: FAKE_ORIGIN,
      url: (file) => `${FAKE_ORIGIN}${file}`,
      async read(file) {
        await options.hold?.[file];
        const replaced = options.files?.[file];
        if (replaced === null) throw new Error(`${file}: HTTP 404`);
        if (replaced) return replaced;
        // The files build.mjs derives from model/, derived here from the model files this fake serves.
        const derived = /^model\/(.+)$/.exec(file)?.[1];
        if (derived !== undefined && DERIVED.has(derived)) {
          derivedFiles ??= startFiles((name) => api.extension.read(`model/${name}`));
          return (await derivedFiles)[derived]!;
        }
        // The package's threat shards, as build.mjs writes them from threats/list.bin.
        const shard = /^threats\/shards\/(\d+)\.bin$/.exec(file);
        if (shard) {
          const list = options.files?.[THREAT_LIST_FILE];
          if (list === null) throw new Error(`${file}: HTTP 404`);
          const shards = list ? splitThreatList(list) : await shippedShards();
          const bytes = shards[Number(shard[1])];
          if (!bytes) throw new Error(`${file}: HTTP 404`);
          return bytes;
        }
        return new Uint8Array(await readFile(path.join(ROOT, file)));
      },
      wasmDirectory: undefined,
      onInstalled: (listener) => events.installed.add(listener),
    },
    tabs: {
      async navigate(tabId, url) {
        navigations.push([tabId, url]);
      },
      async replaceWithNewTabPage(tabId) {
        replacedTabs.push(tabId);
      },
      async open() {
        return structuredClone([...(options.openTabs ?? [])]);
      },
      onRemoved: (listener) => events.tabRemoved.add(listener),
    },
    navigation: {
      onBeforeNavigate: (listener) => events.beforeNavigate.add(listener),
      onCommitted: (listener) => events.committed.add(listener),
      onDOMContentLoaded: (listener) => events.domContentLoaded.add(listener),
    },
    requests: firefox ? { onFrameRequest: (listener) => events.frameRequest.add(listener) } : null,
    storage: {
      settings: {
        load: async () => structuredClone(local.get('settings')),
        async save(settings: Settings) {
          const copy = structuredClone(settings);
          const delay = options.settingsWriteMs?.(settingsWrites++) ?? 0;
          if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
          local.set('settings', copy);
        },
      },
      hostLists: {
        load: async () => structuredClone(local.get('importedLists')),
        save: async (lists: object) => void local.set('importedLists', structuredClone(lists)),
      },
      session,
      readManaged: async () => structuredClone(managed),
      onChanged: (listener) => events.storageChanged.add(({ area, keys }) => listener(area, keys)),
    },
    rules: firefox ? null : { dynamic: ruleSet(dynamicRules), session: ruleSet(sessionRules) },
    toolbar: {
      async show(view, tabId) {
        calls.push(`show ${tabId ?? 'all'} ${view.state}`);
        toolbar.set(tabId ?? 'all', view);
      },
      forget(tabId) {
        calls.push(`forget ${tabId}`);
        forgotten.push(tabId);
      },
    },
    messages: { listen: (dispatch) => events.message.add(({ message, sender }) => dispatch(message, sender)) },
  };

  const nav = (tabId: number, url: string, extra: Partial<NavigationEvent> = {}): NavigationEvent => ({
    tabId,
    frameId: 0,
    parentFrameId: -1,
    url,
    ...extra,
  });

  return {
    api,
    navigations,
    toolbar,
    calls,
    forgotten,
    replacedTabs,
    local,
    session,
    dynamicRules,
    sessionRules,
    /** Which events have their listener. */
    registered: () =>
      Object.entries(events)
        .filter(([, s]) => s.registered)
        .map(([name]) => name),
    /** Replaces storage.managed and tells the background, as the browser does. */
    setManaged(next: unknown): void {
      managed = next;
      events.storageChanged.fire({ area: 'managed', keys: Object.keys(next as object) });
    },
    fire: {
      beforeNavigate: (tabId: number, url: string, extra?: Partial<NavigationEvent>) =>
        events.beforeNavigate.fire(nav(tabId, url, extra)),
      committed: (tabId: number, url: string, extra?: Partial<NavigationEvent>) =>
        events.committed.fire(nav(tabId, url, extra)),
      domContentLoaded: (tabId: number, url: string) => events.domContentLoaded.fire(nav(tabId, url)),
      tabRemoved: (tabId: number) => events.tabRemoved.fire(tabId),
      frameRequest: (tabId: number, url: string, type: RequestEvent['type'] = 'main_frame') =>
        events.frameRequest.fire({ tabId, frameId: type === 'main_frame' ? 0 : 1, url, type }),
      installed: (reason: string) => events.installed.fire(reason),
    },
    /** Sends `message` as runtime.sendMessage from `sender` would; resolves with the reply envelope. */
    send: (message: Message | unknown, sender: SenderInfo = pageSender()) => events.message.fire({ message, sender }),
  };
}

export type FakePlatform = ReturnType<typeof fakePlatform>;
