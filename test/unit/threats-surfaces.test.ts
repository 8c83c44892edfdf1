/** The packaged threat list in the CLI and server: the same listed verdict everywhere, and --no-list. */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer, type SnowmanServer } from '../../src/cli/serve/app.js';
import { compileThreats } from '../../src/cli/threats/compile.js';
import { initBackend } from '../../src/core/model/backend.js';
import { createFastScorer, type FastScorer } from '../../src/core/model/fast-scorer.js';
import { scoreHosts } from '../../src/core/model/scorer.js';
import { createThreatList } from '../../src/core/threats/lookup.js';
import { randomBundle } from './helpers/random-model.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const feed = { id: 'threatfox', name: 'ThreatFox', kind: 'malware', date: '2025-04-16' };

let server: SnowmanServer;
let scorer: FastScorer;
beforeAll(async () => {
  await initBackend();
  scorer = await createFastScorer(await randomBundle());
  const threats = createThreatList(
    compileThreats({
      feeds: [{ feed, lines: ['c2.listed-fixture.net', 'evil.popular.com'] }],
      isPopular: () => false,
      benignHosts: [],
    }).table,
  );
  server = await buildServer({
    scorer,
    context: { metadata: scorer.metadata, isPopular: (d) => d === 'popular.com', threats },
  });
});
afterAll(async () => {
  await server.app.close();
  scorer.dispose();
});

describe('snowman serve with the threat list', () => {
  it('/v1/score gives a listed name and a name below it the listed verdict, the model score beside it', async () => {
    const response = await server.app.inject({
      method: 'POST',
      url: '/v1/score',
      payload: { domains: ['c2.listed-fixture.net', 'https://a.c2.listed-fixture.net/x', 'evil.popular.com'] },
    });
    const [listed, below, popular] = (JSON.parse(response.body) as { results: Record<string, unknown>[] }).results;
    for (const result of [listed, below]) {
      expect(result).toMatchObject({
        verdict: 'dangerous',
        category: 'malicious',
        reasons: [{ kind: 'listed', message: 'listed as malware by ThreatFox (list of 2025-04-16)' }],
      });
      expect(typeof result!['score']).toBe('number');
    }
    expect(popular).toMatchObject({ verdict: 'safe', reasons: [{ kind: 'popular' }] });
  });

  it('the seed interface answers 1 for a listed name and the model score otherwise', async () => {
    const listed = await server.app.inject({ method: 'PUT', url: '/', payload: 'www.c2.listed-fixture.net' });
    expect(listed.body).toBe('{"input query": "www.c2.listed-fixture.net", "score": "1.00000"}');
    const other = await server.app.inject({ method: 'PUT', url: '/', payload: 'evil.popular.com' });
    const [model] = await scoreHosts(scorer, ['evil.popular.com']);
    expect(JSON.parse(other.body).score).toBe(model!.score.toFixed(5));
  });
});

describe('snowman score and the shipped list', () => {
  const name = readFileSync(`${ROOT}threats/names.txt`, 'utf8').split('\n')[0]!;
  const score = (args: string[]) => {
    const result = spawnSync(process.execPath, ['bin/snowman.mjs', 'score', '--json', ...args, name], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(result.status).toBe(0);
    return JSON.parse(result.stdout) as {
      verdict: string;
      score: number;
      reasons: { kind: string; message: string }[];
    };
  };

  it('stops a shipped listed name by default and leaves it to the model with --no-list', () => {
    const listed = score([]);
    expect(listed.verdict).toBe('dangerous');
    expect(listed.reasons[0]?.message).toMatch(/^listed as \w+ by .+ \(list of \d{4}-\d{2}-\d{2}\)$/);
    const modelOnly = score(['--no-list']);
    expect(modelOnly.reasons.some((r) => r.kind === 'listed')).toBe(false);
    expect(modelOnly.score).toBe(listed.score);
  });
});
