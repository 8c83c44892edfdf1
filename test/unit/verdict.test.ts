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
const score = (malicious: number, dga: number) => ({
  score: Math.max(malicious, dga),
  category: (malicious >= dga ? 'malicious' : 'dga') as 'malicious' | 'dga',
  heads: [malicious, dga],
});

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

  it('names who decided when the organisation or an imported list overrides the model', () => {
    const org = decide(parseDomain('fine.example.org'), score(0.01, 0), context, 'org-blocked');
    expect(org).toMatchObject({
      level: 'dangerous',
      reasons: [{ kind: 'org-blocked', message: 'blocked by your organisation' }],
    });
    const imported = decide(parseDomain('bad.example.org'), score(0.99, 0), context, 'imported-trusted');
    expect(imported).toMatchObject({
      level: 'safe',
      category: 'benign',
      reasons: [{ kind: 'imported-trusted', message: 'on the trust list you imported' }],
    });
    expect(decide(parseDomain('x.example.org'), null, context, 'imported-blocked').reasons).toEqual([
      { kind: 'imported-blocked', message: 'on the block list you imported' },
    ]);
    expect(decide(parseDomain('x.example.org'), null, context, 'org-trusted').reasons[0]?.message).toBe(
      'trusted by your organisation',
    );
  });

  it('raises the level on a lookalike finding even when the model is calm', () => {
    const withLookalike: DecisionContext = {
      ...context,
      findLookalikes: () => [{ level: 'dangerous', message: 'looks like paypal.com', target: 'paypal.com' }],
    };
    const v = decide(parseDomain('paypa1.com'), score(0.01, 0.01), withLookalike);
    expect(v.level).toBe('dangerous');
    expect(v.reasons.some((r) => r.kind === 'lookalike' && r.target === 'paypal.com')).toBe(true);
  });
});

describe('decide with a calibration', () => {
  // 1000 reference names: head malicious 0.001 steps; dga has its tail higher up.
  const calibrated: ModelMetadata = {
    ...metadata,
    calibration: {
      reference: 'test',
      count: 1000,
      heads: {
        malicious: { scores: [0.1, 0.5, 0.9, 0.95, 0.99], atOrBelow: [100, 500, 990, 998, 1000] },
        dga: { scores: [0.2, 0.6, 0.97, 0.995], atOrBelow: [100, 500, 990, 1000] },
      },
      levels: { suspicious: 0.99, dangerous: 0.998 },
    },
  };
  const ctx: DecisionContext = { metadata: calibrated, isPopular: (d) => d === 'google.com' };

  it('reports the risk: the share of reference names scoring lower on the worst head', () => {
    const v = decide(parseDomain('fine.example.org'), score(0.55, 0.1), ctx);
    expect(v.risk).toBeCloseTo(0.5, 9);
    expect(v.score).toBe(0.55);
    expect(v.level).toBe('safe');
    expect(decide(parseDomain('x.example.org'), score(0.05, 0.05), ctx).risk).toBe(0);
  });

  it('never gives a riskier name a milder level, whichever head decides', () => {
    const RANKS = { safe: 0, suspicious: 1, dangerous: 2, unscorable: -1 } as const;
    const rows: { risk: number; level: number }[] = [];
    for (let m = 0; m <= 100; m++) {
      for (let d = 0; d <= 100; d += 5) {
        const v = decide(parseDomain('some-name.example.org'), score(m / 100, d / 100), ctx);
        rows.push({ risk: v.risk!, level: RANKS[v.level] });
      }
    }
    rows.sort((a, b) => a.risk - b.risk);
    for (let i = 1; i < rows.length; i++) expect(rows[i]!.level).toBeGreaterThanOrEqual(rows[i - 1]!.level);
    expect(new Set(rows.map((r) => r.level))).toEqual(new Set([0, 1, 2]));
  });

  it('takes the category from the deciding head and says it in plain words, without a score', () => {
    // dga 0.98 → risk 0.99 (suspicious) while malicious 0.6 → 0.5: the DGA head decides.
    const v = decide(parseDomain('qwxkzjvbn.com'), score(0.6, 0.98), ctx);
    expect(v.level).toBe('suspicious');
    expect(v.category).toBe('dga');
    expect(v.reasons[0]).toEqual({
      kind: 'model',
      message: 'the name looks machine-generated, like the addresses malware uses to reach its servers',
    });
    const m = decide(parseDomain('login-verify.example.org'), score(0.999, 0.1), ctx);
    expect(m).toMatchObject({ level: 'dangerous', category: 'malicious', risk: 1 });
    expect(m.reasons[0]!.message).not.toMatch(/\d/);
  });

  it('keeps the risk on a popular or user-trusted name, and says why the level is milder', () => {
    const popular = decide(parseDomain('mail.google.com'), score(0.999, 0.999), ctx);
    expect(popular).toMatchObject({ level: 'safe', risk: 1, reasons: [{ kind: 'popular' }] });
    const trusted = decide(parseDomain('bad.example.org'), score(0.999, 0), ctx, 'trusted');
    expect(trusted).toMatchObject({ level: 'safe', risk: 1, reasons: [{ kind: 'user-trusted' }] });
  });

  it('has no risk without a calibration or without a score', () => {
    expect(decide(parseDomain('qwxkzj.com'), score(0.3, 0.8), context).risk).toBeNull();
    expect(decide(parseDomain('javascript:alert(1)'), null, ctx).risk).toBeNull();
  });
});
