/**
 * Chrome's block list over the in-memory DNR rule sets: rule ids never collide under concurrent
 * changes, the cap evicts the oldest, and trust, Continue and the policy each get their rules.
 */
import { describe, expect, it } from 'vitest';
import { alwaysAllowedSites, createBlockList } from '../../src/background/block-list.js';
import { hostOfRule, isPolicyBlockRule, MAX_BLOCK_RULES, siteOfTrustRule } from '../../src/background/block-rules.js';
import { DEFAULT_SETTINGS } from '../../src/core/settings.js';
import { fakePlatform, pageSender } from '../support/fake-platform.js';
import { eventually, startBackground, storedSettings, valueOf } from '../support/background-under-test.js';

const WARNING = 'chrome-extension://abc/warning/index.html';

function listOnFake() {
  const fake = fakePlatform();
  return { fake, list: createBlockList(fake.api.rules!, WARNING) };
}

describe('block list', () => {
  it('gives concurrent additions distinct rule ids (the fake refuses a duplicate id)', async () => {
    const { fake, list } = listOnFake();
    await Promise.all(['a.com', 'b.com', 'c.com', 'a.com'].map((host) => list.add(host)));
    expect(fake.dynamicRules.map(hostOfRule).sort()).toEqual(['a.com', 'b.com', 'c.com']);
    expect(new Set(fake.dynamicRules.map((rule) => rule.id)).size).toBe(3);
    expect(await list.has('b.com')).toBe(true);
    expect(await list.has('d.com')).toBe(false);
  });

  it('evicts the oldest rules past the cap', async () => {
    const { fake, list } = listOnFake();
    const hosts = Array.from({ length: MAX_BLOCK_RULES + 2 }, (_, i) => `host${i}.com`);
    await list.addMany(hosts.slice(0, MAX_BLOCK_RULES));
    await list.addMany(hosts.slice(MAX_BLOCK_RULES));
    expect(fake.dynamicRules).toHaveLength(MAX_BLOCK_RULES);
    expect(await list.has('host0.com')).toBe(false);
    expect(await list.has('host1.com')).toBe(false);
    expect(await list.has(`host${MAX_BLOCK_RULES + 1}.com`)).toBe(true);
  });

  it('removes a site with its sub-domains, and picks up rules left by an earlier worker', async () => {
    const { fake, list } = listOnFake();
    await list.addMany(['shop.evil.com', 'evil.com', 'notevil.com']);
    const restarted = createBlockList(fake.api.rules!, WARNING);
    await restarted.removeSite('evil.com');
    expect(fake.dynamicRules.map(hostOfRule)).toEqual(['notevil.com']);
  });

  it('keeps one allow rule per trusted site and one policy block rule, both following their lists', async () => {
    const { fake, list } = listOnFake();
    await list.syncTrusted(
      alwaysAllowedSites({ ...DEFAULT_SETTINGS, trustedSites: ['a.com'], pausedSites: ['b.com'] }),
    );
    await list.syncPolicyBlocked(['org-blocked.com']);
    await list.syncTrusted(['b.com']);
    await list.syncPolicyBlocked(['org-blocked.com', 'other.com']);
    expect(fake.dynamicRules.map(siteOfTrustRule).filter(Boolean)).toEqual(['b.com']);
    expect(fake.dynamicRules.filter(isPolicyBlockRule)).toHaveLength(1);
    await list.clear();
    expect(fake.dynamicRules).toEqual([]);
  });

  it('in the background: trusting from the popup removes the redirect rules of the site', async () => {
    const bg = await startBackground({ settings: storedSettings({ blockedSites: ['blocked-example.com'] }) });
    bg.fire.beforeNavigate(2, 'http://blocked-example.com/');
    await eventually(() => expect(bg.dynamicRules.map(hostOfRule)).toContain('blocked-example.com'));
    valueOf(await bg.send({ type: 'trust-site-here', payload: { url: 'http://blocked-example.com/' } }, pageSender()));
    expect(bg.dynamicRules.map(hostOfRule)).not.toContain('blocked-example.com');
  });

  it('in the background: an install or update drops the old verdicts rules', async () => {
    const bg = await startBackground();
    await bg.api.rules!.dynamic.update(
      [
        {
          id: 77,
          priority: 1,
          action: { type: 'allow' },
          condition: { regexFilter: 'x', resourceTypes: ['main_frame'] },
        },
      ],
      [],
    );
    bg.fire.installed('update');
    await eventually(() => expect(bg.dynamicRules.map((rule) => rule.id)).not.toContain(77));
  });
});
