/**
 * The background bundle keeps tfjs behind lazy-engine.ts: with that one module left out, nothing
 * the worker evaluates at start imports tfjs (a second path in would evaluate it before the
 * listeners and the quick check, and bundle a second copy of it).
 */
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

async function inputsWithout(lazyModule: RegExp): Promise<string[]> {
  const result = await build({
    entryPoints: ['src/background/index.ts'],
    bundle: true,
    write: false,
    metafile: true,
    format: 'iife',
    platform: 'browser',
    logLevel: 'silent',
    define: { __FIREFOX__: 'false', __DEBUG__: 'false' },
    plugins: [
      {
        name: 'leave-out-engine',
        setup(b) {
          b.onLoad({ filter: lazyModule }, () => ({ contents: 'export function engineModule() {}', loader: 'js' }));
        },
      },
    ],
  });
  return Object.keys(result.metafile.inputs);
}

describe('background start-up bundle', () => {
  it('imports no tfjs outside the lazily evaluated engine', async () => {
    const inputs = await inputsWithout(/[\\/]src[\\/]background[\\/]lazy-engine\.ts$/);
    expect(inputs).toContain('src/background/create-background.ts');
    expect(inputs.filter((file) => file.includes('@tensorflow'))).toEqual([]);
  });

  it('the engine module is what carries it', async () => {
    const inputs = await inputsWithout(/^$/);
    expect(inputs.some((file) => file.includes('@tensorflow/tfjs-backend-wasm'))).toBe(true);
  });
});
