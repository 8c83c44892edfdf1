/**
 * Server section: `snowman serve`'s app in a child process on 127.0.0.1, loaded by autocannon
 * from this process (one core each): requests/s and p50/p99 latency for single-name PUT / and
 * for 256-name POST /v1/score batches; single-name load also with micro-batching off, and on
 * the layers engine, to show what each buys. Loopback only; each run is time-bounded.
 */
import autocannon, { type Result } from 'autocannon';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { syntheticNames } from '../lib/names.js';
import type { Row } from '../types.js';

const SECTION = 'server';
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const DURATION_S = 5;
const NAMES = syntheticNames(4096, 77);

interface ProbeServer {
  readonly url: string;
  /** Stops the server; resolves with the model calls it made and the CPU time it used serving. */
  stop(): Promise<{ calls: number; cpuMicros: number }>;
}

function startServer(engine: 'fast' | 'layers', maxBatch: number): Promise<ProbeServer> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/probes/serve-probe.ts', engine, String(maxBatch)], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: Record<string, unknown>[] = [];
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<void>((resolve) => child.on('close', () => resolve()));
  return new Promise((resolve, reject) => {
    let buffer = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      buffer += chunk;
      for (let nl = buffer.indexOf('\n'); nl !== -1; nl = buffer.indexOf('\n')) {
        const line = JSON.parse(buffer.slice(0, nl)) as Record<string, unknown>;
        buffer = buffer.slice(nl + 1);
        lines.push(line);
        if (typeof line['port'] === 'number') {
          resolve({
            url: `http://127.0.0.1:${line['port']}`,
            async stop() {
              child.kill('SIGTERM');
              await exited;
              const last = lines.find((l) => typeof l['calls'] === 'number');
              return { calls: Number(last?.['calls'] ?? NaN), cpuMicros: Number(last?.['cpuMicros'] ?? NaN) };
            },
          });
        }
      }
    });
    void exited.then(() =>
      reject(new Error(`server probe exited before listening: ${stderr.trim().split('\n').slice(-2).join(' | ')}`)),
    );
  });
}

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
  return rows;
}
