import { build } from 'esbuild';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// Firefox has no declarativeNetRequest: its background must not carry Chrome's block-list code.
const ROOT = path.resolve(__dirname, '../..');

/** Bytes each source file contributes to the minified background bundle for one browser. */
async function contributions(firefox: boolean): Promise<Record<string, number>> {
  const result = await build({
    entryPoints: [path.join(ROOT, 'src/background/index.ts')],
    bundle: true,
    minify: true,
    write: false,
    metafile: true,
    format: 'esm',
    platform: 'browser',
    logLevel: 'silent',
    define: { __FIREFOX__: String(firefox), __DEBUG__: 'false', 'process.env.NODE_ENV': '"production"' },
  });
  const output = Object.values(result.metafile.outputs)[0]!;
  return Object.fromEntries(Object.entries(output.inputs).map(([file, { bytesInOutput }]) => [file, bytesInOutput]));
}

describe('background bundle per browser', () => {
  it("leaves Chrome's DNR block list out of Firefox's bundle and keeps it in Chrome's", async () => {
    const [chrome, firefox] = await Promise.all([contributions(false), contributions(true)]);
    // What stays are small helpers the guard and the policy code share (ruleCatches, alwaysAllowedSites).
    for (const file of ['src/background/block-list.ts', 'src/background/block-rules.ts']) {
      expect(chrome[file] ?? 0, file).toBeGreaterThan(1000);
      expect(firefox[file] ?? 0, file).toBeLessThan((chrome[file] ?? 0) / 5);
    }
  }, 60_000);

  it('calls the polyfill directly, without the CommonJS interop copy of every property of its exports', async () => {
    // Where the browser has a `browser` namespace the polyfill exports it, and the copy would build
    // every extension API the browser offers while the worker starts.
    const result = await build({
      entryPoints: [path.join(ROOT, 'src/background/index.ts')],
      bundle: true,
      write: false,
      format: 'iife',
      platform: 'browser',
      logLevel: 'silent',
      define: { __FIREFOX__: 'false', __DEBUG__: 'false', 'process.env.NODE_ENV': '"production"' },
    });
    const code = result.outputFiles[0]!.text;
    expect(code).toContain('require_browser_polyfill()');
    expect(code).not.toMatch(/__toESM\(require_browser_polyfill\(\)/);
  }, 60_000);
});
