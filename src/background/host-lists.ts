/**
 * The block list and the trust list the user imported (options page): kept in storage.local,
 * read once at start-up, matched by the judge (a host and its sub-domains), and in Chrome turned
 * into dynamic rules within the budget imported-rules.ts plans. The file is parsed here, where
 * the domain parser is, and every bad line goes back to the page by number.
 */
import { MAX_IMPORTED_HOSTS, parseHostList } from '../core/host-list-file.js';
import {
  HOST_LIST_KINDS,
  HOST_LIST_VIEW_HOSTS,
  type HostListImport,
  type HostListKind,
  type HostListsView,
  type HostListView,
} from '../core/host-list-shapes.js';
import { createHostSet, EMPTY_HOST_SET, type HostSet } from '../core/host-set.js';
import { importedHostOf } from '../core/imported-host.js';
import type { ExportedHostLists } from '../core/exported-host-lists.js';
import { isSiteKey } from '../core/settings.js';
import type { NetRule } from '../platform/net-rules.js';
import { planImportedRules } from './imported-rules.js';

export interface StoredHostList {
  readonly hosts: readonly string[];
  readonly fileName: string;
  readonly importedAt: string;
}

export type StoredHostLists = Partial<Record<HostListKind, StoredHostList>>;

/** storage.local's imported-lists entry (a Map in tests). */
export interface HostListStore {
  load(): Promise<unknown>;
  save(lists: StoredHostLists): Promise<void>;
}

/** What the judge asks of the lists: which one covers a host. */
export interface HostListMatch {
  readonly block: HostSet;
  readonly trust: HostSet;
  /** The block list's hosts Chrome's own rules stop (empty in Firefox). */
  readonly browserBlock: HostSet;
}

export interface HostLists {
  /** The lists as read at start-up or last changed (empty until `ready`). */
  current(): HostListMatch;
  /** The file a list came from and when it was imported; null when that list is empty. */
  source(list: HostListKind): { readonly fileName: string; readonly importedAt: string } | null;
  readonly ready: Promise<void>;
  view(): Promise<HostListsView>;
  importFile(list: HostListKind, fileName: string, text: string): Promise<HostListImport>;
  clear(list: HostListKind): Promise<HostListsView>;
  /** Every list in full, for the settings export. */
  exportLists(): Promise<ExportedHostLists>;
  /** Replaces each list `lists` carries (hosts already checked with checkExportedHostLists); others stay. */
  restore(lists: ExportedHostLists): Promise<void>;
  /** Chrome: installs the rules the lists need (after a start, an install or an update). */
  syncRules(): Promise<void>;
}

export interface HostListDeps {
  readonly store: HostListStore;
  /** Chrome's dynamic rules for the lists; null in Firefox, whose guard checks every request. */
  readonly rules: {
    syncImported(rules: readonly NetRule[]): Promise<void>;
    /** Drops the guard's per-host redirects of the hosts `test` accepts. */
    removeHosts(test: (host: string) => boolean): Promise<void>;
  } | null;
  readonly warningPage: string;
  readonly onProblem?: (problem: string) => void;
}

function storedList(raw: unknown): StoredHostList | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const { hosts, fileName, importedAt } = raw as Record<string, unknown>;
  if (!Array.isArray(hosts) || typeof fileName !== 'string' || typeof importedAt !== 'string') return undefined;
  return { hosts: hosts.filter(isSiteKey).slice(0, MAX_IMPORTED_HOSTS), fileName, importedAt };
}

/** The stored lists, validated (storage is not trusted: anything unreadable is dropped). */
export function readStoredHostLists(raw: unknown): StoredHostLists {
  if (typeof raw !== 'object' || raw === null) return {};
  const record = raw as Record<string, unknown>;
  const block = storedList(record['block']);
  const trust = storedList(record['trust']);
  return { ...(block ? { block } : {}), ...(trust ? { trust } : {}) };
}

