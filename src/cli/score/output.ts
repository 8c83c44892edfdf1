/**
 * Writing to stdout with back-pressure, and stopping quietly when the reader goes away
 * (`snowman score --input big.txt | head` must not end in an EPIPE stack trace).
 */
import { once } from 'node:events';
import type { Writable } from 'node:stream';

export interface LineWriter {
  /** Writes text; resolves false once the reader has closed the pipe. */
  write(text: string): Promise<boolean>;
}

/** Wraps a stream (stdout) for batch-sized writes. */
export function lineWriter(out: Writable): LineWriter {
  let closed = false;
  out.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') closed = true;
    else throw error;
  });
  return {
    async write(text) {
      if (closed) return false;
      // once() rejects when 'error' fires while waiting: an EPIPE there means the reader left.
      if (!out.write(text)) await Promise.race([once(out, 'drain'), once(out, 'close')]).catch(() => undefined);
      return !closed;
    },
  };
}
