import { describe, expect, it } from 'vitest';
import { splitSession } from '../../src/background/session-areas.js';
import { loadSessionAllowList } from '../../src/background/session-allow.js';
import { createTabRecords } from '../../src/background/tab-records.js';
import { createScoreCache } from '../../src/core/cache.js';
import type { HostScore } from '../../src/core/model/scorer.js';
import { memorySession } from './helpers/memory-session.js';

const score = (i: number): HostScore => ({
  score: (i % 1000) / 1000,
  category: 'malicious',
  heads: [(i % 1000) / 1000, 0.01],
});
const host = (i: number): string => `host-number-${i}.example-shop.com`;

/** Scores `count` hosts through the cache in page-sized batches, as link scanning does. */
async function browse(cache: ReturnType<typeof createScoreCache>, from: number, count: number): Promise<void> {
  for (let start = from; start < from + count; start += 100) {
    await cache.setMany(new Map(Array.from({ length: 100 }, (_, j) => [host(start + j), score(start + j)])));
  }
}

describe('score cache in a storage.session with a quota', () => {
  const QUOTA = 400_000;
  const BUDGET = 100_000;

  it('stays within its byte budget, keeps the newest scores, and leaves room for choices and tab records', async () => {
    const base = memorySession(QUOTA);
    const { scores, kept } = splitSession(base, BUDGET);
    const tabs = createTabRecords(kept);
    await tabs.mainFrame(
      5,
      Promise.resolve({ url: 'http://a.com/', host: 'a.com', level: 'safe', category: 'malicious', score: 0.1 }),
    );
    const errors: unknown[] = [];
    const cache = createScoreCache({ version: 'm1', store: scores, onError: (e) => errors.push(e) });
    await browse(cache, 0, 20_000); // about 100 bytes a host: 2 MB without eviction, five times the quota
    expect(errors).toEqual([]);
    expect(await scores.bytes()).toBeLessThanOrEqual(BUDGET);
    expect(base.bytesInUse()).toBeLessThan(QUOTA / 2);

    const restarted = createScoreCache({ version: 'm1', store: scores });
    expect(await restarted.get(host(19_999))).toEqual(score(19_999));
    expect(await restarted.get(host(0))).toBeUndefined();
    expect(base.data.has(`score:${host(0)}`)).toBe(false);

    const allow = await loadSessionAllowList(kept);
    await allow.add('continued.com');
    expect((await loadSessionAllowList(kept)).has('continued.com')).toBe(true);
    expect((await createTabRecords(kept).get(5))?.main?.host).toBe('a.com');
  });

  it('a score written again survives the eviction of its first write (least recently written goes first)', async () => {
    const base = memorySession(QUOTA);
    const { scores } = splitSession(base, BUDGET);
    const cache = createScoreCache({ version: 'm1', store: scores });
    await browse(cache, 0, 100);
    for (let i = 0; i < 30; i++) {
      await cache.setMany(new Map([[host(7), score(7)]]));
      await browse(cache, 1000 + i * 100, 100);
    }
    expect(base.data.has(`score:${host(7)}`)).toBe(true);
    expect(base.data.has(`score:${host(8)}`)).toBe(false);
  });

  it('when other keys fill the quota, choices still save: the cache gives its share back', async () => {
    const base = memorySession(60_000);
    const { scores, kept } = splitSession(base, 1_000_000); // a budget larger than the quota left
    const errors: unknown[] = [];
    const cache = createScoreCache({ version: 'm1', store: scores, onError: (e) => errors.push(e) });
    await browse(cache, 0, 3000);
    expect(errors).toEqual([]);
    const allow = await loadSessionAllowList(kept);
    await allow.add('continued.com');
    expect((await loadSessionAllowList(kept)).has('continued.com')).toBe(true);
  });

  it('without the budget, the same browsing fills the whole quota (the defect this guards against)', async () => {
    const base = memorySession(QUOTA);
    const errors: unknown[] = [];
    const cache = createScoreCache({ version: 'm1', store: base, onError: (e) => errors.push(e) });
    await browse(cache, 0, 20_000);
    expect(errors.length).toBeGreaterThan(0);
    expect(base.bytesInUse()).toBeGreaterThan(QUOTA * 0.95);
  });
});
