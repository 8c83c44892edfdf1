/**
 * Child process of bench/sections/server.ts: the REST server on the shipped model, on loopback.
 * argv: engine (fast | layers), maxBatch (1 turns micro-batching off). Prints {"port"} once
 * listening; on SIGTERM closes and prints {"calls", "cpuMicros"} (model calls made, CPU time
 * spent while serving), then exits.
 */
import { initBackend } from '../../src/core/model/backend.js';
import { loadFastScorer } from '../../src/core/model/load-fast-scorer.js';
import { loadLayersScorer } from '../../src/cli/model/layers-scorer.js';
import { loadDecisionContext } from '../../src/cli/context.js';
import { diskModelReader } from '../../src/cli/model-dir.js';
import { buildServer } from '../../src/cli/serve/app.js';

const engine = process.argv[2] === 'layers' ? 'layers' : 'fast';
const maxBatch = Number(process.argv[3] ?? 256);
await initBackend({ preferred: 'wasm' });
const scorer = engine === 'fast' ? await loadFastScorer(diskModelReader()) : await loadLayersScorer(diskModelReader());
const { context } = await loadDecisionContext(scorer.metadata);
const { app, batcher } = await buildServer({ scorer, context, batcher: { maxBatch } });
await app.listen({ port: 0, host: '127.0.0.1' });
const cpuAtStart = process.cpuUsage();
process.stdout.write(
  `${JSON.stringify({ port: (app.server.address() as { port: number }).port, backend: scorer.backend })}\n`,
);
process.once('SIGTERM', () => {
  const cpu = process.cpuUsage(cpuAtStart);
  void app.close().then(() => {
    process.stdout.write(`${JSON.stringify({ calls: batcher.calls, cpuMicros: cpu.user + cpu.system })}\n`);
    scorer.dispose();
  });
});
