import { describe, expect, it } from 'vitest';
import { BusyError, createBatcher } from '../../src/cli/serve/batcher.js';
import { SEED_ARCHITECTURE } from '../../src/core/model/architecture.js';
import type { Scorer } from '../../src/core/model/scorer.js';
import { metadataFor } from './helpers/random-model.js';

/** A scorer whose score for a host is its length / 100, recording each predict call's size. */
function fakeScorer(failOn?: string) {
  const batches: string[][] = [];
  const scorer: Scorer = {
    metadata: metadataFor(SEED_ARCHITECTURE),
    backend: 'test',
    engine: 'fake',
    async predict(hosts) {
      batches.push([...hosts]);
      if (failOn !== undefined && hosts.includes(failOn)) throw new Error('model failed');
      return Float32Array.from(hosts, (h) => h.length / 100);
    },
    dispose() {},
  };
  return { scorer, batches };
}

describe('micro-batcher', () => {
  it('coalesces requests made together into one model call, results in order', async () => {
    const { scorer, batches } = fakeScorer();
    const batcher = createBatcher(scorer, { maxBatch: 256, maxPending: 1000 });
    const requests = ['a.io', 'bb.io', 'ccc.io', 'dddd.io'].map((h) => batcher.score([h]));
    const many = batcher.score(['x.com', 'yy.com']);
    const results = await Promise.all([...requests, many]);
    expect(batches).toHaveLength(1);
    expect(results.map((r) => r.map((s) => s.score))).toEqual(
      [[0.04], [0.05], [0.06], [0.07], [0.05, 0.06]].map((r) => r.map((x) => Math.fround(x))),
    );
    expect(batcher.calls).toBe(1);
    expect(batcher.pending).toBe(0);
  });

  it('cuts big requests into maxBatch chunks and keeps each request whole and ordered', async () => {
    const { scorer, batches } = fakeScorer();
    const batcher = createBatcher(scorer, { maxBatch: 4, maxPending: 1000 });
    const hosts = Array.from({ length: 10 }, (_, i) => 'h'.repeat(i + 1));
    const [big, small] = await Promise.all([batcher.score(hosts), batcher.score(['zz'])]);
    // The one-name request first, in a call of its own; then the big one in full chunks.
    expect(batches.map((b) => b.length)).toEqual([1, 4, 4, 2]);
    expect(big!.map((s) => Math.round(s.score * 100))).toEqual(hosts.map((h) => h.length));
    expect(small!.map((s) => Math.round(s.score * 100))).toEqual([2]);
  });

  it('serves the fewest names first: a one-name request queued behind a big one finishes first', async () => {
    const { scorer, batches } = fakeScorer();
    const batcher = createBatcher(scorer, { maxBatch: 4, maxPending: 1000 });
    const order: string[] = [];
    const bigHosts = Array.from({ length: 40 }, (_, i) => `big${i}.com`);
    const big = batcher.score(bigHosts).then((r) => (order.push('big'), r));
    const small = batcher.score(['one.io']).then((r) => (order.push('small'), r));
    const [bigScores, smallScores] = await Promise.all([big, small]);
    expect(order).toEqual(['small', 'big']);
    // The one-name request rides in the first model call, alone (not the last, not a full one).
    expect(batches[0]).toEqual(['one.io']);
    expect(batches.flat()).toHaveLength(41);
    expect(bigScores!.map((s) => Math.round(s.score * 100))).toEqual(bigHosts.map((h) => h.length));
    expect(smallScores!.map((s) => Math.round(s.score * 100))).toEqual([6]);
  });

  it('finishes big requests one after another in arrival order, not all at the end', async () => {
    const { scorer, batches } = fakeScorer();
    const batcher = createBatcher(scorer, { maxBatch: 8, maxPending: 1000 });
    const callsAtEnd: Record<string, number> = {};
    const jobs = ['a', 'b', 'c'].map((k) =>
      batcher.score(Array.from({ length: 20 }, (_, i) => `${k}${i}.com`)).then(() => (callsAtEnd[k] = batches.length)),
    );
    await Promise.all(jobs);
    expect(callsAtEnd).toEqual({ a: 3, b: 5, c: 8 });
  });

  it('serves the oldest request at least every other call, however many small ones keep coming', async () => {
    const { scorer, batches } = fakeScorer();
    const batcher = createBatcher(scorer, { maxBatch: 8, maxPending: 1000 });
    const big = batcher.score(Array.from({ length: 6 }, (_, i) => `big${i}.com`));
    const smalls = Array.from({ length: 24 }, (_, i) => batcher.score([`s${i}.io`]));
    await Promise.all([big, ...smalls]);
    const bigPerCall = batches.map((b) => b.filter((h) => h.startsWith('big')).length);
    // Small-only calls alternate with calls where the oldest gets its quarter (2 of 8).
    expect(bigPerCall).toEqual([0, 2, 0, 4]);
    expect(batches.flat()).toHaveLength(30);
  });

  it('holds room for unread bodies, and keeps the last tenth of the queue for small requests', async () => {
    const { scorer } = fakeScorer();
    const batcher = createBatcher(scorer, { maxBatch: 10, maxPending: 100 });
    expect(batcher.reserve(50)).toBe(true);
    expect(batcher.reserve(40)).toBe(true);
    // 90 of 100 held: a request bigger than one model call no longer fits, a small one does.
    expect(batcher.reserve(11)).toBe(false);
    expect(batcher.reserve(10)).toBe(true);
    expect(batcher.reserve(1)).toBe(false);
    await expect(batcher.score(['a.com'])).rejects.toBeInstanceOf(BusyError);
    batcher.release(50);
    expect(batcher.reserved).toBe(50);
    expect(await batcher.score(['a.com'])).toHaveLength(1);
  });

  it('fails only the requests in a failed model call; later ones still score', async () => {
    const { scorer } = fakeScorer('bad.com');
    const batcher = createBatcher(scorer, { maxBatch: 2, maxPending: 1000 });
    const failing = batcher.score(['ok.com', 'bad.com']);
    const later = batcher.score(['fine.com']);
    await expect(failing).rejects.toThrow('model failed');
    expect((await later).map((s) => s.score)).toHaveLength(1);
    expect(batcher.pending).toBe(0);
  });

  it('refuses work beyond maxPending and after close, and close waits for queued work', async () => {
    const { scorer } = fakeScorer();
    const batcher = createBatcher(scorer, { maxBatch: 8, maxPending: 3 });
    await expect(batcher.score(['a', 'b', 'c', 'd'])).rejects.toBeInstanceOf(BusyError);
    const queued = batcher.score(['a', 'b', 'c']);
    await batcher.close();
    expect(await queued).toHaveLength(3);
    await expect(batcher.score(['a'])).rejects.toBeInstanceOf(BusyError);
  });
});
