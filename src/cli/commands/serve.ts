/**
 * `snowman serve [--port 8080] [--host 127.0.0.1] [--model DIR] [--engine fast|layers] [--no-list]`: loads the
 * model once on the WASM backend and serves the REST API (docs/api.md) until SIGINT or SIGTERM (or, when
 * npm started it, until npm exits: serve/parent-watch.ts).
 */
import { initBackend } from '../../core/model/backend.js';
import type { Scorer } from '../../core/model/scorer.js';
import { loadEngine } from '../model/load-engine.js';
import type { EngineName } from '../score/session-flags.js';
import { parseFlags, UsageError } from '../args.js';
import { loadDecisionContext } from '../context.js';
import { diskModelReader, SHIPPED_MODEL_DIR } from '../model-dir.js';
import { buildServer } from '../serve/app.js';
import { errorText } from '../../core/error-text.js';
import { startedByNpm, watchParent } from '../serve/parent-watch.js';

const HELP = `usage: snowman serve [--port 8080] [--host 127.0.0.1] [--model DIR] [--engine fast|layers] [--no-list]

Serves the model over HTTP (see docs/api.md):
  PUT|POST /          the seed Snowman's API: body = one name, answer {"input query": ..., "score": "0.12345"}
  POST /v1/score      {"domains": [...]} → verdicts in input order (at most 10,000 names per request)
  GET  /v1/model      model metadata
  GET  /healthz       liveness

options:
  --port N        TCP port (default 8080; 0 picks a free one)
  --host ADDR     address to bind (default 127.0.0.1; 0.0.0.0 exposes the API to the network)
  --model DIR     model directory (default: the shipped model/)
  --engine NAME   fast (default) or layers (the plain tfjs model, for comparison)
  --no-list       judge with the model and detectors alone, without the packaged threat list
`;

const OPTIONS = {
  port: { type: 'string', short: 'p' },
  host: { type: 'string' },
  model: { type: 'string' },
  engine: { type: 'string' },
  'no-list': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** Grace period for in-flight requests at shutdown (requests themselves time out after 10 s). */
const SHUTDOWN_GRACE_MS = 15_000;

function parsePort(value: string | undefined): number {
  if (value === undefined) return 8080;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new UsageError(`--port takes a number from 0 to 65535, not "${value}"`);
  return port;
}

async function loadScorer(engine: EngineName, dir: string): Promise<Scorer> {
  const read = diskModelReader(dir);
  try {
    return await loadEngine(engine, read);
  } catch (error) {
    throw new Error(`cannot load the model from ${dir}: ${errorText(error)}`);
  }
}

/** Runs the server; resolves with the exit code after a signal-driven shutdown. */
export async function run(argv: string[]): Promise<number> {
  const { values } = parseFlags(argv, OPTIONS, false);
  if (values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  const port = parsePort(values.port);
  const host = values.host ?? '127.0.0.1';
  const engine = values.engine ?? 'fast';
  if (engine !== 'fast' && engine !== 'layers') throw new UsageError(`--engine is fast or layers, not "${engine}"`);
  const modelDir = values.model ?? SHIPPED_MODEL_DIR;

  const backend = await initBackend({ preferred: 'wasm' });
  if (backend.fallbackReason !== undefined)
    process.stderr.write(
      `snowman serve: warning: ${backend.fallbackReason}; scoring on the ${backend.backend} backend\n`,
    );
  const scorer = await loadScorer(engine, modelDir);
  const { context, popularSites, threats } = await loadDecisionContext(scorer.metadata, modelDir, {
    list: values['no-list'] !== true,
  });
  if (popularSites === null)
    process.stderr.write('snowman serve: warning: no popular-domains.txt found; verdicts use model thresholds only\n');
  const { app } = await buildServer({ scorer, context, logger: { level: 'warn', stream: process.stderr } });

  let address: string;
  try {
    address = await app.listen({ port, host });
  } catch (error) {
    await app.close();
    scorer.dispose();
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === 'EADDRINUSE' ? 'the port is in use' : code === 'EACCES' ? 'permission denied' : errorText(error);
    throw new Error(`cannot listen on ${host}:${port}: ${why}`);
  }
  process.stderr.write(
    `snowman serve: listening on ${address} (model ${scorer.metadata.version}, ${scorer.engine} engine on ${scorer.backend}` +
      `${popularSites ? `, ${popularSites.size} popular sites` : ''}${threats ? `, ${threats.size} listed names` : ', no threat list'}); Ctrl-C to stop\n`,
  );

  return new Promise<number>((resolve) => {
    const stop = (reason: string): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      unwatch();
      process.stderr.write(`snowman serve: ${reason}: finishing in-flight requests\n`);
      const force = setTimeout(() => {
        process.stderr.write('snowman serve: requests still open after the grace period; closing them\n');
        app.server.closeAllConnections();
      }, SHUTDOWN_GRACE_MS);
      app
        .close()
        .then(
          () => 0,
          (error: unknown) => {
            process.stderr.write(`snowman serve: shutdown error: ${errorText(error)}\n`);
            return 1;
          },
        )
        .then((code) => {
          clearTimeout(force);
          scorer.dispose();
          process.stderr.write('snowman serve: stopped\n');
          resolve(code);
        });
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
    // Under npm the signal may never arrive (parent-watch.ts): the parent's exit stands for it.
    const unwatch = startedByNpm() ? watchParent(() => stop('npm exited')) : () => undefined;
  });
}
