import { describe, expect, it } from 'vitest';
import { resultsStream, shouldStream } from '../../src/cli/serve/results-stream.js';

async function text(stream: NodeJS.ReadableStream): Promise<string> {
  let out = '';
  for await (const chunk of stream) out += String(chunk);
  return out;
}

describe('streamed /v1/score answer', () => {
  it.each([0, 1, 256, 257, 700])('%i results: the bytes of JSON.stringify({model, results})', async (n) => {
    const results = Array.from({ length: n }, (_, i) => ({ input: `n${i}.com`, score: i / 7, note: 'q"\u2028' }));
    expect(await text(resultsStream('v"1', results))).toBe(JSON.stringify({ model: 'v"1', results }));
  });

  it('streams only answers longer than one chunk', () => {
    expect(shouldStream(new Array(256))).toBe(false);
    expect(shouldStream(new Array(257))).toBe(true);
  });
});
