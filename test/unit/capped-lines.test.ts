import { describe, expect, it } from 'vitest';
import { cappedLines, PREVIEW_CHARS, type OverlongLine } from '../../src/cli/score/capped-lines.js';

async function collect(chunks: readonly (string | Uint8Array)[], cap = 64): Promise<(string | OverlongLine)[]> {
  const out: (string | OverlongLine)[] = [];
  for await (const line of cappedLines(chunks, cap)) out.push(line);
  return out;
}

describe('capped line reader', () => {
  it('ends lines at LF, CRLF and a lone CR, also when CRLF is split across chunks', async () => {
    expect(await collect(['a.com\nb.com\r\nc.com\rd.com'])).toEqual(['a.com', 'b.com', 'c.com', 'd.com']);
    expect(await collect(['a.com\r', '\nb.com\r', 'c.com\n'])).toEqual(['a.com', 'b.com', 'c.com']);
    expect(await collect(['\n\nx\n'])).toEqual(['', '', 'x']);
    expect(await collect([''])).toEqual([]);
  });

  it('decodes UTF-8 split across chunks, and bad bytes as U+FFFD', async () => {
    const bytes = Buffer.from('bücher.de\n', 'utf8');
    expect(await collect([bytes.subarray(0, 2), bytes.subarray(2)])).toEqual(['bücher.de']);
    expect(await collect([Buffer.from([0x62, 0xff, 0x2e, 0x64, 0x65, 0x0a])])).toEqual(['b\ufffd.de']);
  });

  it('reports a line over the cap with its length and start, and reads on after it', async () => {
    const long = 'x'.repeat(200);
    // The preview is cut to the cap's bytes here (64 < PREVIEW_CHARS).
    const lines = await collect([`ok.com\n${long.slice(0, 70)}`, `${long.slice(70)}\nnext.com\n`]);
    expect(lines).toEqual(['ok.com', { overlong: true, preview: long.slice(0, 64), bytes: 200 }, 'next.com']);
    // Exactly the cap is still a line.
    expect(await collect([`${'y'.repeat(64)}\n`])).toEqual(['y'.repeat(64)]);
  });

  it('reads a 600 MiB line (past the longest possible string) without holding it', async () => {
    const MiB = Buffer.alloc(1024 * 1024, 0x61);
    async function* source(): AsyncGenerator<Uint8Array> {
      yield Buffer.from('http://evil.example/');
      for (let i = 0; i < 600; i++) yield MiB;
      yield Buffer.from('\nexample.com\n');
    }
    const before = process.memoryUsage();
    const lines: (string | OverlongLine)[] = [];
    let grown = 0;
    for await (const line of cappedLines(source(), 16_384)) {
      const now = process.memoryUsage();
      grown = Math.max(grown, now.heapUsed + now.arrayBuffers - before.heapUsed - before.arrayBuffers);
      lines.push(line);
    }
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({ overlong: true, bytes: 20 + 600 * 1024 * 1024 });
    expect((lines[0] as OverlongLine).preview).toBe(`http://evil.example/${'a'.repeat(PREVIEW_CHARS - 20)}`);
    expect(lines[1]).toBe('example.com');
    // Holding the line would take 600 MiB; the cap's worth (16 KiB) plus noise is what it may take.
    expect(grown).toBeLessThan(32 * 1024 * 1024);
  });
});
