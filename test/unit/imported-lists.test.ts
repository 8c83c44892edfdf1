/** Imported block and trust lists: the file parser, host matching, and Chrome's rule budget for them. */
import { describe, expect, it } from 'vitest';
import { MAX_IMPORTED_HOSTS, parseHostList } from '../../src/core/host-list-file.js';
import { importedHostOf } from '../../src/core/imported-host.js';
import { createHostSet } from '../../src/core/host-set.js';
import {
  DNR_DYNAMIC_LIMITS,
  HOSTS_PER_RULE,
  MAX_IMPORTED_BLOCK_RULES,
  importedBlockRuleBudget,
  isImportedRule,
  planImportedRules,
} from '../../src/background/imported-rules.js';
import { MAX_BLOCK_RULES } from '../../src/background/block-rules.js';

const WARNING = 'chrome-extension://id/warning/index.html';

describe('parseHostList', () => {
  it('keeps hosts, URLs and hosts-file lines, skips comments, and reports each bad line by number', () => {
    const text = [
      '# my list',
      'Evil.Example.com',
      '',
      '0.0.0.0 tracker.example.net # from a hosts file',
      'https://www.phish.example.org/login',
      '192.168.1.1',
      'two names.example.com here.example.com',
      'co.uk',
      'evil.example.com',
      'bad..name',
    ].join('\r\n');
    const parsed = parseHostList(text, importedHostOf);
    expect(parsed.hosts).toEqual(['evil.example.com', 'tracker.example.net', 'phish.example.org']);
    expect(parsed.bad.map((b) => [b.line, b.text])).toEqual([
      [6, '192.168.1.1'],
      [7, 'two names.example.com here.example.com'],
      [8, 'co.uk'],
      [10, 'bad..name'],
    ]);
    expect(parsed.bad[1]!.problem).toBe('more than one name on the line');
    expect(parsed.bad[2]!.problem).toMatch(/public suffix/);
    expect(parsed.badCount).toBe(4);
  });

  it('keeps the first hosts up to the cap and reports the rest, counting bad lines past those listed', () => {
    const many = Array.from({ length: MAX_IMPORTED_HOSTS + 2 }, (_, i) => `h${i}.example.com`);
    const parsed = parseHostList([...many, ...Array.from({ length: 150 }, () => '10.0.0.1')].join('\n'), (e) =>
      e.startsWith('10.') ? { problem: 'an IP' } : { host: e },
    );
    expect(parsed.hosts.length).toBe(MAX_IMPORTED_HOSTS);
    expect(parsed.bad[0]).toMatchObject({
      line: MAX_IMPORTED_HOSTS + 1,
      problem: expect.stringMatching(/past 100,000/),
    });
    expect(parsed.bad.length).toBe(100);
    expect(parsed.badCount).toBe(152);
  });
});

describe('createHostSet', () => {
  it('matches a host and its sub-domains, never a sibling or a longer name', () => {
    const set = createHostSet(['evil.example.com', 'bad.net']);
    expect(set.match('evil.example.com')).toBe('evil.example.com');
    expect(set.match('a.b.evil.example.com')).toBe('evil.example.com');
    expect(set.match('x.bad.net')).toBe('bad.net');
    expect(set.match('example.com')).toBeNull();
    expect(set.match('notevil.example.com')).toBeNull();
    expect(set.match('bad.net.example.org')).toBeNull();
  });
});

describe('imported rules in the dynamic-rule budget', () => {
  it('leaves the guard its regex rules and the policy its one, within every Chrome limit', () => {
    const budget = importedBlockRuleBudget();
    expect(budget).toBe(MAX_IMPORTED_BLOCK_RULES);
    expect(MAX_BLOCK_RULES + 1 + budget).toBeLessThanOrEqual(DNR_DYNAMIC_LIMITS.MAX_NUMBER_OF_REGEX_RULES);
    expect(MAX_BLOCK_RULES + 1 + budget).toBeLessThanOrEqual(DNR_DYNAMIC_LIMITS.MAX_NUMBER_OF_UNSAFE_DYNAMIC_RULES);
    expect(importedBlockRuleBudget(990)).toBe(10);
    expect(importedBlockRuleBudget(1_000)).toBe(0);
    expect(importedBlockRuleBudget(0, 4_995)).toBe(5);
  });

  it('packs blocked hosts up to the budget and says how many are left to the worker', () => {
    const blocked = Array.from({ length: HOSTS_PER_RULE * MAX_IMPORTED_BLOCK_RULES + 7 }, (_, i) => `b${i}.example`);
    const trusted = Array.from({ length: HOSTS_PER_RULE + 1 }, (_, i) => `t${i}.example`);
    const plan = planImportedRules(blocked, trusted, WARNING);
    expect([plan.browserBlocked, plan.workerBlocked]).toEqual([HOSTS_PER_RULE * MAX_IMPORTED_BLOCK_RULES, 7]);
    const redirects = plan.rules.filter((r) => r.action.type === 'redirect');
    const allows = plan.rules.filter((r) => r.action.type === 'allow');
    expect(redirects.length).toBe(MAX_IMPORTED_BLOCK_RULES);
    expect(
      redirects.every(
        (r) => r.condition.regexFilter === '^.+$' && r.condition.requestDomains!.length <= HOSTS_PER_RULE,
      ),
    ).toBe(true);
    expect(redirects[0]!.action.redirect?.regexSubstitution).toBe(`${WARNING}#\\0`);
    expect(allows.map((r) => r.condition.requestDomains!.length)).toEqual([HOSTS_PER_RULE, 1]);
    expect(Math.min(...allows.map((r) => r.priority))).toBeGreaterThan(Math.max(...redirects.map((r) => r.priority)));
    expect(new Set(plan.rules.map((r) => r.id)).size).toBe(plan.rules.length);
    expect(plan.rules.every(isImportedRule)).toBe(true);
    expect(isImportedRule({ id: 901 })).toBe(false);
  });

  it('sends everything to the worker when no regex rule is left', () => {
    const plan = planImportedRules(['a.example', 'b.example'], [], WARNING, 0);
    expect([plan.browserBlocked, plan.workerBlocked, plan.rules.length]).toEqual([0, 2, 0]);
  });
});
