import { describe, expect, it } from 'vitest';
import { budgetAdmits, budgetKey, prefilterAdmits } from '../../src/core/link-budget.js';
import { siteBudgetKey } from '../../src/core/site-budget-key.js';
import { LINK_LIMITS } from '../../src/core/messages.js';

describe('link budget', () => {
  it('groups a host under its last two labels, three under a common country second level', () => {
    expect(budgetKey('a.b.decoy.example')).toBe('decoy.example');
    expect(budgetKey('decoy.example')).toBe('decoy.example');
    expect(budgetKey('localhost')).toBe('localhost');
    expect(budgetKey('shop.bbc.co.uk')).toBe('bbc.co.uk');
    expect(budgetKey('x.mercado.com.br')).toBe('mercado.com.br');
    // Not a country code: co is an ordinary label here.
    expect(budgetKey('a.co.com')).toBe('co.com');
  });

  it('admits a new domain until the domain cap, a known one until the host cap', () => {
    const cap = LINK_LIMITS.hostsPerPage;
    expect(budgetAdmits({ hosts: cap, domains: 1, hasKey: false })).toBe(true);
    expect(budgetAdmits({ hosts: cap, domains: 1, hasKey: true })).toBe(false);
    expect(budgetAdmits({ hosts: cap - 1, domains: cap, hasKey: true })).toBe(true);
    expect(budgetAdmits({ hosts: cap - 1, domains: cap, hasKey: false })).toBe(false);
  });

  it('the background keys by registrable domain with the public suffix list, private section on', () => {
    expect(siteBudgetKey('a.github.io')).toBe('a.github.io');
    expect(siteBudgetKey('x.a.github.io')).toBe('a.github.io');
    expect(siteBudgetKey('shop.bbc.co.uk')).toBe('bbc.co.uk');
    expect(siteBudgetKey('login.example.com')).toBe('example.com');
    // No registrable domain by the list: the cheap key groups it.
    expect(siteBudgetKey('d1.decoy.example')).toBe('decoy.example');
  });

  it("the content script's pre-filter lets a known cheap key through to twice the cap, so it never drops what the background admits", () => {
    const cap = LINK_LIMITS.hostsPerPage;
    expect(prefilterAdmits({ hosts: 2 * cap - 1, domains: 1, hasKey: true })).toBe(true);
    expect(prefilterAdmits({ hosts: 2 * cap, domains: 1, hasKey: true })).toBe(false);
    expect(prefilterAdmits({ hosts: 2 * cap, domains: cap - 1, hasKey: false })).toBe(true);
    expect(prefilterAdmits({ hosts: 0, domains: cap, hasKey: false })).toBe(false);
  });
});
