import { build } from 'esbuild';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// The content script runs in every page and the popup must open fast: neither may pull in tfjs,
// the model code or the Public Suffix List, even through a shared helper (a name renderer once
// did, through core/explain-display.ts and the n-gram blend: 405 KB instead of 16 KB).
const ROOT = path.resolve(__dirname, '../..');

async function bundle(entry: string): Promise<{ bytes: number; inputs: string[] }> {
  const result = await build({
    entryPoints: [path.join(ROOT, entry)],
    bundle: true,
    minify: true,
    write: false,
    metafile: true,
    format: 'iife',
    logLevel: 'silent',
    define: { __FIREFOX__: 'false', __DEBUG__: 'false', 'process.env.NODE_ENV': '"production"' },
  });
  return { bytes: result.outputFiles[0]!.contents.length, inputs: Object.keys(result.metafile.inputs) };
}

describe('page-side bundles', () => {
  for (const [entry, limit] of [
    ['src/content/index.ts', 30 * 1024],
    ['src/popup/main.ts', 30 * 1024],
  ] as const) {
    it(`${entry} stays small and model-free`, async () => {
      const { bytes, inputs } = await bundle(entry);
      expect(inputs.filter((file) => /@tensorflow|tldts|punycode|src\/core\/(model|ngram)\/|explain(-weights|-display)?\.ts$/.test(file))).toEqual([]);
      expect(bytes).toBeLessThanOrEqual(limit);
    });
  }
});
