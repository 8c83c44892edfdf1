/**
 * The files the build derives for a starting worker (core/start-files.ts), in the whole background
 * on the in-memory platform: a damaged or missing one is logged and its source read instead, and
 * the guard still judges; and the stored score of the name that woke the worker is read while the
 * start-up reads are still under way.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { prefetchingStore } from '../../src/background/score-prefetch.js';
import { budgetedStore } from '../../src/core/score-budget.js';
import { startMetadata } from '../../src/core/start-files.js';
import { eventually, heldBack, startLoggingBackground } from '../support/background-under-test.js';
import { FAKE_ORIGIN } from '../support/fake-platform.js';
import { memorySession } from './helpers/memory-session.js';

const WARNING = `${FAKE_ORIGIN}warning/index.html`;
/** One lookalike character away from a top brand: dangerous by the lookalike rules whatever the model says. */
const LOOKALIKE = 'http://rnicrosoft.com/';
/** Random letters, on no list: the quick check alone finds it dangerous. */
const RANDOM = 'http://aftxopbojhxapurcajyz.info/';

afterEach(() => vi.restoreAllMocks());

describe('files derived by the build, at worker start', () => {
  for (const [what, bytes] of [
    ['damaged', new TextEncoder().encode('{"not": "tables"}')],
    ['missing', null],
  ] as const) {
    it(`${what} lookalike tables: logged, the popular list is parsed instead, and a lookalike is still stopped`, async () => {
      const bg = startLoggingBackground({ files: { 'model/lookalike-tables.bin': bytes } });
      bg.fire.beforeNavigate(3, LOOKALIKE);
      await eventually(() => expect(bg.navigations).toEqual([[3, expect.stringContaining(`${WARNING}?t=`)]]));
      expect(bg.warnings()).toContainEqual(
        expect.stringMatching(/lookalike-tables\.bin unusable, parsing the popular list: .*(bad magic|HTTP 404)/),
      );
      // The parsed list allowlists as the tables would have.
      bg.fire.beforeNavigate(4, 'http://www.microsoft.com/');
      await bg.ready;
      expect(bg.navigations).toHaveLength(1);
    });
  }

  it('missing start metadata: logged, metadata.json is read instead, and the quick check still answers before the model', async () => {
    const { promise: held, release } = heldBack();
    const bg = startLoggingBackground({
      files: { 'model/metadata-start.json': null },
      hold: { 'model/weights.bin': held },
    });
    bg.fire.beforeNavigate(5, RANDOM);
    await eventually(() => expect(bg.navigations).toEqual([[5, expect.stringContaining(`${WARNING}?t=`)]]));
    expect(bg.warnings()).toContainEqual(
      expect.stringMatching(/metadata-start\.json unusable, reading metadata\.json/),
    );
    release();
    await bg.ready;
  });

  it('the start metadata is metadata.json without its reports, and decides the same', () => {
    const full = {
      format: 'snowman-model',
      version: 'v1',
      thresholds: { malicious: 1 },
      metrics: { auc: 1 },
      provenance: {},
    };
    expect(JSON.parse(startMetadata(JSON.stringify(full, null, 2)))).toEqual({
      format: 'snowman-model',
      version: 'v1',
      thresholds: { malicious: 1 },
    });
  });

  it('a restarted worker asks for the waking name’s stored score while its start-up reads are still held', async () => {
    const { promise: held, release } = heldBack();
    const bg = startLoggingBackground({ hold: { 'model/lookalike-tables.bin': held, 'model/weights.bin': held } });
    const asked: string[] = [];
    const get = bg.session.get.bind(bg.session);
    bg.session.get = async (keys) => {
      asked.push(...keys);
      return get(keys);
    };
    bg.fire.beforeNavigate(6, 'http://bakery-on-main.com/');
    await eventually(() => expect(asked).toContain('score:bakery-on-main.com'));
    release();
    await bg.ready;
  });
});

describe('score reads ahead', () => {
  it('the next read of the key takes the read ahead, once; a write in between drops it', async () => {
    const session = memorySession();
    const store = prefetchingStore(budgetedStore(session, 1_000_000));
    await session.set({ 'score:a.com': 1 });
    store.prefetch('a.com');
    await session.set({ 'score:a.com': 2 }); // behind the store's back: the read ahead already has its answer
    expect(await store.get(['score:a.com'])).toEqual({ 'score:a.com': 1 });
    expect(await store.get(['score:a.com'])).toEqual({ 'score:a.com': 2 });
    store.prefetch('a.com');
    await store.set({ 'score:a.com': 3 });
    expect(await store.get(['score:a.com'])).toEqual({ 'score:a.com': 3 });
  });
});
