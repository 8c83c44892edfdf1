import { describe, expect, it } from 'vitest';
import { parseDomain } from '../../src/core/domain.js';
import { SEED_ARCHITECTURE } from '../../src/core/model/architecture.js';
import type { ModelMetadata } from '../../src/core/model/metadata.js';
import { DEFAULT_TOKENIZER } from '../../src/core/tokenizer.js';
import { decide, levelFor, type DecisionContext } from '../../src/core/verdict.js';

const metadata: ModelMetadata = {
  format: 'snowman-model',
  formatVersion: 1,
  version: 'test',
  createdAt: '2026-01-01',
  architecture: { ...SEED_ARCHITECTURE, heads: ['malicious', 'dga'] },
  tokenizer: DEFAULT_TOKENIZER,
  thresholds: { malicious: { suspicious: 0.5, dangerous: 0.9 }, dga: { suspicious: 0.7, dangerous: 0.95 } },
};
const context: DecisionContext = { metadata, isPopular: (d) => d === 'google.com' };
const score = (malicious: number, dga: number) => ({ score: Math.max(malicious, dga), category: (malicious >= dga ? 'malicious' : 'dga') as 'malicious' | 'dga', heads: [malicious, dga] });

describe('decide', () => {
  it('applies thresholds inclusively', () => {
    expect(levelFor(0.5, { suspicious: 0.5, dangerous: 0.9 })).toBe('suspicious');
    expect(levelFor(0.4999, { suspicious: 0.5, dangerous: 0.9 })).toBe('safe');
    expect(levelFor(0.9, { suspicious: 0.5, dangerous: 0.9 })).toBe('dangerous');
  });

  it('judges each head against its own thresholds', () => {
    // 0.8 is dangerous-free for dga (0.95) but suspicious for it (0.7); malicious 0.3 is safe.
    const v = decide(parseDomain('qwxkzj.com'), score(0.3, 0.8), context);
    expect(v.level).toBe('suspicious');
    expect(v.category).toBe('dga');
    expect(v.reasons[0]?.kind).toBe('model');
  });

  it('never interrupts a popular registrable domain, whatever the score', () => {
    const v = decide(parseDomain('https://mail.google.com/'), score(0.99, 0.99), context);
    expect(v.level).toBe('safe');
    expect(v.reasons[0]?.kind).toBe('popular');
  });

  it('reports unscorable inputs with their reason', () => {
    const v = decide(parseDomain('javascript:alert(1)'), null, context);
    expect(v.level).toBe('unscorable');
    expect(v.unscorableReason).toBe('scheme');
    expect(v.score).toBeNull();
  });

  it('lets the user trust or block a name over the model', () => {
    expect(decide(parseDomain('bad.example.org'), score(0.99, 0), context, 'trusted').level).toBe('safe');
    expect(decide(parseDomain('fine.example.org'), score(0.01, 0), context, 'blocked').level).toBe('dangerous');
  });

  it('raises the level on a lookalike finding even when the model is calm', () => {
    const withLookalike: DecisionContext = { ...context, findLookalikes: () => [{ level: 'dangerous', message: 'looks like paypal.com', target: 'paypal.com' }] };
    const v = decide(parseDomain('paypa1.com'), score(0.01, 0.01), withLookalike);
    expect(v.level).toBe('dangerous');
    expect(v.reasons.some((r) => r.kind === 'lookalike' && r.target === 'paypal.com')).toBe(true);
  });
});
