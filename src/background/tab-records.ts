/**
 * What each tab's current page is: the main frame's verdict and its subframes'. Updates for one tab
 * run in event order on a promise chain, so a slow score never lands on the wrong page; records
 * live in storage.session so the popup still finds them after the worker was stopped.
 */
import { tabRecordStorageKey as key, type FrameRecord, type TabRecord } from '../core/messages.js';
import type { SessionStore } from '../platform/storage.js';

export const MAX_FRAMES_PER_TAB = 100;

export interface TabRecords {
  /** A new main-frame document: the record restarts with its (future) verdict. */
  mainFrame(tabId: number, frame: Promise<FrameRecord>): Promise<TabRecord>;
  /** A subframe document of the tab's current page. */
  subframe(tabId: number, frame: Promise<FrameRecord>): Promise<TabRecord>;
  /**
   * A later verdict for the main frame recorded for `url` (the page's, or the warning page's
   * target): replaces it, keeping the subframes; null (and no change) when the tab's record is
   * another page's by the time it runs.
   */
  replaceMain(tabId: number, url: string, frame: FrameRecord): Promise<TabRecord | null>;
  get(tabId: number): Promise<TabRecord | null>;
  remove(tabId: number): Promise<void>;
}

function isRecord(value: unknown): value is TabRecord {
  return typeof value === 'object' && value !== null && Array.isArray((value as TabRecord).frames);
}

/** Per-tab records over `store` (storage.session). */
export function createTabRecords(store: SessionStore, now: () => number = Date.now): TabRecords {
  const memory = new Map<number, TabRecord>();
  const chains = new Map<number, Promise<unknown>>();

  async function load(tabId: number): Promise<TabRecord | null> {
    const cached = memory.get(tabId);
    if (cached) return cached;
    const stored = (await store.get([key(tabId)]))[key(tabId)];
    return isRecord(stored) ? stored : null;
  }

  function enqueue(tabId: number, update: () => Promise<TabRecord>): Promise<TabRecord> {
    const next = (chains.get(tabId) ?? Promise.resolve()).then(update, update);
    chains.set(
      tabId,
      next.catch(() => undefined),
    );
    return next;
  }

  async function save(record: TabRecord): Promise<TabRecord> {
    memory.set(record.tabId, record);
    await store.set({ [key(record.tabId)]: record });
    return record;
  }

  return {
    mainFrame(tabId, frame) {
      return enqueue(tabId, async () => save({ tabId, main: await frame, frames: [], updatedAt: now() }));
    },
    subframe(tabId, frame) {
      return enqueue(tabId, async () => {
        const [record, added] = await Promise.all([load(tabId), frame]);
        const frames = [...(record?.frames ?? []), added].slice(-MAX_FRAMES_PER_TAB);
        return save({ tabId, main: record?.main ?? null, frames, updatedAt: now() });
      });
    },
    async replaceMain(tabId, url, frame) {
      let replaced: TabRecord | null = null;
      await enqueue(tabId, async () => {
        const record = await load(tabId);
        if (!record || record.main?.url !== url) return record ?? { tabId, main: null, frames: [], updatedAt: now() };
        replaced = await save({ ...record, main: frame, updatedAt: now() });
        return replaced;
      });
      return replaced;
    },
    async get(tabId) {
      await chains.get(tabId);
      return load(tabId);
    },
    async remove(tabId) {
      memory.delete(tabId);
      chains.delete(tabId);
      await store.remove([key(tabId)]);
    },
  };
}
