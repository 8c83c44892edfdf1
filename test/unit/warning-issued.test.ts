import { describe, expect, it } from 'vitest';
import type { BlockList } from '../../src/background/block-list.js';
import { createIssuedCheck } from '../../src/background/warning-issued.js';
import { MAX_WARNING_TOKENS, createWarningTokens } from '../../src/background/warning-tokens.js';
import { targetOfWarningUrl, warningUrl } from '../../src/background/warning-url.js';
import { memorySession } from './helpers/memory-session.js';

const PAGE = 'chrome-extension://abc/warning/index.html';

function rules(hosts: string[]): BlockList {
  return {
    has: async (host) => hosts.includes(host),
    add: async () => {},
    addMany: async () => {},
    removeSite: async () => {},
    allowForSession: async () => {},
    clear: async () => {},
    syncTrusted: async () => {},
    syncPolicyBlocked: async () => {},
    syncImported: async () => {},
    removeHosts: async () => {},
  };
}

describe('warning tokens', () => {
  it('holds a token only for the tab and site it was issued for, once', async () => {
    const tokens = createWarningTokens(memorySession());
    const token = await tokens.issue(7, 'evil.com');
    expect(token).toMatch(/^[0-9a-f-]{36}$/);
    expect(await tokens.holds(token, 7, 'evil.com')).toBe(true);
    expect(await tokens.holds(token, 8, 'evil.com')).toBe(false);
    expect(await tokens.holds(token, 7, 'other.com')).toBe(false);
    expect(await tokens.holds('guess', 7, 'evil.com')).toBe(false);
    await tokens.consume(token);
    expect(await tokens.holds(token, 7, 'evil.com')).toBe(false);
  });

  it('survives a worker restart (storage.session) and keeps a bounded number', async () => {
    const store = memorySession();
    const first = await createWarningTokens(store).issue(1, 'a.com');
    const again = createWarningTokens(store);
    expect(await again.holds(first, 1, 'a.com')).toBe(true);
    await Promise.all(Array.from({ length: MAX_WARNING_TOKENS + 5 }, (_, i) => again.issue(100 + i, `s${i}.com`)));
    expect((store.data.get('warning-tokens') as unknown[]).length).toBe(MAX_WARNING_TOKENS);
    expect(await again.holds(first, 1, 'a.com')).toBe(false);
  });
});

describe('was this warning issued by the extension?', () => {
  it('a page a site opened on its own domain is not; the tab with the token is', async () => {
    const tokens = createWarningTokens(memorySession());
    const issued = createIssuedCheck({ tokens, blockList: rules([]) });
    expect(await issued('http://its-own-domain.com/', undefined, 3)).toBe(false);
    const token = await tokens.issue(3, 'its-own-domain.com');
    expect(await issued('http://login.its-own-domain.com/x', token, 3)).toBe(true);
    expect(await issued('http://its-own-domain.com/', token, 4)).toBe(false);
  });

  it("a redirect made by the extension's own rule carries no token and is trusted through the rule", async () => {
    const issued = createIssuedCheck({
      tokens: createWarningTokens(memorySession()),
      blockList: rules(['flagged.com']),
    });
    expect(await issued('http://flagged.com/path', undefined, 9)).toBe(true);
    expect(await issued('http://www.flagged.com/path', undefined, 9)).toBe(true);
    expect(await issued('http://unflagged.com/', undefined, 9)).toBe(false);
    const listed = createIssuedCheck({
      tokens: createWarningTokens(memorySession()),
      blockList: null,
      isListed: (p) => p.host === 'listed.net',
    });
    expect(await listed('https://listed.net/', undefined, 2)).toBe(true);
    expect(await listed('https://javascript-not.net/', undefined, 2)).toBe(false);
    expect(await listed('javascript:alert(1)', undefined, 2)).toBe(false);
  });
});

describe('warning page address', () => {
  it('carries the token in the query and the target unencoded after #', () => {
    const url = warningUrl(PAGE, 'http://a.com/x?y=1#z', 'tok-1');
    expect(url).toBe(`${PAGE}?t=tok-1#http://a.com/x?y=1#z`);
    expect(targetOfWarningUrl(PAGE, url)).toBe('http://a.com/x?y=1#z');
    expect(targetOfWarningUrl(PAGE, warningUrl(PAGE, 'http://a.com/'))).toBe('http://a.com/');
    expect(targetOfWarningUrl(PAGE, `${PAGE}x#http://a.com/`)).toBeNull();
  });
});
