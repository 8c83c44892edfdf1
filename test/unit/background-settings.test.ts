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

  it('a settings file carries the imported lists: exported in full, restored with it, and a bad host refuses the whole file', async () => {
    const options = pageSender('options/index.html');
    const bg = await startBackground();
    valueOf(
      await bg.send(
        {
          type: 'import-host-list',
          payload: { list: 'block', fileName: 'corp.txt', text: 'a-listed.com\nb-listed.com\n' },
        },
        options,
      ),
    );
    const exported = valueOf<{ block?: { hosts: string[]; fileName: string } }>(
      await bg.send({ type: 'export-host-lists', payload: {} }, options),
    );
    expect(exported.block).toMatchObject({ fileName: 'corp.txt', hosts: ['a-listed.com', 'b-listed.com'] });
    const settings = valueOf<object>(await bg.send({ type: 'get-settings', payload: {} }, options));

    // Into a fresh browser: the settings and the block list come back together.
    const other = await startBackground();
    valueOf(await other.send({ type: 'import-settings', payload: { settings, hostLists: exported } }, options));
    const view = valueOf<{ block: { count: number; fileName: string } }>(
      await other.send({ type: 'get-host-lists', payload: {} }, options),
    );
    expect(view.block).toMatchObject({ count: 2, fileName: 'corp.txt' });
    const site = valueOf<{ verdict: { reasons: { kind: string }[] } }>(
      await other.send({ type: 'get-site', payload: { url: 'http://x.b-listed.com/' } }, options),
    );
    expect(site.verdict.reasons[0]!.kind).toBe('imported-blocked');

    // A file whose list holds a host no list can hold is refused whole: neither settings nor lists change.
    const before = other.local.get('settings');
    const bad = { block: { ...exported.block, hosts: ['c-listed.com', '10.0.0.1'] } };
    const changed = { ...settings, trustedSites: ['never-applied.com'] };
    const refused = await other.send(
      { type: 'import-settings', payload: { settings: changed, hostLists: bad } },
      options,
    );
    expect(refused).toMatchObject({
      ok: false,
      error: expect.stringMatching(/nothing changed: .*hostLists\.block\.hosts\[1\]/),
    });
    expect(other.local.get('settings')).toEqual(before);
    expect(
      valueOf<{ block: { count: number } }>(await other.send({ type: 'get-host-lists', payload: {} }, options)).block
        .count,
    ).toBe(2);
  });
});
