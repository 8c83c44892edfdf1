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
    expect(asked).toEqual(['model/metadata.json']);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(asked).toEqual(['model/metadata.json', 'model/ngram-a.bin']);
    expect(await read('ngram-a.bin')).toEqual(new Uint8Array([2]));
    expect(asked).toHaveLength(2);
    await read('metadata.json');
    await read('weights.bin');
    expect(asked).toEqual(['model/metadata.json', 'model/ngram-a.bin', 'model/weights.bin']);
  });
});
