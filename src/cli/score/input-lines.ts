/**
 * Where `snowman score` reads its inputs: command-line arguments, then each --input file (or `-`
 * for stdin), streamed line by line so a list of millions never sits in memory at once, and no
 * line longer than MAX_LINE_BYTES is held whole.
 */
import { open, type FileHandle } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { UsageError } from '../args.js';
import { errorText } from '../../core/error-text.js';
import { MAX_INPUT_LENGTH } from '../../core/domain.js';
import { cappedLines, type OverlongLine } from './capped-lines.js';

/**
 * Longest input line read, in bytes: parseDomain reads at most the first 2 × MAX_INPUT_LENGTH
 * characters of any input, so every line within the cap is judged as it always was; a longer one
 * is reported `too-long`.
 */
export const MAX_LINE_BYTES = 2 * MAX_INPUT_LENGTH;

/** One input: its text, or a line over MAX_LINE_BYTES. */
export type InputLine = string | OverlongLine;

export type InputSource =
  | { readonly kind: 'args'; readonly values: readonly string[] }
  | { readonly kind: 'stream'; readonly name: string; readonly stream: Readable };

/**
 * Opens every --input file before anything is scored, so a missing file exits 2 before any
 * output rather than halfway through.
 */
export async function openInputs(
  args: readonly string[],
  files: readonly string[],
  stdin: Readable,
): Promise<InputSource[]> {
  const sources: InputSource[] = [];
  if (args.length > 0) sources.push({ kind: 'args', values: args });
  if (files.filter((f) => f === '-').length > 1) throw new UsageError('--input - (stdin) can be given only once');
  const handles: FileHandle[] = [];
  for (const file of files) {
    if (file === '-') {
      sources.push({ kind: 'stream', name: 'stdin', stream: stdin });
      continue;
    }
    let handle: FileHandle;
    try {
      handle = await open(file, 'r');
      if ((await handle.stat()).isDirectory()) {
        await handle.close();
        throw new Error('is a directory');
      }
    } catch (error) {
      await Promise.all(handles.map((h) => h.close()));
      const code = (error as NodeJS.ErrnoException).code;
      const why = code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : errorText(error);
      throw new UsageError(`cannot read --input ${file}: ${why}`);
    }
    handles.push(handle);
    // Bytes, not text: the line reader caps lines before anything is decoded.
    sources.push({ kind: 'stream', name: file, stream: handle.createReadStream() });
  }
  return sources;
}

/** Non-blank, non-comment lines of the sources, in order, as batches of at most `size`. */
export async function* inputBatches(sources: readonly InputSource[], size: number): AsyncGenerator<InputLine[]> {
  let batch: InputLine[] = [];
  for (const source of sources) {
    const lines: AsyncIterable<InputLine> =
      source.kind === 'args' ? toAsync(source.values) : cappedLines(source.stream, MAX_LINE_BYTES);
    for await (const line of lines) {
      // Blank lines and `#` comments are list furniture, not inputs (arguments are always inputs).
      if (source.kind === 'stream' && typeof line === 'string') {
        const text = line.trim();
        if (text === '' || text.startsWith('#')) continue;
      }
      batch.push(line);
      if (batch.length >= size) {
        yield batch;
        batch = [];
      }
    }
  }
  if (batch.length > 0) yield batch;
}

async function* toAsync(values: readonly string[]): AsyncGenerator<string> {
  yield* values;
}
