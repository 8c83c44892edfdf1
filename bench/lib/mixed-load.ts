/**
 * Fairness under overload: 16 connections post 10,000-name batches while one connection sends
 * single-name PUTs; the single-name latency is what a small client sees behind the big ones.
 */
import autocannon, { type Result } from 'autocannon';
import { syntheticNames } from './names.js';

export const BIG_CONNECTIONS = 16;
export const BIG_NAMES = 10_000;

export interface MixedLoad {
  readonly small: Result;
  readonly big: Result;
}

/** Runs both loads against `url` for `seconds`; the big bodies are built once, before the clock starts. */
export async function mixedLoad(url: string, seconds: number): Promise<MixedLoad> {
  const pool = syntheticNames(BIG_NAMES * 2, 313);
  const bodies = Array.from({ length: 8 }, (_, k) =>
    JSON.stringify({ domains: pool.slice(k * 2500, k * 2500 + BIG_NAMES) }),
  );
  const singles = syntheticNames(4096, 517);
  let b = 0;
  let s = 0;
  const big = autocannon({
    url,
    connections: BIG_CONNECTIONS,
    duration: seconds,
    timeout: 30,
    requests: [
      {
        method: 'POST',
        path: '/v1/score',
        headers: { 'content-type': 'application/json' },
        setupRequest: (request) => ({ ...request, body: bodies[b++ % bodies.length]! }),
      },
    ],
  });
  const small = autocannon({
    url,
    connections: 1,
    duration: seconds,
    timeout: 30,
    requests: [
      {
        method: 'PUT',
        path: '/',
        headers: { 'content-type': 'text/plain' },
        setupRequest: (request) => ({ ...request, body: singles[s++ % singles.length]! }),
      },
    ],
  });
  const [smallResult, bigResult] = await Promise.all([small, big]);
  return { small: smallResult, big: bigResult };
}
