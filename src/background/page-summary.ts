/**
 * Per-tab summaries of a page's links: hosts with their verdict and number of links, kept in
 * memory and mirrored to storage.session (a stopped worker still answers the popup). A page is
 * identified by the content script's page id: a new id is a new document and starts a new
 * summary. Updates for one tab run in order on a promise chain, like tab-records.ts.
 */
import { parseDomain } from '../core/domain.js';
import { LINK_LIMITS, summaryStorageKey as key, type LinkLevel, type PageSummary, type RiskyDomain } from '../core/link-messages.js';
import type { FrameRecord } from '../core/messages.js';
import type { Category } from '../core/verdict.js';
import type { SessionStore } from '../platform/storage.js';

/** What is known about one linked host of a page. */
export interface HostRecord {
  readonly level: LinkLevel;
  readonly category: Category;
  readonly score: number | null;
  readonly links: number;
  readonly registrableDomain: string | null;
  readonly displayHost: string;
}

interface PageState {
  readonly pageId: string;
  readonly pageUrl: string;
  readonly hosts: Map<string, HostRecord>;
  /** Wall-clock time some batch of this page was being judged (overlapping batches count once). */
  scoringMs: number;
  /** End of the latest judging interval counted in `scoringMs` (memory only). */
  busyUntil: number;
  refused: number;
  paused: boolean;
  /** Admitted hosts being judged: they count towards the cap (memory only). */
  readonly pending: Set<string>;
}

const LEVELS: readonly LinkLevel[] = ['safe', 'suspicious', 'dangerous', 'unscorable', 'error'];
const RANK: Record<LinkLevel, number> = { dangerous: 0, suspicious: 1, error: 2, unscorable: 3, safe: 4 };
/** The popup lists at most this many risky domains (the counts cover all of them). */
export const MAX_RISKY_LISTED = 200;

/** Stored form: safe entries are [host, level, links]; risky ones also carry what the popup shows. */
type StoredEntry = [string, number, number] | [string, number, number, Category, number | null, string];
interface Stored {
  readonly pageId: string;
  readonly pageUrl: string;
  readonly scoringMs: number;
  readonly refused: number;
  readonly paused: boolean;
  readonly entries: readonly StoredEntry[];
}

const isRisky = (level: LinkLevel): level is 'suspicious' | 'dangerous' => level === 'suspicious' || level === 'dangerous';
const withoutFragment = (url: string): string => url.split('#', 1)[0]!;

function toStored(state: PageState): Stored {
  const entries: StoredEntry[] = [];
  for (const [host, r] of state.hosts) {
    const level = LEVELS.indexOf(r.level);
    entries.push(isRisky(r.level) ? [host, level, r.links, r.category, r.score, r.displayHost] : [host, level, r.links]);
  }
  return { pageId: state.pageId, pageUrl: state.pageUrl, scoringMs: state.scoringMs, refused: state.refused, paused: state.paused, entries };
}

function fromStored(value: unknown): PageState | null {
  const s = value as Stored | undefined;
  if (typeof s !== 'object' || s === null || typeof s.pageId !== 'string' || !Array.isArray(s.entries)) return null;
  const hosts = new Map<string, HostRecord>();
  for (const entry of s.entries) {
    const [host, level, links, category, score, displayHost] = entry;
    const parsed = parseDomain(host);
    const registrableDomain = parsed.ok ? parsed.registrableDomain : null;
    hosts.set(host, { level: LEVELS[level] ?? 'error', category: category ?? '-', score: score ?? null, links, registrableDomain, displayHost: displayHost ?? (parsed.ok ? parsed.displayHost : host) });
  }
  return { pageId: s.pageId, pageUrl: s.pageUrl, hosts, scoringMs: s.scoringMs, busyUntil: 0, refused: s.refused, paused: s.paused, pending: new Set() };
}

export interface PageUpdate {
  readonly pageId: string;
  readonly pageUrl: string;
  readonly hosts: readonly string[];
  readonly counts: readonly number[];
}

/** Judges the admitted hosts of an update; returns their records, time spent and whether the page's site is paused. */
export type JudgeLinks = (hosts: readonly string[]) => Promise<{ records: ReadonlyMap<string, HostRecord>; startedAt: number; endedAt: number; paused: boolean }>;

export interface PageSummaries {
  /** Adds a content script's batch: admits hosts within the per-page cap, judges them, records them. */
  update(tabId: number, update: PageUpdate, judge: JudgeLinks): Promise<{ admitted: readonly string[]; refused: number; records: ReadonlyMap<string, HostRecord> }>;
  /** A main-frame navigation committed: a summary of another address is dropped. */
  navigated(tabId: number, url: string): Promise<void>;
  remove(tabId: number): Promise<void>;
  summary(tabId: number, page: FrameRecord | null): Promise<PageSummary | null>;
  /** Risky linked domains of the tab's page, as far as this worker knows (for the toolbar). */
  riskyCount(tabId: number): number;
  /** Resolves once the tab's summary is written to storage (writes trail the replies). */
  saved(tabId: number): Promise<void>;
}

