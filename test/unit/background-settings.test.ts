/**
 * The settings service: every change to the user's settings goes through one queue, so two
 * changes made at once both last, in memory and in storage, whatever the order the writes finish
 * in; Chrome's allow rules follow the trusted and paused lists after every change.
 */
import { describe, expect, it } from 'vitest';
import { siteOfTrustRule } from '../../src/background/block-rules.js';
import { pageSender } from '../support/fake-platform.js';
import { startBackground, valueOf } from '../support/background-under-test.js';

describe('settings service', () => {
  it('two concurrent changes both last even when the first write finishes last', async () => {
    // The first write takes 80 ms, later ones none: an unserialised second write lands first and is overwritten.
    const bg = await startBackground({ settingsWriteMs: (n) => (n === 0 ? 80 : 0) });
    await Promise.all([
      bg.send({ type: 'block-site', payload: { url: 'http://first-site.com/' } }, pageSender()),
      bg.send({ type: 'pause-site', payload: { url: 'http://second-site.com/', paused: true } }, pageSender()),
      bg.send({ type: 'set-preferences', payload: { sensitivity: 'strict' } }, pageSender('options/index.html')),
    ]);
    expect(bg.local.get('settings')).toMatchObject({
      blockedSites: ['first-site.com'],
      pausedSites: ['second-site.com'],
      sensitivity: 'strict',
    });
    const read = valueOf(await bg.send({ type: 'get-settings', payload: {} }, pageSender('options/index.html')));
    expect(read).toEqual(bg.local.get('settings'));
  });

  it("the popup's Trust and the options page's removal keep Chrome's allow rules in line", async () => {
    const bg = await startBackground();
    valueOf(await bg.send({ type: 'trust-site-here', payload: { url: 'http://listed-site.com/' } }, pageSender()));
    expect(bg.dynamicRules.map(siteOfTrustRule)).toContain('listed-site.com');
    valueOf(
      await bg.send(
        { type: 'remove-site', payload: { list: 'trustedSites', site: 'listed-site.com' } },
        pageSender('options/index.html'),
      ),
    );
    expect(bg.dynamicRules.map(siteOfTrustRule)).not.toContain('listed-site.com');
  });

  it('an imported settings file replaces the lists, and its trusted sites get allow rules', async () => {
    const bg = await startBackground();
    const current = valueOf<object>(
      await bg.send({ type: 'get-settings', payload: {} }, pageSender('options/index.html')),
    );
    const imported = { ...current, trustedSites: ['imported-site.com'] };
    valueOf(
      await bg.send({ type: 'import-settings', payload: { settings: imported } }, pageSender('options/index.html')),
    );
    expect(bg.local.get('settings')).toMatchObject({ trustedSites: ['imported-site.com'] });
    expect(bg.dynamicRules.map(siteOfTrustRule)).toContain('imported-site.com');
  });
});
