import { describe, expect, it } from 'vitest';
import type { Example, Label } from '../../src/cli/data/labelled-files.js';
import {
  buildFold,
  capPerSource,
  groupFamilies,
  isHeldOutBenignGroup,
  planBenignListFolds,
  planFolds,
  type FoldPlan,
} from '../../src/cli/generalisation/folds.js';

function ex(host: string, label: Label, source: string, group = host.split('.').slice(-2).join('.')): Example {
  return { host, label, source, group };
}

/** A pool where sources share registrable domains, as the real lists do (free hosting, dynamic DNS). */
function pool(): Example[] {
  const out: Example[] = [];
  for (let i = 0; i < 400; i++) out.push(ex(`site${i}.com`, 'benign', i % 2 ? 'benign-top' : 'benign-tail'));
  out.push(ex('weebly.com', 'benign', 'benign-top'));
  for (let i = 0; i < 60; i++) out.push(ex(`phish${i}.xyz`, 'malicious', 'malicious-phish'));
  for (let i = 0; i < 60; i++) out.push(ex(`mal${i}.ru`, 'malicious', 'malicious-malware'));
  // Shared parents: the same registrable domain in two malicious sources, and under a benign name.
  for (let i = 0; i < 5; i++) out.push(ex(`login${i}.duckdns.org`, 'malicious', 'malicious-phish'));
  for (let i = 0; i < 5; i++) out.push(ex(`c2-${i}.duckdns.org`, 'malicious', 'malicious-malware'));
  for (let i = 0; i < 5; i++) out.push(ex(`shop${i}.weebly.com`, 'malicious', 'malicious-phish'));
  for (let i = 0; i < 5; i++)
    out.push(
      ex(`site${i * 2}.com`.replace('.com', '-x.site2.com'), 'malicious', 'malicious-malware', `site${i * 2}.com`),
    );
  for (const family of ['dga-a', 'dga-b', 'dga-gameover', 'dga-goz', 'dga-c']) {
    for (let i = 0; i < 30; i++) out.push(ex(`${family.slice(4)}q${i}zx.net`, 'dga', family));
  }
  return out;
}

const SETTINGS = { benignHoldoutShare: 0.25, randomShare: 0.2, seed: 3 };

function groupsOf(examples: readonly Example[]): Set<string> {
  return new Set(examples.map((e) => e.group));
}

describe('generalisation folds', () => {
  const data = pool();
  const families = new Map<string, number>();
  for (const e of data) if (e.label === 'dga') families.set(e.source, (families.get(e.source) ?? 0) + 1);
  const groups = groupFamilies(families, 2);
  const plans: FoldPlan[] = [
    ...planFolds(['malicious-malware', 'malicious-phish'], groups),
    { index: 2, kind: 'random', sources: [], families: [] },
  ];

  it('hold every family out exactly once, related families together', () => {
    expect(groups.flat().sort()).toEqual([...families.keys()].sort());
    const withGameover = groups.find((g) => g.includes('dga-gameover'))!;
    expect(withGameover).toContain('dga-goz');
    expect(plans.map((p) => p.sources)).toEqual([['malicious-malware'], ['malicious-phish'], []]);
  });

  for (const plan of plans) {
    it(`${plan.kind} fold ${plan.index}: held-out sources, families and benign groups never train; no group on both sides`, () => {
      const fold = buildFold(data, plan, SETTINGS);
      const heldOut = [...fold.negatives, ...[...fold.positives.values()].flat()];
      expect(fold.negatives.length).toBeGreaterThan(0);
      expect(fold.positives.size).toBeGreaterThan(0);
      for (const e of fold.train) {
        expect(plan.sources).not.toContain(e.source);
        expect(plan.families).not.toContain(e.source);
        if (e.label === 'benign')
          expect(isHeldOutBenignGroup(e.group, SETTINGS.benignHoldoutShare, SETTINGS.seed)).toBe(false);
      }
      const trainGroups = groupsOf(fold.train);
      for (const g of groupsOf(heldOut)) expect(trainGroups.has(g), g).toBe(false);
      // Every held-out name of the fold's sources and families is scored.
      if (plan.kind === 'held-out') {
        for (const key of [...plan.sources, ...plan.families])
          expect(fold.positives.get(key)?.length).toBe(data.filter((e) => e.source === key).length);
      }
    });
  }

  it('use the same held-out benign names in every fold', () => {
    const sets = plans.map((p) =>
      buildFold(data, p, SETTINGS)
        .negatives.map((e) => e.host)
        .join(),
    );
    expect(new Set(sets).size).toBe(1);
  });

  it('drop a shared parent from training when a held-out source uses it', () => {
    const fold = buildFold(data, plans[1]!, SETTINGS); // phishing held out: duckdns.org and weebly.com are its groups
    expect(fold.train.some((e) => e.group === 'duckdns.org')).toBe(false);
    expect(fold.train.some((e) => e.host === 'weebly.com')).toBe(false);
  });

  it('cap each source with a seeded sample that does not depend on the order of the pool', () => {
    const capped = capPerSource(data, 10, 1);
    const bySource = new Map<string, number>();
    for (const e of capped) bySource.set(e.source, (bySource.get(e.source) ?? 0) + 1);
    for (const n of bySource.values()) expect(n).toBeLessThanOrEqual(10);
    const again = capPerSource([...data].reverse(), 10, 1);
    expect(new Set(again.map((e) => e.host))).toEqual(new Set(capped.map((e) => e.host)));
  });
});

