/**
 * Deterministic synthetic host names for throughput runs: word-like and random labels, sub-domains
 * and a spread of suffixes. No data files needed, so the bench runs from a fresh clone.
 */
import { seededRandom } from '../../src/core/rng.js';

const SYLLABLES = [
  'ka',
  'lo',
  'mi',
  'net',
  'shop',
  'pay',
  'log',
  'in',
  'secure',
  'cloud',
  'ver',
  'ify',
  'bank',
  'app',
  'mail',
  'on',
  'line',
  'tech',
  'box',
  'zen',
];
const SUFFIXES = ['com', 'net', 'org', 'ru', 'de', 'xyz', 'top', 'co.uk', 'info', 'io', 'cn', 'com.br'];
const ALNUM = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** `count` names, the same for the same seed; lengths from about 5 to 40 characters. */
export function syntheticNames(count: number, seed = 20261126): string[] {
  const rand = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)]!;
  const out: string[] = new Array(count);
  for (let i = 0; i < count; i++) {
    let label = '';
    if (rand() < 0.5) {
      const parts = 1 + Math.floor(rand() * 4);
      for (let p = 0; p < parts; p++) label += (p > 0 && rand() < 0.3 ? '-' : '') + pick(SYLLABLES);
    } else {
      const length = 6 + Math.floor(rand() * 20);
      for (let c = 0; c < length; c++) label += ALNUM[Math.floor(rand() * ALNUM.length)];
    }
    const sub = rand() < 0.25 ? `${pick(SYLLABLES)}${Math.floor(rand() * 100)}.` : '';
    out[i] = `${sub}${label}.${pick(SUFFIXES)}`;
  }
  return out;
}
