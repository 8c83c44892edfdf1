/**
 * The background's start-up (runtime.ts) on the in-memory platform: the model and lists come from
 * the package, settings and the policy from storage; a model that cannot load leaves browsing
 * unchecked with the toolbar's error state, never a broken browser.
 */
import { describe, expect, it } from 'vitest';
import { isPolicyBlockRule } from '../../src/background/block-rules.js';
import { eventually, startBackground, storedSettings, valueOf } from '../support/background-under-test.js';

describe('background runtime', () => {
  it('loads the packaged model, the stored settings and the policy', async () => {
    const bg = await startBackground({
      settings: storedSettings({ trustedSites: ['mine.example'], sensitivity: 'strict' }),
      managed: { blockedDomains: ['org-blocked-site.com'] },
    });
    expect(bg.runtime.judge).not.toBeNull();
    expect(bg.runtime.modelError).toBeUndefined();
    expect(bg.runtime.settings).toMatchObject({ trustedSites: ['mine.example'], sensitivity: 'strict' });
    expect(bg.runtime.policy.blockedDomains).toEqual(['org-blocked-site.com']);
    await eventually(() => expect(bg.dynamicRules.filter(isPolicyBlockRule)).toHaveLength(1));
  });

  it('without its weights: error status and toolbar, pages load unchecked', async () => {
    const bg = await startBackground({ files: { 'model/weights.bin': null } });
    expect(bg.runtime.judge).toBeNull();
    expect(bg.runtime.modelError).toMatch(/weights\.bin/);
    const status = valueOf<{ state: string; error: string }>(await bg.send({ type: 'get-status', payload: {} }));
    expect(status).toMatchObject({ state: 'error', error: expect.stringMatching(/weights\.bin/) });
    await eventually(() => expect(bg.toolbar.get('all')?.state).toBe('error'));
    bg.fire.beforeNavigate(1, 'http://w0vbfi386tnbdf9c0ptnfjbqm1.biz/');
    bg.fire.committed(1, 'http://w0vbfi386tnbdf9c0ptnfjbqm1.biz/');
    await eventually(() => expect(bg.toolbar.get(1)?.state).toBe('error'));
    expect(bg.navigations).toEqual([]);
  });

  it('a damaged settings entry falls back to the defaults, protection on', async () => {
    const bg = await startBackground({ settings: 'not settings' });
    expect(bg.runtime.settings.blockedSites).toEqual([]);
    expect(bg.runtime.judge).not.toBeNull();
  });

  it('follows a policy change while running', async () => {
    const bg = await startBackground();
    expect(bg.dynamicRules.filter(isPolicyBlockRule)).toEqual([]);
    bg.setManaged({ blockedDomains: ['newly-blocked-site.com'] });
    await eventually(() => expect(bg.runtime.policy.blockedDomains).toEqual(['newly-blocked-site.com']));
    await eventually(() => expect(bg.dynamicRules.filter(isPolicyBlockRule)).toHaveLength(1));
  });
});
