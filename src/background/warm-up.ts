/**
 * A warm-up after start-up, off the navigation path: the model's own warm-up is one name (enough to
 * compile the backend's kernels), but the scoring code, the domain parser and the explainer are
 * plain JavaScript that V8 optimises only after it has run a while. Left cold, the first page of
 * links pays for it: its first batch of 200 names took ~50 ms to score against ~3 ms warm (Node,
 * the shipped model). Invented names, nothing cached or stored.
 */
import { parseDomain, type ScorableHost } from '../core/domain.js';
import type { Scorer } from '../core/model/scorer.js';
import { createRng } from '../core/rng.js';
import type { Explainer } from './explainer.js';

const LETTERS = 'abcdefghijklmnopqrstuvwxyz0123456789-';
const SUFFIXES = ['com', 'net', 'org', 'co.uk', 'io', 'de', 'info', 'com.br'];

/** `count` deterministic, varied host names (lengths 3–30, a few with sub-domains). */
export function warmUpNames(count: number): string[] {
  const next = createRng(0x5eed).nextInt;
  const names: string[] = [];
  for (let i = 0; i < count; i++) {
    let label = LETTERS[next(26)]!;
    const length = 2 + next(28);
    for (let k = 0; k < length; k++) label += LETTERS[next(LETTERS.length)]!;
    const sub = i % 4 === 0 ? `${LETTERS[next(26)]!}${next(100)}.` : '';
    names.push(`${sub}${label.replace(/-+$/, '')}.${SUFFIXES[i % SUFFIXES.length]!}`);
  }
  return names;
}

/** Runs the link path's code once on invented names: parse, one batched predict, explanations. */
export async function warmUp(scorer: Scorer, explainer: Explainer, count = 200): Promise<void> {
  const names = warmUpNames(count);
  const parsed = names.map((name) => parseDomain(name)).filter((p): p is ScorableHost => p.ok);
  await scorer.predict(parsed.map((p) => p.host));
  await explainer.preload(parsed.slice(0, 20));
}
