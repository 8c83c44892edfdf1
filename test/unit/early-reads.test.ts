/**
 * The background's early reads (platform/early-reads.ts): the first start of a build reads the
 * package and keeps a copy; later starts read the copy only when every file has the bytes the build
 * recorded; anything else reads the package again and keeps a new copy.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  startEarlyReads,
  type EarlyReads,
  type EarlyReadsIo,
  type EarlyReadsPlan,
  type KeptCopy,
} from '../../src/platform/early-reads.js';

const FILES: Record<string, string> = {
  'model/metadata-start.json': '{"version":"m1"}',
  'model/lookalike-tables.bin': 'SLKT tables',
  'model/ngram-quick.bin': 'SNGR member',
};

const bufferOf = (text: string): ArrayBuffer => new TextEncoder().encode(text).buffer as ArrayBuffer;
const textOf = (bytes: ArrayBuffer): string => new TextDecoder().decode(bytes);
const sha256 = (bytes: ArrayBuffer): string => createHash('sha256').update(new Uint8Array(bytes)).digest('hex');

const PLAN: EarlyReadsPlan = {
  id: 'build-1',
  now: ['model/metadata-start.json', 'model/lookalike-tables.bin'],
  later: ['model/ngram-quick.bin'],
  digests: Object.fromEntries(Object.entries(FILES).map(([path, text]) => [path, sha256(bufferOf(text))])),
};

/** An in-memory package and IndexedDB, recording what was fetched and written. */
function fakeIo(kept?: KeptCopy, options: { readFails?: boolean; writeFails?: boolean; missing?: string } = {}) {
  const fetched: string[] = [];
  const written: KeptCopy[] = [];
  const io: EarlyReadsIo = {
    fetchFile: (path) => {
      fetched.push(path);
      return path === options.missing || !(path in FILES)
        ? Promise.reject(new Error(`${path}: HTTP 404`))
        : Promise.resolve(bufferOf(FILES[path]!));
    },
    readKept: () => (options.readFails ? Promise.reject(new Error('IndexedDB unavailable')) : Promise.resolve(kept)),
    writeKept: (copy) => {
      if (options.writeFails) return Promise.reject(new Error('QuotaExceededError'));
      written.push(copy);
      return Promise.resolve();
    },
    sha256: (bytes) => Promise.resolve(sha256(bytes)),
    nextTask: () => new Promise((resolve) => setTimeout(resolve, 0)),
    startSettled: () => Promise.resolve(),
  };
  return { io, fetched, written };
}

const goodCopy = (): KeptCopy => ({
  id: PLAN.id,
  files: Object.fromEntries(Object.entries(FILES).map(([path, text]) => [path, bufferOf(text)])),
});

async function texts(reads: Record<string, Promise<ArrayBuffer>>): Promise<Record<string, string>> {
  const entries = await Promise.all(
    Object.entries(reads).map(async ([path, read]) => [path, textOf(await read)] as const),
  );
  return Object.fromEntries(entries);
}

/** The reads' texts and where they came from, once the copy is kept (or not). */
async function settled(early: EarlyReads): Promise<{ texts: Record<string, string>; source: string }> {
  const result = { texts: await texts(early.reads), source: await early.source };
  await early.kept;
  return result;
}

/** A kept copy's file texts, in order. */
const keptTexts = (copy: KeptCopy): string[] => Object.values(copy.files).map(textOf).sort();

describe('early reads', () => {
  it('with no copy: reads the package, then keeps a copy of exactly those bytes', async () => {
    const { io, fetched, written } = fakeIo(undefined);
    expect(await settled(startEarlyReads(PLAN, io))).toEqual({ texts: FILES, source: 'package' });
    expect(fetched.sort()).toEqual(Object.keys(FILES).sort());
    expect(written).toHaveLength(1);
    expect(written[0]!.id).toBe(PLAN.id);
    expect(Object.fromEntries(Object.entries(written[0]!.files).map(([p, b]) => [p, textOf(b)]))).toEqual(FILES);
  });

  it('keeps the copy even when the background took every read out of the record first', async () => {
    const { io, written } = fakeIo(undefined);
    const early = startEarlyReads(PLAN, io);
    for (const path of Object.keys(early.reads)) delete early.reads[path]; // package-files.ts takes each once
    await early.kept;
    expect(keptTexts(written[0]!)).toEqual(Object.values(FILES).sort());
  });

  it('with a matching copy: reads nothing from the package and writes nothing', async () => {
    const { io, fetched, written } = fakeIo(goodCopy());
    expect(await settled(startEarlyReads(PLAN, io))).toEqual({ texts: FILES, source: 'kept copy' });
    expect(fetched).toEqual([]);
    expect(written).toEqual([]);
  });

  const unusable: [string, () => KeptCopy][] = [
    ['a copy of another build', () => ({ ...goodCopy(), id: 'build-0' })],
    [
      'a copy with one damaged byte',
      () => {
        const copy = goodCopy();
        const bytes = new Uint8Array(copy.files['model/ngram-quick.bin']!);
        bytes[2] = bytes[2]! ^ 1;
        return copy;
      },
    ],
    [
      'a copy missing a file',
      () => {
        const { ['model/lookalike-tables.bin']: _, ...files } = goodCopy().files;
        return { id: PLAN.id, files };
      },
    ],
    [
      'a copy holding something else than bytes',
      () => ({
        id: PLAN.id,
        files: { ...goodCopy().files, 'model/metadata-start.json': 'text' as unknown as ArrayBuffer },
      }),
    ],
    ['a record that is not a copy', () => ({ id: PLAN.id, files: null }) as unknown as KeptCopy],
  ];
  for (const [what, copy] of unusable) {
    it(`with ${what}: reads the package and keeps a good copy again`, async () => {
      const { io, fetched, written } = fakeIo(copy());
      expect(await settled(startEarlyReads(PLAN, io))).toEqual({ texts: FILES, source: 'package' });
      expect(fetched.sort()).toEqual(Object.keys(FILES).sort());
      expect(written).toHaveLength(1);
      expect(keptTexts(written[0]!)).toEqual(Object.values(FILES).sort());
    });
  }

  it('without IndexedDB: reads the package; a refused write (storage full) loses nothing', async () => {
    const { io, fetched } = fakeIo(undefined, { readFails: true, writeFails: true });
    const early = startEarlyReads(PLAN, io);
    expect(await texts(early.reads)).toEqual(FILES);
    await expect(early.kept).resolves.toBeUndefined();
    expect(fetched.sort()).toEqual(Object.keys(FILES).sort());
  });

  it('a file missing from the package: its read fails, the others arrive, and no partial copy is kept', async () => {
    const { io, written } = fakeIo(undefined, { missing: 'model/ngram-quick.bin' });
    const early = startEarlyReads(PLAN, io);
    await expect(early.reads['model/ngram-quick.bin']).rejects.toThrow(/HTTP 404/);
    expect(textOf(await early.reads['model/metadata-start.json']!)).toBe(FILES['model/metadata-start.json']);
    await early.kept;
    expect(written).toEqual([]);
  });

  it('reads the later files a task after the others', async () => {
    const { io, fetched } = fakeIo(undefined);
    startEarlyReads(PLAN, io);
    // Microtasks only: no task has run yet, so the later files are not asked for.
    for (let i = 0; i < 50 && fetched.length < PLAN.now.length; i++) await Promise.resolve();
    expect(fetched).toEqual(PLAN.now);
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(fetched).toEqual([...PLAN.now, ...PLAN.later]);
  });
});
