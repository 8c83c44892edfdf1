/**
 * Per-tab summaries of a page's links: hosts with their verdict and number of links, kept in
 * memory and mirrored to storage.session (a stopped worker still answers the popup). A page is
 * identified by the content script's page id: a new id is a new document and starts a new
 * summary. Updates for one tab run in order on a promise chain, like tab-records.ts.
 */
import { budgetAdmits } from '../core/link-budget.js';
import { siteBudgetKey as budgetKey } from '../core/site-budget-key.js';
import { summaryStorageKey as key, type PageSummary } from '../core/messages.js';
import type { FrameRecord } from '../core/messages.js';
import type { SessionStore } from '../platform/storage.js';
import {
  addInterval,
  fromStored,
  isRisky,
  summarize,
  toStored,
  withoutFragment,
  type HostRecord,
  type PageState,
} from './page-summary-state.js';

export type { HostRecord } from './page-summary-state.js';
export { MAX_RISKY_LISTED } from './page-summary-state.js';

export interface PageUpdate {
  readonly pageId: string;
  readonly pageUrl: string;
  readonly hosts: readonly string[];
  readonly counts: readonly number[];
}

/** Judges the admitted hosts of an update; returns their records, time spent and whether the page's site is paused. */
export type JudgeLinks = (
  hosts: readonly string[],
) => Promise<{ records: ReadonlyMap<string, HostRecord>; startedAt: number; endedAt: number; paused: boolean }>;

export interface PageSummaries {
  /** Adds a content script's batch: admits hosts within the per-page cap, judges them, records them. */
  update(
    tabId: number,
    update: PageUpdate,
    judge: JudgeLinks,
  ): Promise<{ admitted: readonly string[]; refused: number; records: ReadonlyMap<string, HostRecord> }>;
  /** A main-frame navigation committed: a summary of another address is dropped. */
  navigated(tabId: number, url: string): Promise<void>;
  remove(tabId: number): Promise<void>;
  summary(tabId: number, page: FrameRecord | null): Promise<PageSummary | null>;
  /** Risky linked domains of the tab's page, as far as this worker knows (for the toolbar). */
  riskyCount(tabId: number): number;
  /** Risky linked hosts of the tab's page per level (none while protection is paused there). */
  riskyLevels(tabId: number): { dangerous: number; suspicious: number };
  /** Resolves once the tab's summary is written to storage (writes trail the replies). */
  saved(tabId: number): Promise<void>;
}

/** How long a page summary's first change waits before it is written (later changes join the write). */
const WRITE_DELAY_MS = 50;

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
    chains.set(
      tabId,
      next.catch(() => undefined),
    );
    return next;
  }

  const writing = new Map<number, Promise<void>>();
  const unsaved = new Set<number>();

  /**
   * Mirrors memory to storage.session. Replies never wait for it, and writes for one tab are
   * coalesced: the first change waits `delayMs` (the batches of a page arrive together, and each
   * write serialises the whole summary on the worker's thread, between the batches' replies); while
   * a write is pending or in flight, further changes make exactly one more write.
   */
  function persist(tabId: number, delayMs = WRITE_DELAY_MS): Promise<void> {
    unsaved.add(tabId);
    const running = writing.get(tabId);
    if (running) return running;
    const loop = (async () => {
      try {
        if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
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
      const { state, admitted, refused, admission } = await enqueue(tabId, async () => {
        let state = await load(tabId);
        if (!state || state.pageId !== pageId) {
          state = {
            pageId,
            pageUrl,
            hosts: new Map(),
            scoringMs: 0,
            busy: [],
            restoredMs: 0,
            refused: 0,
            paused: false,
            pending: new Set(),
            counts: new Map(),
            recordedAt: new Map(),
            admissions: 0,
          };
          memory.set(tabId, state);
        }
        const admitted: string[] = [];
        const links = new Map<string, number>();
        let refused = 0;
        // The domain budget by registrable domain (core/site-budget-key.ts), over judged and pending hosts.
        let judged = state.hosts.size + state.pending.size;
        const keys = new Set<string>();
        for (const host of state.hosts.keys()) keys.add(budgetKey(host));
        for (const host of state.pending) keys.add(budgetKey(host));
        hosts.forEach((host, i) => {
          if (links.has(host)) return;
          if (!state!.hosts.has(host) && !state!.pending.has(host)) {
            const key = budgetKey(host);
            if (!budgetAdmits({ hosts: judged, domains: keys.size, hasKey: keys.has(key) })) return void refused++;
            judged++;
            keys.add(key);
            state!.pending.add(host);
          }
          admitted.push(host);
          links.set(host, counts[i]!);
          state!.counts.set(host, counts[i]!);
          const known = state!.hosts.get(host);
          if (known) state!.hosts.set(host, { ...known, links: counts[i]! });
        });
        state.refused += refused;
        return { state, admitted, refused, admission: ++state.admissions };
      });
      try {
        const { records, startedAt, endedAt, paused } = await judge(admitted);
        return await enqueue(tabId, async () => {
          if (memory.get(tabId) !== state) return { admitted, refused, records }; // the tab moved on meanwhile
          const before = countRisky(state);
          for (const [host, record] of records) {
            if ((state.recordedAt.get(host) ?? 0) > admission) continue;
            state.recordedAt.set(host, admission);
            state.hosts.set(host, { ...record, links: state.counts.get(host) ?? record.links });
          }
          state.scoringMs = state.restoredMs + addInterval(state.busy, startedAt, endedAt);
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
          await persist(tabId, 0);
        }
      });
    },
    async remove(tabId) {
      chains.delete(tabId);
      memory.delete(tabId);
      await persist(tabId, 0);
    },
    async summary(tabId, page) {
      await chains.get(tabId);
      const state = await load(tabId);
      if (!state) return null;
      return summarize(tabId, state, page);
    },
    riskyCount: (tabId) => countRisky(memory.get(tabId)),
    riskyLevels(tabId) {
      const state = memory.get(tabId);
      const counts = { dangerous: 0, suspicious: 0 };
      if (!state || state.paused) return counts;
      for (const record of state.hosts.values())
        if (record.level === 'dangerous' || record.level === 'suspicious') counts[record.level]++;
      return counts;
    },
    async saved(tabId) {
      await writing.get(tabId);
    },
  };
}
