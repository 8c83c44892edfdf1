/**
 * A /v1/score answer written a chunk of results at a time: 10,000 results are 2.6 MB of JSON and
 * ~30 ms of JSON.stringify, which in one piece would hold every other request for that long.
 */
import { Readable } from 'node:stream';
import { yieldToIo } from './yield-to-io.js';

/** Results serialised between two yields. */
const CHUNK = 256;

/** True when `results` is big enough to be worth streaming. */
export function shouldStream(results: readonly unknown[]): boolean {
  return results.length > CHUNK;
}

/** The bytes of JSON.stringify({model, results}), produced in chunks with I/O let in between. */
export function resultsStream(model: string, results: readonly unknown[]): Readable {
  async function* chunks(): AsyncGenerator<string> {
    yield `{"model":${JSON.stringify(model)},"results":[`;
    for (let start = 0; start < results.length; start += CHUNK) {
      if (start > 0) await yieldToIo();
      const part = results.slice(start, start + CHUNK).map((r) => JSON.stringify(r));
      yield (start > 0 ? ',' : '') + part.join(',');
    }
    yield ']}';
  }
  return Readable.from(chunks(), { objectMode: false });
}
