import { build } from 'esbuild';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// The content script runs in every page and the pages must open fast: none may pull in tfjs or the
// model code, even through a shared helper (a name renderer once did, through core/explain-display.ts
// and the n-gram blend: 405 KB instead of 16 KB; the options page got the Public Suffix List through
// a display helper in core/domain.ts: 109 KB instead of 7 KB).
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

const MODEL_CODE = /@tensorflow|src\/core\/(model|ngram)\/|explain(-weights|-display)?\.ts$/;
const PSL = /tldts/;
const PUNYCODE = /punycode/;
const POPUP_REST = /src\/popup\/(main|view)\.ts$|src\/ui\/(report|save-text)\.ts$/;

describe('page-side bundles', () => {
  // [entry, budget, what it may never contain]. The pages only show names (display-host.ts); the
  // registrable domain comes from the background, which has the Public Suffix List (the warning
  // page once bundled it for its offline fallback alone: 154 KB instead of 17 KB).
  for (const [entry, limit, forbidden] of [
    ['src/content/index.ts', 30 * 1024, [MODEL_CODE, PSL, PUNYCODE]],
    ['src/popup/main.ts', 30 * 1024, [MODEL_CODE, PSL, PUNYCODE]],
    // The popup's first script shows the verdict alone (from its address, read strictly, or the tab's
    // record): the actions, links, status and report are main.ts's.
    ['src/popup/first.ts', 16 * 1024, [MODEL_CODE, PSL, PUNYCODE, POPUP_REST]],
    // Options words every failure and refused file in the user's language (ui/failure-words.ts, refusal-words.ts).
    ['src/options/main.ts', 26 * 1024, [MODEL_CODE, PSL]],
    ['src/warning/main.ts', 24 * 1024, [MODEL_CODE, PSL]],
    // Shown on every first visit in strict mode: it must open at once.
    ['src/checking/main.ts', 16 * 1024, [MODEL_CODE, PSL]],
  ] as const) {
    it(`${entry} stays within ${limit / 1024} KB and free of ${forbidden.map(String).join(', ')}`, async () => {
      const { bytes, inputs } = await bundle(entry);
      expect(inputs.filter((file) => forbidden.some((pattern) => pattern.test(file)))).toEqual([]);
      expect(bytes).toBeLessThanOrEqual(limit);
    });
  }
});
