import { describe, expect, it } from 'vitest';
import {
  allowRule,
  blockPattern,
  blockRule,
  hostOfRule,
  isUnderSite,
  ruleCatches,
  ALLOW_PRIORITY,
  BLOCK_PRIORITY,
} from '../../src/background/block-rules.js';
import { targetOfWarningUrl, warningUrl } from '../../src/background/warning-url.js';

const PAGE = 'chrome-extension://abc/warning/index.html';

describe('declarativeNetRequest rules', () => {
  it('a block rule catches every http(s) URL of the host and its www form, and nothing else', () => {
    const host = 'xkq-evil.example.com';
    for (const url of [
      `http://${host}/`,
      `https://${host}`,
      `http://www.${host}:8080/a?b#c`,
      `HTTP://${host.toUpperCase()}/x`,
      `http://${host}?q`,
      `http://${host}#f`,
    ]) {
      expect(ruleCatches(host, url), url).toBe(true);
    }
    for (const url of [
      `http://sub.${host}/`,
      `http://${host}.attacker.net/`,
      `http://xkq-evilXexample.com/`,
      `ftp://${host}/`,
      `http://a.com/?u=http://${host}/`,
    ]) {
      expect(ruleCatches(host, url), url).toBe(false);
    }
  });

  it('the redirect carries the whole original URL after the warning page #', () => {
    const rule = blockRule(7, 'evil.com', PAGE);
    expect(rule).toMatchObject({ id: 7, priority: BLOCK_PRIORITY, condition: { resourceTypes: ['main_frame'] } });
    expect(rule.action.redirect?.regexSubstitution).toBe(`${PAGE}#\\0`);
    // What Chrome does with \0: substitute the whole match, which is the whole URL.
    const url = 'http://evil.com:81/p?q=1#h';
    const redirected = url.replace(
      new RegExp(blockPattern('evil.com')),
      rule.action.redirect!.regexSubstitution.replace('\\0', () => '$&'),
    );
    expect(redirected).toBe(warningUrl(PAGE, url));
    expect(targetOfWarningUrl(PAGE, redirected)).toBe(url);
  });

  it('maps rules back to hosts', () => {
    expect(hostOfRule(blockRule(1, 'a-b.evil.co.uk', PAGE))).toBe('a-b.evil.co.uk');
    expect(hostOfRule(allowRule(2, 'evil.com'))).toBeNull();
    expect(
      hostOfRule({
        id: 3,
        priority: 1,
        action: { type: 'redirect' },
        condition: { regexFilter: '^foo$', resourceTypes: [] },
      }),
    ).toBeNull();
  });

  it('a session allow rule outranks the block rules of a site and its subdomains', () => {
    expect(allowRule(9, 'evil.com')).toEqual({
      id: 9,
      priority: ALLOW_PRIORITY,
      action: { type: 'allow' },
      condition: { requestDomains: ['evil.com'], resourceTypes: ['main_frame'] },
    });
    expect(ALLOW_PRIORITY).toBeGreaterThan(BLOCK_PRIORITY);
    expect(isUnderSite('a.evil.com', 'evil.com')).toBe(true);
    expect(isUnderSite('evil.com', 'evil.com')).toBe(true);
    expect(isUnderSite('notevil.com', 'evil.com')).toBe(false);
  });

  it('other URLs are not warning page URLs', () => {
    expect(targetOfWarningUrl(PAGE, 'http://evil.com/')).toBeNull();
    expect(targetOfWarningUrl(PAGE, `${PAGE}?x`)).toBeNull();
  });
});
