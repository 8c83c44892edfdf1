/**
 * The background's first line (build.mjs bundles this file alone, with this build's plan, and puts
 * it before the background bundle): it stamps when the worker began running our code
 * (background/metrics.ts) and starts the early reads (early-reads.ts) before the rest of the script
 * is evaluated; package-files.ts takes them over. Nothing here may throw: a failure leaves the
 * background to read its files itself.
 */
import { hexOf } from '../core/hex.js';
import { startEarlyReads, type EarlyReads, type EarlyReadsPlan } from './early-reads.js';
import { keptStartFiles } from './kept-start-files.js';
import { fetchPackageFile } from './package-files.js';

declare const __EARLY_READS_PLAN__: EarlyReadsPlan;

/** Writing the copy waits this long after the start's reads: the model loads meanwhile. */
const KEEP_AFTER_MS = 3_000;

const globals = globalThis as {
  __snowmanScriptStart?: number;
  __snowmanEarlyReads?: EarlyReads;
  chrome?: { runtime: { getURL(path: string): string } };
};
globals.__snowmanScriptStart = performance.now();

try {
  const kept = keptStartFiles();
  globals.__snowmanEarlyReads = startEarlyReads(__EARLY_READS_PLAN__, {
    fetchFile: (path) => fetchPackageFile(path, globals.chrome!.runtime.getURL(path)),
    readKept: () => kept.read(),
    writeKept: (copy) => kept.write(copy),
    sha256: async (bytes) => hexOf(new Uint8Array(await crypto.subtle.digest('SHA-256', bytes))),
    nextTask: () => new Promise((resolve) => setTimeout(resolve, 0)),
    startSettled: () => new Promise((resolve) => setTimeout(resolve, KEEP_AFTER_MS)),
  });
} catch {
  // No early reads: package-files.ts reads each file when asked.
}
