/**
 * The Chrome build the browser sections load: dist/chrome, or the directory in
 * SNOWMAN_BENCH_CHROME_DIR (e.g. a copy of an earlier build, for before/after rows on the same machine state).
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const CHROME_DIST = path.resolve(
  process.env['SNOWMAN_BENCH_CHROME_DIR'] ?? fileURLToPath(new URL('../../dist/chrome/', import.meta.url)),
);
