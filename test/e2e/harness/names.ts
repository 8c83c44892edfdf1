/**
 * The host names the e2e suites visit, chosen from the shipped model at test time: invented names
 * that it flags as dangerous (test/fixtures/extension-flagged.txt), invented ordinary names it
 * leaves alone (extension-benign.txt), and a DGA-looking subdomain of a popular site that only
 * the allowlist lets through.
 *
 * When the shipped model does not separate the fixtures (the untrained placeholder), the suites run
 * on a copy of the build whose metadata thresholds are moved between the chosen names: a test-only
 * override, reported loudly, that disappears by itself once a trained model flags the fixtures.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { diskModelReader, SHIPPED_MODEL_DIR } from '../../../src/cli/model-dir.js';
import { parseDomain } from '../../../src/core/domain.js';
import { createLookalikeDetector } from '../../../src/core/lookalike/index.js';
import { initBackend } from '../../../src/core/model/backend.js';
import type { HeadThresholds, ModelMetadata } from '../../../src/core/model/metadata.js';
import { scoreHosts } from '../../../src/core/model/scorer.js';
import { loadLayersScorer } from '../../../src/cli/model/layers-scorer.js';
import { parsePopularSites } from '../../../src/core/popular-sites.js';
import { decide, type DecisionContext, type VerdictLevel } from '../../../src/core/verdict.js';

const FIXTURES = fileURLToPath(new URL('../../fixtures/', import.meta.url));

export interface NameResult {
  readonly host: string;
  readonly score: number;
  readonly level: VerdictLevel;
}

export interface E2eNames {
  readonly modelVersion: string;
  /** Distinct registrable domains the extension must stop, best-flagged first. */
  readonly dangerous: readonly string[];
  readonly benign: readonly string[];
  /** A DGA-looking subdomain of a popular registrable domain; `flaggedAlone` says whether the model alone would stop it. */
  readonly popular: {
    readonly host: string;
    readonly registrableDomain: string;
    readonly score: number;
    readonly flaggedAlone: boolean;
  };
  /** Test-only thresholds when the shipped model does not flag the fixtures; null with a trained model. */
  readonly thresholds: Readonly<Record<string, HeadThresholds>> | null;
  /** Every fixture as the shipped model and the shared decision judge it. */
  readonly flaggedResults: readonly NameResult[];
  readonly benignResults: readonly NameResult[];
}

async function fixture(name: string): Promise<string[]> {
  return (await readFile(path.join(FIXTURES, name), 'utf8'))
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'));
}

/** Popular sites this suite avoids: HSTS-preloaded, so a plain-http test server cannot stand in for them. */
const HSTS_PRELOADED =
  /google|youtube|facebook|twitter|paypal|instagram|gmail|apple|microsoft|amazon|github|wikipedia|whatsapp|linkedin|dropbox|stripe|mozilla|cloudflare|\.(dev|app|page|new|bank|insurance)$/;

let cached: Promise<E2eNames> | undefined;

/** Scores the fixtures with the shipped model once per process. `count`: dangerous names needed. */
export function pickE2eNames(count = 6): Promise<E2eNames> {
  cached ??= pick(count);
  return cached;
}

async function pick(count: number): Promise<E2eNames> {
  await initBackend({ preferred: 'wasm' });
  const scorer = await loadLayersScorer(diskModelReader());
  const popular = parsePopularSites(await readFile(path.join(SHIPPED_MODEL_DIR, 'popular-domains.txt'), 'utf8'));
  const findLookalikes = createLookalikeDetector(popular);
  const judgeAll = async (hosts: string[], metadata: ModelMetadata): Promise<NameResult[]> => {
    const context: DecisionContext = { metadata, isPopular: popular.has, findLookalikes };
    const scores = await scoreHosts(scorer, hosts);
    return hosts.map((host, i) => {
      const parsed = parseDomain(host);
      return { host, score: scores[i]!.score, level: decide(parsed, scores[i]!, context).level };
    });
  };
  try {
    const metadata = scorer.metadata;
    const [flaggedNames, benignNames] = await Promise.all([
      fixture('extension-flagged.txt'),
      fixture('extension-benign.txt'),
    ]);
    const flaggedResults = await judgeAll(flaggedNames, metadata);
    const benignResults = await judgeAll(benignNames, metadata);

    const modelFlags = flaggedResults.filter((r) => r.level === 'dangerous');
    const modelClears = benignResults.filter((r) => r.level === 'safe');
    let thresholds: Record<string, HeadThresholds> | null = null;
    let dangerous = modelFlags.sort((a, b) => b.score - a.score).map((r) => r.host);
    let benign = modelClears.map((r) => r.host);
    if (dangerous.length < count || benign.length < 2) {
      // Placeholder model: put the cut between the best-scoring flagged and the lowest benign fixtures.
      const byScore = [...flaggedResults].sort((a, b) => b.score - a.score).slice(0, count);
      const calm = [...benignResults].sort((a, b) => a.score - b.score).slice(0, 2);
      const low = byScore[byScore.length - 1]!.score;
      const high = calm[calm.length - 1]!.score;
      if (!(high < low))
        throw new Error(
          `the shipped model (${metadata.version}) cannot separate the e2e fixtures even with moved thresholds`,
        );
      const cut = (low + high) / 2;
      thresholds = Object.fromEntries(
        metadata.architecture.heads.map((head) => [head, { suspicious: cut, dangerous: cut }]),
      );
      dangerous = byScore.map((r) => r.host);
      benign = calm.map((r) => r.host);
    }

    const effective = thresholds ? { ...metadata, thresholds } : metadata;
    const label = dangerous[0]!.split('.')[0]!;
    const candidates = popular.domains
      .slice(200, 3000)
      .filter((d) => d.endsWith('.com') && !HSTS_PRELOADED.test(d))
      .map((d) => `${label}.${d}`);
    const scored = await scoreHosts(scorer, candidates);
    let best = 0;
    for (let i = 1; i < scored.length; i++) if (scored[i]!.score > scored[best]!.score) best = i;
    const host = candidates[best]!;
    const alone =
      decide(parseDomain(host), scored[best]!, { metadata: effective, isPopular: () => false }).level === 'dangerous';
    const registrableDomain = host.slice(label.length + 1);

    return {
      modelVersion: metadata.version,
      dangerous,
      benign,
      popular: { host, registrableDomain, score: scored[best]!.score, flaggedAlone: alone },
      thresholds,
      flaggedResults,
      benignResults,
    };
  } finally {
    scorer.dispose();
  }
}
