/**
 * The quick check in the whole background (createBackground on the in-memory platform, real
 * model): while the CNN's files are held back, so the full model is still starting, a new name
 * gets its verdict from the n-gram members alone; once the full model is in, its verdict replaces
 * the quick one, and acts on it.
 */
import { describe, expect, it } from 'vitest';
import { createBackground } from '../../src/background/create-background.js';
import type { Runtime } from '../../src/background/runtime.js';
import type { TabRecord } from '../../src/core/messages.js';
import { FAKE_ORIGIN, fakePlatform, type FakeOptions } from '../support/fake-platform.js';
import { eventually, settle, valueOf } from '../support/background-under-test.js';

const WARNING = `${FAKE_ORIGIN}warning/index.html`;
/** Random letters, on no list: dangerous to the quick check and to the full model alike. */
const BOTH_DANGEROUS = 'http://aftxopbojhxapurcajyz.info/';
/** Only suspicious to the quick check (let through at Balanced), dangerous to the full model. */
const FULL_ONLY_DANGEROUS = 'http://qpillpiyypkxhbkkyzakje.info/';
const warningFor = (url: string) => new RegExp(`^${WARNING}\\?t=[\\w-]+#${url.replace(/[.?/]/g, '\\$&')}$`);

/** The background with the CNN's weights held back until `release()`. */
function startHeld(options: FakeOptions = {}) {
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  const fake = fakePlatform({ ...options, hold: { 'model/weights.bin': held } });
  const { ready } = createBackground(fake.api);
  let loaded: Runtime | null = null;
  void ready.then((runtime) => (loaded = runtime));
  return { ...fake, ready, release, isLoaded: () => loaded !== null };
}

async function tabRecord(bg: ReturnType<typeof startHeld>, tabId: number): Promise<TabRecord> {
  return valueOf<TabRecord>(await bg.send({ type: 'get-tab-state', payload: { tabId } }));
}

describe('quick check while the full model starts', () => {
  it('Chrome: warns before the model is in, then the full model confirms the verdict and rules the host', async () => {
    const bg = startHeld();
    bg.fire.beforeNavigate(3, BOTH_DANGEROUS);
    await eventually(() => expect(bg.navigations).toHaveLength(1));
    expect(bg.navigations[0]).toEqual([3, expect.stringMatching(warningFor(BOTH_DANGEROUS))]);
    expect(bg.isLoaded()).toBe(false);
    // A lasting rule waits for the full model's word.
    expect(bg.dynamicRules).toEqual([]);

    const warningPage = bg.navigations[0]![1];
    bg.fire.committed(3, warningPage);
    await eventually(async () =>
      expect((await tabRecord(bg, 3)).main).toMatchObject({ level: 'dangerous', quickCheck: true }),
    );

    bg.release();
    await bg.ready;
    await eventually(async () => {
      const main = (await tabRecord(bg, 3)).main;
      expect(main).toMatchObject({ url: BOTH_DANGEROUS, level: 'dangerous' });
      expect(main).not.toHaveProperty('quickCheck');
    });
    await eventually(() =>
      expect(bg.dynamicRules.map((rule) => rule.condition.regexFilter ?? '')).toContainEqual(
        expect.stringContaining('aftxopbojhxapurcajyz\\.info'),
      ),
    );
  });

  it('Chrome: a page the quick check let through goes to the warning page once the full model says dangerous', async () => {
    const bg = startHeld();
    bg.fire.beforeNavigate(4, FULL_ONLY_DANGEROUS);
    bg.fire.committed(4, FULL_ONLY_DANGEROUS);
    await eventually(async () =>
      expect((await tabRecord(bg, 4)).main).toMatchObject({ level: 'suspicious', quickCheck: true }),
    );
    await settle();
    expect(bg.navigations).toEqual([]);

    bg.release();
    await bg.ready;
    await eventually(() =>
      expect(bg.navigations).toEqual([[4, expect.stringMatching(warningFor(FULL_ONLY_DANGEROUS))]]),
    );
    const main = (await tabRecord(bg, 4)).main;
    expect(main).toMatchObject({ level: 'dangerous' });
    expect(main).not.toHaveProperty('quickCheck');
  });

  it('a tab that moved on keeps its new page: the full verdict of the old one is dropped', async () => {
    const bg = startHeld();
    bg.fire.committed(5, FULL_ONLY_DANGEROUS);
    await eventually(async () => expect((await tabRecord(bg, 5)).main).toMatchObject({ quickCheck: true }));
    bg.fire.committed(5, 'http://example.com/');
    await eventually(async () => expect((await tabRecord(bg, 5)).main?.host).toBe('example.com'));
    bg.release();
    await bg.ready;
    await settle(200);
    expect((await tabRecord(bg, 5)).main?.host).toBe('example.com');
    expect(bg.navigations).toEqual([]);
  });

  it('Firefox: holds the request and redirects it on the quick verdict, before the model is in', async () => {
    const bg = startHeld({ browser: 'firefox' });
    const decision = await bg.fire.frameRequest(6, BOTH_DANGEROUS);
    expect(decision?.redirectUrl).toMatch(warningFor(BOTH_DANGEROUS));
    expect(bg.isLoaded()).toBe(false);
    bg.release();
    await bg.ready;
  });

  it('a model without quick-check thresholds waits for the full model, as before', async () => {
    const { readFile } = await import('node:fs/promises');
    const metadata = JSON.parse(await readFile('model/metadata.json', 'utf8')) as Record<string, unknown>;
    delete metadata['quickCheck'];
    const bg = startHeld({ files: { 'model/metadata.json': new TextEncoder().encode(JSON.stringify(metadata)) } });
    bg.fire.beforeNavigate(7, BOTH_DANGEROUS);
    await settle(300);
    expect(bg.navigations).toEqual([]);
    bg.release();
    await bg.ready;
    await eventually(() => expect(bg.navigations).toEqual([[7, expect.stringMatching(warningFor(BOTH_DANGEROUS))]]));
  });
});
