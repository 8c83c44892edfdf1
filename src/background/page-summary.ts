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
  scoringMs: number;
  refused: number;
  paused: boolean;
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
  return { pageId: s.pageId, pageUrl: s.pageUrl, hosts, scoringMs: s.scoringMs, refused: s.refused, paused: s.paused };
}

export interface PageUpdate {
  readonly pageId: string;
  readonly pageUrl: string;
  readonly hosts: readonly string[];
  readonly counts: readonly number[];
}

/** Judges the admitted hosts of an update; returns their records, time spent and whether the page's site is paused. */
export type JudgeLinks = (hosts: readonly string[]) => Promise<{ records: ReadonlyMap<string, HostRecord>; ms: number; paused: boolean }>;

export interface PageSummaries {
  /** Adds a content script's batch: admits hosts within the per-page cap, judges them, records them. */
  update(tabId: number, update: PageUpdate, judge: JudgeLinks): Promise<{ admitted: readonly string[]; refused: number; records: ReadonlyMap<string, HostRecord> }>;
  /** A main-frame navigation committed: a summary of another address is dropped. */
  navigated(tabId: number, url: string): Promise<void>;
  remove(tabId: number): Promise<void>;
  summary(tabId: number, page: FrameRecord | null): Promise<PageSummary | null>;
  /** Risky linked domains of the tab's page, as far as this worker knows (for the toolbar). */
  riskyCount(tabId: number): number;
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

  async function save(tabId: number, state: PageState | null): Promise<void> {
    memory.set(tabId, state);
    if (state) await store.set({ [key(tabId)]: toStored(state) });
    else await store.remove([key(tabId)]);
    onChange(tabId);
  }

  return {
    update(tabId, { pageId, pageUrl, hosts, counts }, judge) {
      return enqueue(tabId, async () => {
        let state = await load(tabId);
        if (!state || state.pageId !== pageId) state = { pageId, pageUrl, hosts: new Map(), scoringMs: 0, refused: 0, paused: false };
        const admitted: string[] = [];
        const links = new Map<string, number>();
        let refused = 0;
        let room = LINK_LIMITS.hostsPerPage - state.hosts.size;
        hosts.forEach((host, i) => {
          if (links.has(host)) return;
          if (!state!.hosts.has(host)) {
            if (room <= 0) return void refused++;
            room--;
          }
          admitted.push(host);
          links.set(host, counts[i]!);
        });
        const { records, ms, paused } = await judge(admitted);
        for (const [host, record] of records) state.hosts.set(host, { ...record, links: links.get(host) ?? record.links });
        state.scoringMs += ms;
        state.refused += refused;
        state.paused = paused;
        await save(tabId, state);
        return { admitted, refused, records };
      });
    },
    navigated(tabId, url) {
      return enqueue(tabId, async () => {
        const state = await load(tabId);
        // The new document's first batch may already have arrived: keep a summary of this very address.
        if (state && withoutFragment(state.pageUrl) !== withoutFragment(url)) await save(tabId, null);
      });
    },
    async remove(tabId) {
      chains.delete(tabId);
      memory.delete(tabId);
      await store.remove([key(tabId)]);
    },
    async summary(tabId, page) {
      await chains.get(tabId);
      const state = await load(tabId);
      if (!state) return null;
      return summarize(tabId, state, page);
    },
    riskyCount(tabId) {
      const state = memory.get(tabId);
      if (!state || state.paused) return 0;
      let count = 0;
      for (const record of state.hosts.values()) if (isRisky(record.level)) count++;
      return count;
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
