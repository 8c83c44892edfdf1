/** The background's package reads at start (startup-reads.ts): the members' reads do not wait for the metadata. */
import { describe, expect, it } from 'vitest';
import { modelReader } from '../../src/background/startup-reads.js';

describe('model reader', () => {
  it('starts reading the prefetched files a task later without being asked, and each only once', async () => {
    const asked: string[] = [];
    const read = modelReader(
      async (path) => {
        asked.push(path);
        return new Uint8Array([asked.length]);
      },
      ['ngram-a.bin'],
    );
    // The start decides with the build's copy of the metadata; the engine reads metadata.json itself, later.
    expect(asked).toEqual(['model/metadata-start.json']);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(asked).toEqual(['model/metadata-start.json', 'model/ngram-a.bin']);
    expect(await read('ngram-a.bin')).toEqual(new Uint8Array([2]));
    expect(await read('metadata-start.json')).toEqual(new Uint8Array([1]));
    expect(asked).toHaveLength(2);
    await read('metadata.json');
    await read('weights.bin');
    expect(asked).toEqual([
      'model/metadata-start.json',
      'model/ngram-a.bin',
      'model/metadata.json',
      'model/weights.bin',
    ]);
  });
});
