/** Resolves after the pending I/O callbacks have run, so long work lets other requests in between its parts. */
export const yieldToIo = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
