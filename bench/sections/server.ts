/**
 * Server section: `snowman serve`'s app in a child process on 127.0.0.1, loaded by autocannon
 * from this process (one core each): requests/s and p50/p99 latency for single-name PUT / and
 * for 256-name POST /v1/score batches; single-name load also with micro-batching off, and on
 * the layers engine, to show what each buys. Loopback only; each run is time-bounded.
 */
import autocannon, { type Result } from 'autocannon';
import { BIG_CONNECTIONS, BIG_NAMES, mixedLoad } from '../lib/mixed-load.js';
import { syntheticNames } from '../lib/names.js';
import { startServer } from '../lib/serve-child.js';
import type { Row } from '../types.js';

const SECTION = 'server';
const DURATION_S = 5;
const NAMES = syntheticNames(4096, 77);

/** A different name per request, so no cache or repeated-input effect flatters the numbers. */
function singleNameLoad(url: string, connections: number): Promise<Result> {
  let i = 0;
  return autocannon({
    url,
    connections,
    duration: DURATION_S,
    requests: [
      {
        method: 'PUT',
        path: '/',
        headers: { 'content-type': 'text/plain' },
        setupRequest: (request) => ({ ...request, body: NAMES[i++ % NAMES.length]! }),
      },
    ],
  });
}

function batchLoad(url: string, connections: number, size: number): Promise<Result> {
  let i = 0;
  return autocannon({
    url,
    connections,
    duration: DURATION_S,
    requests: [
      {
        method: 'POST',
        path: '/v1/score',
        headers: { 'content-type': 'application/json' },
        setupRequest: (request) => {
          const start = (i++ * size) % (NAMES.length - size);
          return { ...request, body: JSON.stringify({ domains: NAMES.slice(start, start + size) }) };
        },
      },
    ],
  });
}

export async function run(): Promise<Row[]> {
  const rows: Row[] = [];
  const report = (
    label: string,
    result: Result,
    namesPerRequest: number,
    stats: { calls: number; cpuMicros: number },
    note: string,
  ): void => {
    const failed = result.errors + result.timeouts + result.non2xx;
    const total = result.requests.total;
    const extra =
      `${note}; ${total} requests in ${result.duration.toFixed(0)} s${failed ? `, ${failed} failed` : ''}` +
      (stats.calls > 0 ? `, ${((total * namesPerRequest) / stats.calls).toFixed(1)} names per model call` : '') +
      (total > 0 && Number.isFinite(stats.cpuMicros)
        ? `, server CPU ${(stats.cpuMicros / total).toFixed(0)} µs per request`
        : '');
    rows.push({
      section: SECTION,
      metric: `${label} requests/s`,
      value: result.requests.average,
      unit: 'req/s',
      note: extra,
    });
    if (namesPerRequest > 1)
      rows.push({
        section: SECTION,
        metric: `${label} names/s`,
        value: result.requests.average * namesPerRequest,
        unit: 'names/s',
      });
    rows.push({ section: SECTION, metric: `${label} p50`, value: result.latency.p50, unit: 'ms' });
    rows.push({ section: SECTION, metric: `${label} p99`, value: result.latency.p99, unit: 'ms' });
  };
  const scenarios: {
    label: string;
    engine: 'fast' | 'layers';
    maxBatch: number;
    load: (url: string) => Promise<Result>;
    names: number;
    note: string;
  }[] = [
    {
      label: 'PUT / single name',
      engine: 'fast',
      maxBatch: 256,
      load: (u) => singleNameLoad(u, 32),
      names: 1,
      note: 'fast engine, micro-batching on, 32 connections',
    },
    {
      label: 'PUT / single name, no batching',
      engine: 'fast',
      maxBatch: 1,
      load: (u) => singleNameLoad(u, 32),
      names: 1,
      note: 'fast engine, one model call per request, 32 connections',
    },
    {
      label: 'POST /v1/score 256 names',
      engine: 'fast',
      maxBatch: 256,
      load: (u) => batchLoad(u, 8, 256),
      names: 256,
      note: 'fast engine, 8 connections',
    },
    {
      label: 'PUT / single name, layers engine',
      engine: 'layers',
      maxBatch: 256,
      load: (u) => singleNameLoad(u, 32),
      names: 1,
      note: 'plain tfjs layers model, micro-batching on, 32 connections',
    },
  ];
  for (const s of scenarios) {
    const server = await startServer(s.engine, s.maxBatch);
    let result: Result;
    try {
      result = await s.load(server.url);
    } catch (error) {
      await server.stop();
      throw error;
    }
    report(s.label, result, s.names, await server.stop(), s.note);
  }
  rows.push(...(await fairnessRows()));
  return rows;
}

/** Single-name latency while big batches saturate the server (the issue's figure: 11.9 s for one PUT). */
async function fairnessRows(): Promise<Row[]> {
  const server = await startServer('fast', 256);
  let load: Awaited<ReturnType<typeof mixedLoad>>;
  try {
    load = await mixedLoad(server.url, 2 * DURATION_S);
  } finally {
    await server.stop();
  }
  const { small, big } = load;
  const label = `PUT / single name beside ${BIG_CONNECTIONS} × ${BIG_NAMES.toLocaleString('en-US')}-name POSTs`;
  const bigNote =
    `${big['2xx']} answered, ${big.non2xx} refused (503 busy, before parsing), ${big.errors + big.timeouts} errors ` +
    `in ${big.duration.toFixed(0)} s`;
  return [
    {
      section: SECTION,
      metric: `${label} p50`,
      value: small.latency.p50,
      unit: 'ms',
      note: `${small.requests.total} single-name requests, ${small.non2xx + small.errors + small.timeouts} failed`,
    },
    {
      section: SECTION,
      metric: `${label} p99`,
      value: small.latency.p99,
      unit: 'ms',
      note: 'target ≤ 50 ms; before: 11.9 s',
    },
    { section: SECTION, metric: `${label} max`, value: small.latency.max, unit: 'ms' },
    {
      section: SECTION,
      metric: `${BIG_NAMES.toLocaleString('en-US')}-name POSTs answered under that load`,
      value: big.duration > 0 ? big['2xx'] / big.duration : 0,
      unit: 'req/s',
      note: bigNote,
    },
  ];
}
