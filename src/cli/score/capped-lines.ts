/**
 * Lines of a byte stream with a cap on their length: a line longer than the cap is reported as
 * over-long and its bytes past the cap are dropped as they arrive, so a 100 MB (or 600 MB) line
 * costs the cap's worth of memory, not a string the size of the line (which past 512 MiB cannot
 * exist at all). Lines end at LF, CRLF or a lone CR, as node:readline splits them.
 */

/** A line that was longer than the cap: only its start was kept. */
export interface OverlongLine {
  readonly overlong: true;
  /** The line's first characters, for the output's input column. */
  readonly preview: string;
  /** The line's full length in bytes. */
  readonly bytes: number;
}

/** Characters of an over-long line shown in its row. */
export const PREVIEW_CHARS = 100;

const LF = 0x0a;
const CR = 0x0d;

/** Yields each line of `stream` decoded as UTF-8 (bad bytes become U+FFFD), or an OverlongLine. */
export async function* cappedLines(
  stream: AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>,
  maxBytes: number,
): AsyncGenerator<string | OverlongLine> {
  // ignoreBOM keeps a U+FEFF as the old string reader did (trim() removes it later anyway).
  const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
  let parts: Uint8Array[] = [];
  let kept = 0;
  let total = 0;
  let lfAfterCr = false;

  const append = (bytes: Uint8Array): void => {
    total += bytes.length;
    const room = maxBytes - kept;
    if (room <= 0 || bytes.length === 0) return;
    // Copied: a view would keep the whole stream chunk alive.
    parts.push(bytes.slice(0, Math.min(room, bytes.length)));
    kept += Math.min(room, bytes.length);
  };
  const finish = (): string | OverlongLine => {
    const joined = parts.length === 1 ? parts[0]! : Buffer.concat(parts);
    const text = decoder.decode(joined);
    const line: string | OverlongLine =
      total > maxBytes ? { overlong: true, preview: text.slice(0, PREVIEW_CHARS), bytes: total } : text;
    parts = [];
    kept = 0;
    total = 0;
    return line;
  };

  for await (const raw of stream) {
    const chunk = typeof raw === 'string' ? Buffer.from(raw, 'utf8') : raw;
    let start = 0;
    if (lfAfterCr && chunk.length > 0) {
      if (chunk[0] === LF) start = 1;
      lfAfterCr = false;
    }
    // Each search runs once per break found, so a chunk is scanned a bounded number of times.
    let nextLf = chunk.indexOf(LF, start);
    let nextCr = chunk.indexOf(CR, start);
    while (nextLf !== -1 || nextCr !== -1) {
      const end = nextCr === -1 || (nextLf !== -1 && nextLf < nextCr) ? nextLf : nextCr;
      append(chunk.subarray(start, end));
      yield finish();
      start = end + 1;
      if (end === nextCr) {
        if (start === chunk.length) lfAfterCr = true;
        else if (chunk[start] === LF) start++;
      }
      if (nextLf !== -1 && nextLf < start) nextLf = chunk.indexOf(LF, start);
      if (nextCr !== -1 && nextCr < start) nextCr = chunk.indexOf(CR, start);
    }
    append(chunk.subarray(start));
  }
  if (total > 0) yield finish();
}
