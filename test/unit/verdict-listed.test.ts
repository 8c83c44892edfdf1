/** The packaged threat list's place in the one decision: before the model, after the user and the popular list. */
import { describe, expect, it } from 'vitest';
import { parseDomain } from '../../src/core/domain.js';
import { SEED_ARCHITECTURE } from '../../src/core/model/architecture.js';
import type { ModelMetadata } from '../../src/core/model/metadata.js';
import { compileThreats } from '../../src/cli/threats/compile.js';
import { createThreatList } from '../../src/core/threats/lookup.js';
import { DEFAULT_TOKENIZER } from '../../src/core/tokenizer.js';
import { decide, type DecisionContext } from '../../src/core/verdict.js';

const metadata: ModelMetadata = {
  format: 'snowman-model',
  formatVersion: 1,
  version: 'test',
  createdAt: '2026-01-01',
  architecture: { ...SEED_ARCHITECTURE, heads: ['malicious', 'dga'] },
  tokenizer: DEFAULT_TOKENIZER,
  thresholds: { malicious: { suspicious: 0.5, dangerous: 0.9 }, dga: { suspicious: 0.7, dangerous: 0.95 } },
};
const feed = { id: 'blocklistproject-phishing', name: 'The Block List Project', kind: 'phishing', date: '2026-07-20' };
// The fixture lists a popular site's host on purpose: the build would leave it out, the decision must too.
const threats = createThreatList(
  compileThreats({
    feeds: [{ feed, lines: ['paypal-login.example-bad.com', 'accounts.google.com'] }],
    isPopular: () => false,
    benignHosts: [],
  }).table,
);
const context: DecisionContext = { metadata, isPopular: (d) => d === 'google.com', threats };
const safeScore = { score: 0.01, category: 'malicious' as const, heads: [0.01, 0.01] };

describe('decide with the threat list', () => {
  it('judges a listed name dangerous whatever the model says, naming the feed and its date', () => {
    const v = decide(parseDomain('https://paypal-login.example-bad.com/x'), safeScore, context);
    expect(v).toEqual({
      level: 'dangerous',
      category: 'malicious',
      score: 0.01,
      risk: null,
      reasons: [
        {
          kind: 'listed',
          message: 'listed as phishing by The Block List Project (list of 2026-07-20)',
          detail: { kind: 'listed', threat: 'phishing', feed: 'The Block List Project', date: '2026-07-20' },
        },
      ],
    });
  });

  it('judges a name below a listed host the same way, and needs no model score', () => {
    expect(decide(parseDomain('www.a.paypal-login.example-bad.com'), null, context).reasons[0]?.kind).toBe('listed');
  });

  it('leaves the model to judge without a list', () => {
    const v = decide(parseDomain('paypal-login.example-bad.com'), safeScore, { metadata, isPopular: () => false });
    expect(v.level).toBe('safe');
  });

  it('never stops a popular site, and lets the user trust a listed one', () => {
    expect(decide(parseDomain('accounts.google.com'), safeScore, context).level).toBe('safe');
    const trusted = decide(parseDomain('paypal-login.example-bad.com'), safeScore, context, 'trusted');
    expect(trusted.level).toBe('safe');
    expect(trusted.reasons[0]?.kind).toBe('user-trusted');
  });
});
