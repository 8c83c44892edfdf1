/** Synthetic labelled names for the n-gram and generalisation tests (no ../shared needed). */
import type { Example, Label } from '../../../src/cli/data/labelled-files.js';
import { seededRandom } from '../../../src/core/rng.js';

/** Separable synthetic names: pronounceable words on .com/.org against consonant soup on .xyz/.top. */
export function syntheticExamples(count: number, seed: number): Example[] {
  const random = seededRandom(seed);
  const pick = (s: string) => s[Math.floor(random() * s.length)]!;
  const syllables = ['ka', 'lo', 'mi', 'ne', 'ro', 'sa', 'tu', 'vi', 'be', 'do', 'ga', 'pe'];
  const out: Example[] = [];
  for (let i = 0; i < count; i++) {
    const benign = i % 2 === 0;
    let label = '';
    const n = 2 + Math.floor(random() * 3);
    if (benign) for (let k = 0; k < n; k++) label += syllables[Math.floor(random() * syllables.length)];
    else for (let k = 0; k < n * 3; k++) label += pick('bcdfghjkqwxz0123456789');
    const tld = benign ? (random() < 0.5 ? 'com' : 'org') : random() < 0.5 ? 'xyz' : 'top';
    const host = `${label}.${tld}`;
    const lbl: Label = benign ? 'benign' : 'malicious';
    out.push({ host, label: lbl, source: benign ? 'benign-synthetic' : 'malicious-synthetic', group: host });
  }
  return out;
}
