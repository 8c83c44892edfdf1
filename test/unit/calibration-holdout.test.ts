import { describe, expect, it } from 'vitest';
import type { Example } from '../../src/cli/data/labelled-files.js';
import { holdOutCalibration } from '../../src/cli/train/calibration-holdout.js';

function ex(host: string, label: Example['label'], source: string): Example {
  const group = host.split('.').slice(-2).join('.');
  return { host, label, source, group };
}

// Two benign lists of different size, a domain on both lists, and risky names, some on benign domains.
const examples: Example[] = [
  ...Array.from({ length: 2_000 }, (_, i) => ex(`site${i}.com`, 'benign', 'benign-top')),
  ...Array.from({ length: 300 }, (_, i) => ex(`shop${i}.net`, 'benign', 'benign-tail')),
  ...Array.from({ length: 100 }, (_, i) => ex(`site${i}.com`, 'benign', 'benign-tail')),
  ...Array.from({ length: 500 }, (_, i) => ex(`bad${i}.site${i}.com`, 'malicious', 'malicious-feed')),
  ...Array.from({ length: 500 }, (_, i) => ex(`xk${i}q.org`, 'dga', 'dga-x')),
];

describe('holdOutCalibration', () => {
  const { rest, calibration } = holdOutCalibration(examples, 0.1, 1);

  it('never leaves a held-out name or registrable domain in what training sees', () => {
    const held = new Set(calibration.map((e) => e.group));
    expect(held.size).toBeGreaterThan(0);
    expect(rest.filter((e) => held.has(e.group))).toEqual([]);
    const restHosts = new Set(rest.map((e) => e.host));
    expect(calibration.filter((e) => restHosts.has(e.host))).toEqual([]);
    expect(rest.length + calibration.length).toBe(examples.length);
  });

  it('holds out the share of every benign list on its own, the small one included', () => {
    const count = (source: string) => calibration.filter((e) => e.source === source).length;
    // benign-top: 1,500 usable domains (500 host a risky name); benign-tail: 300 (its 100 shared ones are risky too).
    expect(count('benign-top')).toBe(150);
    expect(count('benign-tail')).toBe(30);
    const tiny = holdOutCalibration([...examples, ex('only.org', 'benign', 'benign-tiny')], 0.1, 1).calibration;
    expect(tiny.filter((e) => e.source === 'benign-tiny').map((e) => e.host)).toEqual(['only.org']);
  });

  it('holds out only benign names, never a domain that also hosts a risky name', () => {
    expect(calibration.every((e) => e.label === 'benign')).toBe(true);
    const risky = new Set(examples.filter((e) => e.label !== 'benign').map((e) => e.group));
    expect(calibration.filter((e) => risky.has(e.group))).toEqual([]);
    expect(rest.filter((e) => e.label !== 'benign').length).toBe(1_000);
  });

  it('is deterministic for a seed and moves with it', () => {
    const again = holdOutCalibration(examples, 0.1, 1).calibration.map((e) => e.host);
    expect(again).toEqual(calibration.map((e) => e.host));
    expect(holdOutCalibration(examples, 0.1, 2).calibration.map((e) => e.host)).not.toEqual(again);
  });

  it('refuses a share outside (0, 1)', () => {
    expect(() => holdOutCalibration(examples, 0, 1)).toThrow(/share/);
    expect(() => holdOutCalibration(examples, 1, 1)).toThrow(/share/);
  });
});
