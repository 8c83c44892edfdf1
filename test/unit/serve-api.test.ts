import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDomain } from '../../src/core/domain.js';
import { scoreHosts } from '../../src/core/model/scorer.js';
import { decide } from '../../src/core/verdict.js';
import { serverFixture, type Fixture } from './helpers/serve-fixture.js';

let f: Fixture;
beforeAll(async () => {
  f = await serverFixture();
});
afterAll(async () => {
  await f.close();
});

async function scoreOf(host: string): Promise<number> {
  return (await scoreHosts(f.scorer, [host]))[0]!.score;
}

describe('seed API: PUT and POST /', () => {
  it.each(['PUT', 'POST'] as const)(
    '%s answers exactly the seed bytes: keys, spacing, string score with five decimals',
    async (method) => {
      const response = await f.app.inject({
        method,
        url: '/',
        payload: 'example.com',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toMatch(/^application\/json/);
      expect(response.body).toBe(
        `{"input query": "example.com", "score": "${(await scoreOf('example.com')).toFixed(5)}"}`,
      );
      expect(response.body).toMatch(/^\{"input query": "example\.com", "score": "\d\.\d{5}"\}$/);
    },
  );

  it('takes any content type or none, echoes the input as sent and scores its normalised host', async () => {
    const input = 'https://WWW.Shop-Example.com/login?x=1';
    for (const headers of [{ 'content-type': 'text/plain' }, { 'content-type': 'application/json' }, {}]) {
      const response = await f.app.inject({ method: 'PUT', url: '/', payload: input, headers });
      expect(response.statusCode).toBe(200);
      expect(JSON.parse(response.body)).toEqual({
        'input query': input,
        score: (await scoreOf('shop-example.com')).toFixed(5),
      });
    }
  });

  it('escapes non-ASCII input as Python json.dumps did', async () => {
    const response = await f.app.inject({ method: 'PUT', url: '/', payload: Buffer.from('bücher.de', 'utf8') });
    expect(response.body).toContain('{"input query": "b\\u00fccher.de", "score": "');
    expect(JSON.parse(response.body)['input query']).toBe('bücher.de');
  });
});

describe('POST /v1/score', () => {
  it('answers every input in order with host, score, risk, verdict and category from decide()', async () => {
    const domains = [
      'example.com',
      'https://www.popular.com/x',
      '10.0.0.1',
      'example.com',
      'mail:x',
      'a-b-c-d-e-f.xyz',
      '',
    ];
    const response = await f.app.inject({ method: 'POST', url: '/v1/score', payload: { domains } });
    expect(response.statusCode).toBe(200);
    const body = JSON.parse(response.body) as { model: string; results: Record<string, unknown>[] };
    expect(Object.keys(body)).toEqual(['model', 'results']);
    expect(body.model).toBe(f.scorer.metadata.version);
    expect(body.results.map((r) => r['input'])).toEqual(domains);
    for (const [i, input] of domains.entries()) {
      const result = body.results[i]!;
      const parsed = parseDomain(input);
      if (!parsed.ok) {
        expect(result).toEqual({
          input,
          host: parsed.host ?? null,
          score: null,
          risk: null,
          verdict: 'unscorable',
          category: '-',
          reason: parsed.reason,
          message: parsed.message,
        });
        continue;
      }
      const [hostScore] = await scoreHosts(f.scorer, [parsed.host]);
      const verdict = decide(parsed, hostScore!, f.context);
      expect(Object.keys(result).slice(0, 6)).toEqual(['input', 'host', 'score', 'risk', 'verdict', 'category']);
      // Both numbers: the raw score and the calibrated risk the verdict follows.
      expect(verdict.risk).not.toBeNull();
      expect(result['risk']).toBe(verdict.risk);
      expect(result).toMatchObject({
        input,
        host: parsed.host,
        verdict: verdict.level,
        category: verdict.category,
        heads: { malicious: hostScore!.heads[0] },
      });
      expect(result['score']).toBeCloseTo(hostScore!.score, 6);
    }
    expect(body.results[1]).toMatchObject({ verdict: 'safe', category: 'benign', reasons: [{ kind: 'popular' }] });
    expect(body.results[2]).toMatchObject({ verdict: 'unscorable', reason: 'ip' });
  });

  it('keeps order across a batch larger than one model call', async () => {
    const domains = Array.from({ length: 700 }, (_, i) => `name${i}-${(i * 7919) % 1000}.example.org`);
    const response = await f.app.inject({ method: 'POST', url: '/v1/score', payload: { domains } });
    const results = (JSON.parse(response.body) as { results: { input: string; score: number }[] }).results;
    expect(results.map((r) => r.input)).toEqual(domains);
    const direct = await scoreHosts(f.scorer, domains);
    results.forEach((r, i) => expect(r.score).toBeCloseTo(direct[i]!.score, 6));
  });

  it('scores concurrent requests correctly while coalescing them', async () => {
    const names = Array.from({ length: 40 }, (_, i) => `concurrent-${i}.example.net`);
    const callsBefore = f.batcher.calls;
    const responses = await Promise.all(names.map((name) => f.app.inject({ method: 'PUT', url: '/', payload: name })));
    const direct = await scoreHosts(f.scorer, names);
    responses.forEach((response, i) =>
      expect(JSON.parse(response.body)).toEqual({ 'input query': names[i], score: direct[i]!.score.toFixed(5) }),
    );
    expect(f.batcher.calls - callsBefore).toBeLessThan(names.length);
  });
});

describe('GET endpoints', () => {
  it('/v1/model returns the model metadata', async () => {
    const response = await f.app.inject({ method: 'GET', url: '/v1/model' });
    expect(response.statusCode).toBe(200);
    expect(JSON.parse(response.body)).toEqual(JSON.parse(JSON.stringify(f.scorer.metadata)));
  });

  it('/healthz reports the model and engine; HEAD works too', async () => {
    const response = await f.app.inject({ method: 'GET', url: '/healthz' });
    expect(JSON.parse(response.body)).toMatchObject({
      status: 'ok',
      model: f.scorer.metadata.version,
      engine: 'fast',
      backend: 'wasm',
    });
    expect((await f.app.inject({ method: 'HEAD', url: '/healthz' })).statusCode).toBe(200);
  });
});
