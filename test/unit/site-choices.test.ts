/** The popup's block and pause choices: settings schema 2, and what the judge makes of them. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createJudge, shouldInterrupt } from '../../src/background/judge.js';
import { diskModelReader } from '../../src/cli/model-dir.js';
import { createScoreCache } from '../../src/core/cache.js';
import { initBackend } from '../../src/core/model/backend.js';
import { type Scorer } from '../../src/core/model/scorer.js';
import { loadLayersScorer } from '../../src/cli/model/layers-scorer.js';
import {
  validateSettings,
  withBlockedSite,
  withoutBlockedSite,
  withPausedSite,
  withTrustedSite,
  DEFAULT_SETTINGS,
} from '../../src/core/settings.js';

describe('settings schema 2', () => {
  it('migrates schema 1 settings: trusted sites kept, block and pause lists empty', () => {
    const { settings, problems } = validateSettings({ schemaVersion: 1, trustedSites: ['a.example'] });
    expect(settings).toMatchObject({ trustedSites: ['a.example'], blockedSites: [], pausedSites: [] });
    expect(problems).toEqual([]);
  });

  it('validates the new lists like the trusted one, and never keeps a site both trusted and blocked', () => {
    const { settings, problems } = validateSettings({
      schemaVersion: 2,
      trustedSites: ['b.example'],
      blockedSites: ['B.example', 'c.example', '<x>', 7],
      pausedSites: 'nope',
    });
    expect(settings.blockedSites).toEqual(['c.example']);
    expect(settings.pausedSites).toEqual([]);
    expect(problems).toHaveLength(3);
  });

  it('block and trust undo each other; pause and resume', () => {
    const blocked = withBlockedSite(withTrustedSite(DEFAULT_SETTINGS, 'x.example'), 'x.example');
    expect(blocked).toMatchObject({ trustedSites: [], blockedSites: ['x.example'] });
    expect(withTrustedSite(blocked, 'x.example')).toMatchObject({ trustedSites: ['x.example'], blockedSites: [] });
    expect(withoutBlockedSite(blocked, 'x.example').blockedSites).toEqual([]);
    const paused = withPausedSite(DEFAULT_SETTINGS, 'y.example', true);
    expect(paused.pausedSites).toEqual(['y.example']);
    expect(withPausedSite(paused, 'y.example', false).pausedSites).toEqual([]);
    expect(() => withBlockedSite(DEFAULT_SETTINGS, 'not a site')).toThrow();
  });
});

describe('the judge with block and pause', () => {
  let scorer: Scorer;
  beforeAll(async () => {
    await initBackend({ preferred: 'wasm' });
    scorer = await loadLayersScorer(diskModelReader());
  });
  afterAll(() => scorer.dispose());

  const judgeWith = (choices: { blocked?: string[]; paused?: string[]; trusted?: string[] }) =>
    createJudge({
      scorer,
      cache: createScoreCache({ version: scorer.metadata.version }),
      // The real model and thresholds: these names are not flagged by the model itself.
      context: { metadata: scorer.metadata, isPopular: () => false },
      isTrusted: (s) => (choices.trusted ?? []).includes(s),
      isSessionAllowed: () => false,
      isBlocked: (s) => (choices.blocked ?? []).includes(s),
      isPaused: (s) => (choices.paused ?? []).includes(s),
    });

  it('a blocked site is dangerous and stops navigation; trust wins over block', async () => {
    const blocked = await judgeWith({ blocked: ['greenvalleybakery.com'] }).judge('http://shop.greenvalleybakery.com/');
    expect(blocked.verdict).toMatchObject({ level: 'dangerous', reasons: [{ kind: 'user-blocked' }] });
    expect(shouldInterrupt(blocked)).toBe(true);
    const both = await judgeWith({ blocked: ['greenvalleybakery.com'], trusted: ['greenvalleybakery.com'] }).judge(
      'http://greenvalleybakery.com/',
    );
    expect(both.verdict?.level).toBe('safe');
  });

  it('a paused site keeps its verdict but is never interrupted', async () => {
    const judgement = await judgeWith({ blocked: ['greenvalleybakery.com'], paused: ['greenvalleybakery.com'] }).judge(
      'http://greenvalleybakery.com/',
    );
    expect(judgement.verdict?.level).toBe('dangerous');
    expect(shouldInterrupt(judgement)).toBe(false);
  });
});