function listView(list: StoredHostList | undefined): HostListView {
  return list
    ? {
        count: list.hosts.length,
        hosts: list.hosts.slice(0, HOST_LIST_VIEW_HOSTS),
        fileName: list.fileName,
        importedAt: list.importedAt,
      }
    : { count: 0, hosts: [], fileName: null, importedAt: null };
}

/** The service over `deps.store`. */
export function createHostLists(deps: HostListDeps, now: () => Date = () => new Date()): HostLists {
  let stored: StoredHostLists = {};
  let match: HostListMatch = { block: EMPTY_HOST_SET, trust: EMPTY_HOST_SET, browserBlock: EMPTY_HOST_SET };
  let queue: Promise<unknown> = Promise.resolve();

  const plan = () => planImportedRules(stored.block?.hosts ?? [], stored.trust?.hosts ?? [], deps.warningPage);

  function refresh(): void {
    const block = stored.block?.hosts ?? [];
    const browserBlocked = deps.rules ? plan().browserBlocked : 0;
    match = {
      block: createHostSet(block),
      trust: createHostSet(stored.trust?.hosts ?? []),
      browserBlock: createHostSet(block.slice(0, browserBlocked)),
    };
  }

  const ready = deps.store.load().then(
    (raw) => {
      stored = readStoredHostLists(raw);
      refresh();
    },
    (error: unknown) => deps.onProblem?.(`imported lists unreadable: ${String(error)}`),
  );

  /** Changes run one at a time, after start-up, so two imports never interleave their writes. */
  function serial<T>(task: () => Promise<T>): Promise<T> {
    const next = queue.then(async () => {
      await ready;
      return task();
    });
    queue = next.catch(() => undefined);
    return next;
  }

  function view(): HostListsView {
    const { browserBlocked, workerBlocked } = deps.rules
      ? plan()
      : { browserBlocked: 0, workerBlocked: stored.block?.hosts.length ?? 0 };
    return {
      block: listView(stored.block),
      trust: listView(stored.trust),
      enforcement: { browserRules: deps.rules !== null, browser: browserBlocked, worker: workerBlocked },
    };
  }

  async function change(next: StoredHostLists): Promise<void> {
    const before = match.block;
    await deps.store.save(next);
    stored = next;
    refresh();
    await deps.rules?.syncImported(plan().rules);
    // The guard gave hosts it stopped for the old list rules of their own: those the new list no longer covers go.
    const after = match.block;
    await deps.rules?.removeHosts((host) => before.match(host) !== null && after.match(host) === null);
  }

  return {
    current: () => match,
    source(list) {
      const entry = stored[list];
      return entry ? { fileName: entry.fileName, importedAt: entry.importedAt } : null;
    },
    ready,
    view: () => serial(async () => view()),
    importFile: (list, fileName, text) =>
      serial(async () => {
        const parsed = parseHostList(text, importedHostOf);
        // A file with no usable line leaves the list as it was: an import never loses hosts by mistake.
        if (parsed.hosts.length > 0) {
          const entry: StoredHostList = { hosts: parsed.hosts, fileName, importedAt: now().toISOString() };
          await change({ ...stored, [list]: entry });
        }
        return { lists: view(), kept: parsed.hosts.length, bad: parsed.bad, badCount: parsed.badCount };
      }),
    clear: (list) =>
      serial(async () => {
        const next = { ...stored };
        delete next[list];
        await change(next);
        return view();
      }),
    syncRules: () => serial(async () => deps.rules?.syncImported(plan().rules)),
    exportLists: () =>
      serial(async () => {
        const out: Partial<Record<HostListKind, StoredHostList>> = {};
        for (const kind of HOST_LIST_KINDS) if (stored[kind]) out[kind] = stored[kind];
        return out;
      }),
    restore: (lists) =>
      serial(async () => {
        const next: { -readonly [K in HostListKind]?: StoredHostList } = { ...stored };
        for (const kind of HOST_LIST_KINDS) {
          const list = lists[kind];
          if (list) next[kind] = { hosts: [...list.hosts], fileName: list.fileName, importedAt: list.importedAt };
        }
        if (HOST_LIST_KINDS.some((kind) => lists[kind])) await change(next);
      }),
  };
}
