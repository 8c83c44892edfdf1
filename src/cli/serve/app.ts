/**
 * The REST server as a fastify instance, built from a loaded scorer and a decision context (no
 * I/O of its own), so tests drive it with fastify.inject and the CLI only adds listen/shutdown.
 */
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import type { Scorer } from '../../core/model/scorer.js';
import { decide, type DecisionContext } from '../../core/verdict.js';
import { installAdmission } from './admission.js';
import { createBatcher, DEFAULT_BATCHER_OPTIONS, type Batcher, type BatcherOptions } from './batcher.js';
import { clientErrorHandler, installNotFound, sendError } from './errors.js';
import { seedRoute } from './seed-route.js';
import { v1Routes } from './v1-routes.js';

export interface ServerLimits {
  /** Seed route body: one name or URL (parseDomain refuses inputs over 8,192 characters anyway). */
  readonly seedBodyBytes: number;
  /** /v1/score body. */
  readonly bodyBytes: number;
  /** Names per /v1/score request; more is a 413 `too-many-names`. */
  readonly maxNames: number;
  /** A request (headers and body) must arrive within this; slower clients get a 408 and are cut off. */
  readonly requestTimeoutMs: number;
  readonly headersTimeoutMs: number;
  /** Idle keep-alive connections are closed after this. */
  readonly keepAliveTimeoutMs: number;
}

export const DEFAULT_LIMITS: ServerLimits = {
  seedBodyBytes: 16 * 1024,
  bodyBytes: 1024 * 1024,
  maxNames: 10_000,
  requestTimeoutMs: 10_000,
  headersTimeoutMs: 5_000,
  keepAliveTimeoutMs: 5_000,
};

/** Every path the API serves, with its methods (the rest of the API answers 404 or 405 from this). */
export const ROUTES: Readonly<Record<string, readonly string[]>> = {
  '/': ['PUT', 'POST'],
  '/v1/score': ['POST'],
  '/v1/model': ['GET', 'HEAD'],
  '/healthz': ['GET', 'HEAD'],
};

export interface ServerOptions {
  readonly scorer: Scorer;
  readonly context: DecisionContext;
  readonly limits?: Partial<ServerLimits>;
  readonly batcher?: Partial<BatcherOptions>;
  /** fastify logger option; off by default (tests), the CLI logs warnings to stderr. */
  readonly logger?: FastifyServerOptions['logger'];
}

export interface SnowmanServer {
  readonly app: FastifyInstance;
  readonly batcher: Batcher;
}

/** Builds the server (not listening yet). Closing the app drains the batcher; the scorer stays the caller's. */
export async function buildServer(options: ServerOptions): Promise<SnowmanServer> {
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  const app = Fastify({
    // Request lines are logged at info; the CLI's logger is at warn, so only failures show.
    logger: options.logger ?? false,
    bodyLimit: limits.bodyBytes,
    requestTimeout: limits.requestTimeoutMs,
    keepAliveTimeout: limits.keepAliveTimeoutMs,
    // Node checks request deadlines on this interval (default 30 s, which would let a slow
    // client hold a socket for 30 s past its deadline).
    http: {
      headersTimeout: Math.min(limits.headersTimeoutMs, limits.requestTimeoutMs),
      connectionsCheckingInterval: 500,
    },
    clientErrorHandler,
    return503OnClosing: true,
  });
  const batcher = createBatcher(options.scorer, { ...DEFAULT_BATCHER_OPTIONS, ...options.batcher });
  app.setErrorHandler((error, request, reply) =>
    sendError(error instanceof Error ? error : new Error(String(error)), request, reply),
  );
  installNotFound(app, ROUTES);
  installAdmission(app, batcher, limits.maxNames);
  await app.register(seedRoute, {
    batcher,
    bodyLimit: limits.seedBodyBytes,
    isListed: (parsed) => decide(parsed, null, options.context).reasons[0]?.kind === 'listed',
  });
  await app.register(v1Routes, {
    batcher,
    scorer: options.scorer,
    context: options.context,
    bodyLimit: limits.bodyBytes,
    maxNames: limits.maxNames,
  });
  app.addHook('onClose', async () => {
    await batcher.close();
  });
  await app.ready();
  return { app, batcher };
}
