/**
 * The quick check's own member at worker start (background/startup-reads.ts, in the whole
 * background on the in-memory platform with the real model): the first answer reads the small
 * member and none of the blend's; the blend's members are read for the engine after it; a quick
 * member that is missing or damaged is logged and costs only the early answers.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { readMemberSets } from '../../src/background/startup-reads.js';
import { validateMetadata, type ModelMetadata } from '../../src/core/model/metadata.js';
import { eventually, settle, heldBack, startLoggingBackground } from '../support/background-under-test.js';
import { FAKE_ORIGIN } from '../support/fake-platform.js';

const WARNING = `${FAKE_ORIGIN}warning/index.html`;
/** Random letters, on no list: dangerous to the quick check and to the full model alike. */
const RANDOM = 'http://aftxopbojhxapurcajyz.info/';
const BLEND_MEMBERS = ['model/ngram-n6.bin', 'model/ngram-n6-hash2.bin', 'model/ngram-n6-hash3.bin'];

afterEach(() => vi.restoreAllMocks());

describe('the quick member at worker start', () => {
  it('answers a new name before any of the blend’s members has been read', async () => {
    const blend = heldBack();
    const bg = startLoggingBackground({ hold: Object.fromEntries(BLEND_MEMBERS.map((file) => [file, blend.promise])) });
    bg.fire.beforeNavigate(3, RANDOM);
    await eventually(() => expect(bg.navigations).toEqual([[3, expect.stringContaining(`${WARNING}?t=`)]]));
    blend.release();
    const runtime = await bg.ready;
    expect(runtime.judge).not.toBeNull();
    expect(runtime.modelError).toBeUndefined();
  });

  for (const [what, bytes, why] of [
    [
      'damaged',
      new TextEncoder().encode('not an n-gram model'),
      /the quick check scores with ngram-quick\.bin, which is not a valid n-gram model/,
    ],
    ['missing', null, /the quick check scores with ngram-quick\.bin, which cannot be read/],
  ] as const) {
    it(`${what}: logged, no early answer, and the full model still judges`, async () => {
      const weights = heldBack();
      const bg = startLoggingBackground({
        files: { 'model/ngram-quick.bin': bytes },
        hold: { 'model/weights.bin': weights.promise },
      });
      bg.fire.beforeNavigate(4, RANDOM);
      await settle(300);
      expect(bg.navigations).toEqual([]);
      expect(bg.warnings()).toContainEqual(expect.stringMatching(/quick-check members unreadable/));
      expect(bg.warnings()).toContainEqual(expect.stringMatching(why));
      weights.release();
      const runtime = await bg.ready;
      expect(runtime.modelError).toBeUndefined();
      await eventually(() => expect(bg.navigations).toEqual([[4, expect.stringContaining(`${WARNING}?t=`)]]));
    });
  }
});

describe('member reads', () => {
  const metadata = (quickFiles?: string[]): ModelMetadata =>
    ({
      architecture: { heads: ['malicious'], ngramBlend: { members: [{ file: 'blend-a.bin', weight: 0.5 }] } },
      ...(quickFiles ? { quickCheck: { files: quickFiles } } : {}),
    }) as unknown as ModelMetadata;

  function recorder() {
    const asked: string[] = [];
    // Not a model: the reads fail to decode, which is enough to see what was asked for and when.
    const read = async (name: string) => {
      asked.push(name);
      return new Uint8Array(0);
    };
    return { asked, read };
  }

  it('with a quick member of its own: the blend’s members wait for the engine’s turn', async () => {
    const { asked, read } = recorder();
    const reads = readMemberSets(read, Promise.resolve(metadata(['quick.bin'])));
    await reads.quick.catch(() => undefined);
    const turn = heldBack();
    const engine = reads.engine(turn.promise);
    engine.catch(() => undefined);
    await settle();
    expect(asked).toEqual(['quick.bin']);
    turn.release();
    await engine.catch(() => undefined);
    expect(asked).toEqual(['quick.bin', 'blend-a.bin']);
  });

  it('without one: the quick check and the engine share the blend’s members, read once', async () => {
    const { asked, read } = recorder();
    const reads = readMemberSets(read, Promise.resolve(metadata()));
    const engine = reads.engine(new Promise(() => undefined));
    await Promise.allSettled([reads.quick, engine]);
    expect(asked).toEqual(['blend-a.bin']);
  });
});

describe('metadata quickCheck.files', () => {
  it('are validated: plain distinct .bin names only', async () => {
    const { readFile } = await import('node:fs/promises');
    const shipped = validateMetadata(JSON.parse(await readFile('model/metadata.json', 'utf8')));
    expect(shipped.quickCheck?.files).toEqual(['ngram-quick.bin']);
    for (const files of [[], ['../weights.bin'], ['a.bin', 'a.bin'], [7], 'ngram-quick.bin', ['/etc/x.bin']])
      expect(() => validateMetadata({ ...shipped, quickCheck: { ...shipped.quickCheck, files } })).toThrow(
        /quickCheck files/,
      );
  });
});