export function createPageSummaries(store: SessionStore, onChange: (tabId: number) => void = () => {}): PageSummaries {
  const memory = new Map<number, PageState | null>();
  const chains = new Map<number, Promise<unknown>>();

  async function load(tabId: number): Promise<PageState | null> {
    if (memory.has(tabId)) return memory.get(tabId)!;
    const state = fromStored((await store.get([key(tabId)]))[key(tabId)]);
    memory.set(tabId, state);
    return state;
  }

  function enqueue<T>(tabId: number, work: () => Promise<T>): Promise<T> {
    const next = (chains.get(tabId) ?? Promise.resolve()).then(work, work);
    chains.set(tabId, next.catch(() => undefined));
    return next;
  }

  const writing = new Map<number, Promise<void>>();
  const unsaved = new Set<number>();

  /**
   * Mirrors memory to storage.session. Replies never wait for it, and writes for one tab are
   * coalesced: while one is in flight, further changes make exactly one more write.
   */
  function persist(tabId: number): Promise<void> {
    unsaved.add(tabId);
    const running = writing.get(tabId);
    if (running) return running;
    const loop = (async () => {
      try {
        while (unsaved.delete(tabId)) {
          const state = memory.get(tabId);
          if (state) await store.set({ [key(tabId)]: toStored(state) });
          else await store.remove([key(tabId)]);
        }
      } finally {
        writing.delete(tabId);
      }
    })();
    writing.set(tabId, loop);
    return loop;
  }

  function countRisky(state: PageState | null | undefined): number {
    if (!state || state.paused) return 0;
    let count = 0;
    for (const record of state.hosts.values()) if (isRisky(record.level)) count++;
    return count;
  }

  return {
    async update(tabId, { pageId, pageUrl, hosts, counts }, judge) {
      // Admission in order per tab (the cap must hold across concurrent batches); judging outside
      // the chain, so batches of one page are judged concurrently; recording in order again.
      const { state, admitted, links, refused } = await enqueue(tabId, async () => {
        let state = await load(tabId);
        if (!state || state.pageId !== pageId) {
          state = { pageId, pageUrl, hosts: new Map(), scoringMs: 0, busyUntil: 0, refused: 0, paused: false, pending: new Set() };
          memory.set(tabId, state);
        }
        const admitted: string[] = [];
        const links = new Map<string, number>();
        let refused = 0;
        let room = LINK_LIMITS.hostsPerPage - state.hosts.size - state.pending.size;
        hosts.forEach((host, i) => {
          if (links.has(host)) return;
          if (!state!.hosts.has(host) && !state!.pending.has(host)) {
            if (room <= 0) return void refused++;
            room--;
            state!.pending.add(host);
          }
          admitted.push(host);
          links.set(host, counts[i]!);
        });
        state.refused += refused;
        return { state, admitted, links, refused };
      });
      try {
        const { records, startedAt, endedAt, paused } = await judge(admitted);
        return await enqueue(tabId, async () => {
          if (memory.get(tabId) !== state) return { admitted, refused, records }; // the tab moved on meanwhile
          const before = countRisky(state);
          for (const [host, record] of records) state.hosts.set(host, { ...record, links: links.get(host) ?? record.links });
          state.scoringMs += Math.max(0, endedAt - Math.max(startedAt, state.busyUntil));
          state.busyUntil = Math.max(state.busyUntil, endedAt);
          state.paused = paused;
          void persist(tabId).catch(() => undefined);
          if (countRisky(state) !== before) onChange(tabId);
          return { admitted, refused, records };
        });
      } finally {
        for (const host of admitted) state.pending.delete(host);
      }
    },
    navigated(tabId, url) {
      return enqueue(tabId, async () => {
        const state = await load(tabId);
        // The new document's first batch may already have arrived: keep a summary of this very address.
        if (state && withoutFragment(state.pageUrl) !== withoutFragment(url)) {
          memory.set(tabId, null);
          onChange(tabId);
          await persist(tabId);
        }
      });
    },
    async remove(tabId) {
      chains.delete(tabId);
      memory.delete(tabId);
      await persist(tabId);
    },
    async summary(tabId, page) {
      await chains.get(tabId);
      const state = await load(tabId);
      if (!state) return null;
      return summarize(tabId, state, page);
    },
    riskyCount: (tabId) => countRisky(memory.get(tabId)),
    async saved(tabId) {
      await writing.get(tabId);
    },
  };
}

function summarize(tabId: number, state: PageState, page: FrameRecord | null): PageSummary {
  const domainsByLevel: Record<LinkLevel, number> = { safe: 0, suspicious: 0, dangerous: 0, unscorable: 0, error: 0 };
  const linksByLevel: Record<LinkLevel, number> = { safe: 0, suspicious: 0, dangerous: 0, unscorable: 0, error: 0 };
  const registrable = new Set<string>();
  const risky: RiskyDomain[] = [];
  let links = 0;
  for (const [host, r] of state.hosts) {
    domainsByLevel[r.level]++;
    linksByLevel[r.level] += r.links;
    links += r.links;
    registrable.add(r.registrableDomain ?? host);
    if (isRisky(r.level)) risky.push({ host, displayHost: r.displayHost, registrableDomain: r.registrableDomain, level: r.level, category: r.category, score: r.score, links: r.links });
  }
  risky.sort((a, b) => RANK[a.level] - RANK[b.level] || (b.score ?? 0) - (a.score ?? 0) || b.links - a.links || a.host.localeCompare(b.host));
  return {
    tabId,
    page,
    links,
    domains: state.hosts.size,
    registrableDomains: registrable.size,
    domainsByLevel,
    linksByLevel,
    risky: risky.slice(0, MAX_RISKY_LISTED),
    scoringMs: Math.round(state.scoringMs * 10) / 10,
    refused: state.refused,
    paused: state.paused,
  };
}
