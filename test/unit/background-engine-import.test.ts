/**
 * Chrome brings the CNN's code into the worker with a late importScripts (build.mjs): when the
 * browser refuses it, the n-gram members the quick check already runs keep judging every
 * navigation, rather than the guard standing without a model.
 */
import { describe, expect, it, vi } from 'vitest';
import { EngineImportError } from '../../src/background/engine-import-error.js';
import { eventually, startBackground, valueOf } from '../support/background-under-test.js';

vi.mock('../../src/background/lazy-engine.js', () => ({
  engineModule: () => {
    throw new EngineImportError(
      new Error('importScripts() of new scripts after service worker installation is not allowed'),
    );
  },
}));

/** Random letters, on no list: dangerous to the quick check. */
const DANGEROUS = 'http://aftxopbojhxapurcajyz.info/';

describe('engine import refused', () => {
  it('judges with the n-gram members alone and says the model is ready', async () => {
    const bg = await startBackground();
    expect(bg.runtime.judge).not.toBeNull();
    expect(bg.runtime.engine).toBeNull();
    const status = valueOf<{ state: string }>(await bg.send({ type: 'get-status', payload: {} }));
    expect(status.state).toBe('ready');
    bg.fire.beforeNavigate(1, DANGEROUS);
    await eventually(() => expect(bg.navigations).toHaveLength(1));
    expect(bg.navigations[0]![1]).toMatch(/warning\/index\.html/);
  });
});