describe('leave-one-benign-list-out', () => {
  it('makes the held-out list the only negatives, trains on nothing of it, and scores the random split positives', () => {
    const examples = pool();
    const [plan] = planBenignListFolds(['benign-tail', 'benign-top'], 7);
    expect(plan).toMatchObject({ index: 7, kind: 'benign-list', benignList: 'benign-tail' });
    const fold = buildFold(examples, plan!, SETTINGS);
    expect(fold.negatives.length).toBe(200);
    expect(new Set(fold.negatives.map((e) => e.source))).toEqual(new Set(['benign-tail']));
    expect(fold.train.some((e) => e.source === 'benign-tail')).toBe(false);
    const held = groupsOf([...fold.negatives, ...[...fold.positives.values()].flat()]);
    expect(fold.train.filter((e) => held.has(e.group))).toEqual([]);
    // The other list still trains, minus the fixed benign share every run holds out.
    const top = fold.train.filter((e) => e.source === 'benign-top');
    expect(top.length).toBeGreaterThan(100);
    expect(top.some((e) => isHeldOutBenignGroup(e.group, SETTINGS.benignHoldoutShare, SETTINGS.seed))).toBe(false);
    // Positives: the random split's, the same groups as the random run holds out.
    const random = buildFold(examples, { index: 8, kind: 'random', sources: [], families: [] }, SETTINGS);
    expect([...fold.positives.keys()].sort()).toEqual([...random.positives.keys()].sort());
    for (const [key, list] of fold.positives)
      expect(list.map((e) => e.host)).toEqual(random.positives.get(key)!.map((e) => e.host));
  });

  it("keeps the other lists' held-out share as a calibration set: never trained, never the held-out list", () => {
    const examples = pool();
    const [plan] = planBenignListFolds(['benign-tail', 'benign-top'], 7);
    const fold = buildFold(examples, plan!, SETTINGS);
    const expected = examples.filter(
      (e) => e.source === 'benign-top' && isHeldOutBenignGroup(e.group, SETTINGS.benignHoldoutShare, SETTINGS.seed),
    );
    expect(expected.length).toBeGreaterThan(10);
    expect(fold.calibration.map((e) => e.host).sort()).toEqual(expected.map((e) => e.host).sort());
    const trained = groupsOf(fold.train);
    expect(fold.calibration.some((e) => trained.has(e.group))).toBe(false);
    // The other runs have none: their negatives are that share.
    expect(buildFold(examples, planFolds(['malicious-a'], [])[0]!, SETTINGS).calibration).toEqual([]);
  });
});
