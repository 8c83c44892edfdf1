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
    expect(batches.map((b) => b.length)).toEqual([4, 4, 3]);
    expect(big!.map((s) => Math.round(s.score * 100))).toEqual(hosts.map((h) => h.length));
    expect(small!.map((s) => Math.round(s.score * 100))).toEqual([2]);
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
