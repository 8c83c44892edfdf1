/** The imported lists in the background: import, view, clear, what the judge matches, and Chrome's rules for them. */
import { describe, expect, it } from 'vitest';
import { createHostLists, readStoredHostLists, type StoredHostLists } from '../../src/background/host-lists.js';
import { HOSTS_PER_RULE, MAX_IMPORTED_BLOCK_RULES } from '../../src/background/imported-rules.js';
import type { NetRule } from '../../src/platform/net-rules.js';

const WARNING = 'chrome-extension://id/warning/index.html';

function memoryStore(initial?: unknown) {
  const saved: StoredHostLists[] = [];
  return {
    saved,
    store: { load: async () => initial, save: async (lists: StoredHostLists) => void saved.push(lists) },
  };
}

function chromeRules(guardHosts: string[] = []) {
  const installed: NetRule[][] = [];
  return {
    installed,
    guardHosts,
    rules: {
      syncImported: async (rules: readonly NetRule[]) => void installed.push([...rules]),
      removeHosts: async (test: (host: string) => boolean) => {
        guardHosts.splice(0, guardHosts.length, ...guardHosts.filter((host) => !test(host)));
      },
    },
  };
}

describe('imported lists in the background', () => {
  it('imports a block list, keeps its good lines, reports the bad ones, and installs its rules', async () => {
    const { store, saved } = memoryStore();
    const { rules, installed } = chromeRules();
    const lists = createHostLists({ store, rules, warningPage: WARNING }, () => new Date('2026-12-02T21:00:00Z'));
    const report = await lists.importFile(
      'block',
      'mine.txt',
      '# mine\nevil.example.com\n0.0.0.0 www.bad.example.net\n10.0.0.1\n',
    );
    expect([report.kept, report.badCount, report.bad[0]?.line]).toEqual([2, 1, 4]);
    expect(report.lists.block).toEqual({
      count: 2,
      hosts: ['evil.example.com', 'bad.example.net'],
      fileName: 'mine.txt',
      importedAt: '2026-12-02T21:00:00.000Z',
    });
    expect(report.lists.enforcement).toEqual({ browserRules: true, browser: 2, worker: 0 });
    expect(saved.at(-1)?.block?.hosts).toEqual(['evil.example.com', 'bad.example.net']);
    expect(installed.at(-1)!.map((r) => r.condition.requestDomains)).toEqual([['evil.example.com', 'bad.example.net']]);
    expect(lists.current().block.match('login.evil.example.com')).toBe('evil.example.com');
    expect(lists.current().browserBlock.match('bad.example.net')).toBe('bad.example.net');
    expect(lists.current().trust.match('evil.example.com')).toBeNull();
  });

  it('leaves a list as it was when the file has no usable line, and clears it on request', async () => {
    const { store } = memoryStore({ trust: { hosts: ['corp.example'], fileName: 'a.txt', importedAt: '2026-01-01' } });
    const { rules, installed } = chromeRules();
    const lists = createHostLists({ store, rules, warningPage: WARNING });
    const report = await lists.importFile('trust', 'junk.txt', 'not a host\n');
    expect([report.kept, report.lists.trust.count]).toEqual([0, 1]);
    expect(lists.current().trust.match('x.corp.example')).toBe('corp.example');
    const cleared = await lists.clear('trust');
    expect(cleared.trust.count).toBe(0);
    expect(installed.at(-1)).toEqual([]);
    expect(lists.current().trust.match('corp.example')).toBeNull();
  });

  it('says how many blocked hosts the browser stops and how many the worker checks', async () => {
    const many = Array.from({ length: HOSTS_PER_RULE * MAX_IMPORTED_BLOCK_RULES + 3 }, (_, i) => `h${i}.example.com`);
    const lists = createHostLists({ store: memoryStore().store, rules: chromeRules().rules, warningPage: WARNING });
    const { lists: view } = await lists.importFile('block', 'big.txt', many.join('\n'));
    expect(view.enforcement).toEqual({ browserRules: true, browser: many.length - 3, worker: 3 });
    expect(lists.current().browserBlock.match(many.at(-1)!)).toBeNull();
    expect(lists.current().block.match(many.at(-1)!)).toBe(many.at(-1));
  });

  it("drops the guard's own rules for hosts a cleared or replaced block list no longer covers", async () => {
    const chrome = chromeRules(['login.evil.example.com', 'model-flagged.example.org', 'kept.example.net']);
    const lists = createHostLists({ store: memoryStore().store, rules: chrome.rules, warningPage: WARNING });
    await lists.importFile('block', 'a.txt', 'evil.example.com\nkept.example.net');
    await lists.importFile('block', 'b.txt', 'kept.example.net');
    expect(chrome.guardHosts).toEqual(['model-flagged.example.org', 'kept.example.net']);
    await lists.clear('block');
    expect(chrome.guardHosts).toEqual(['model-flagged.example.org']);
  });

  it('in Firefox, leaves every host to the worker', async () => {
    const lists = createHostLists({ store: memoryStore().store, rules: null, warningPage: WARNING });
    const { lists: view } = await lists.importFile('block', 'x.txt', 'evil.example.com');
    expect(view.enforcement).toEqual({ browserRules: false, browser: 0, worker: 1 });
    expect(lists.current().browserBlock.size).toBe(0);
  });

  it('drops what storage holds that is not a list', () => {
    expect(
      readStoredHostLists({ block: { hosts: ['ok.example', 42, '<b>'], fileName: 'f', importedAt: 'd' }, trust: 'x' }),
    ).toEqual({
      block: { hosts: ['ok.example'], fileName: 'f', importedAt: 'd' },
    });
    expect(readStoredHostLists(null)).toEqual({});
  });
});
