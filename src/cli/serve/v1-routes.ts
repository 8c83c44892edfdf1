/**
 * The JSON API: POST /v1/score, GET /v1/model, GET /healthz. Bodies are JSON in strict UTF-8;
 * the name count per request is capped so one request cannot hold the model for long.
 */
import type { FastifyInstance } from 'fastify';
import type { Scorer } from '../../core/model/scorer.js';
import type { DecisionContext } from '../../core/verdict.js';
import type { Batcher } from './batcher.js';
import { ApiError } from './errors.js';
import { resultsStream, shouldStream } from './results-stream.js';
import { scoreInputs } from './score-results.js';
import { decodeUtf8 } from './utf8.js';

export interface V1RouteOptions {
  readonly batcher: Batcher;
  readonly scorer: Scorer;
  readonly context: DecisionContext;
  readonly bodyLimit: number;
  readonly maxNames: number;
}

/** Checks the /v1/score body shape; returns the names. */
function domainsOf(body: unknown, maxNames: number): string[] {
  if (body === undefined || body === null)
    throw new ApiError(400, 'empty-body', 'send {"domains": ["example.com", ...]} as JSON');
  const domains = (body as { domains?: unknown }).domains;
  if (typeof body !== 'object' || Array.isArray(body) || !Array.isArray(domains)) {
    throw new ApiError(400, 'invalid-request', 'the body must be a JSON object with a "domains" array of strings');
  }
  if (domains.length > maxNames)
    throw new ApiError(
      413,
      'too-many-names',
      `${domains.length} names in one request; at most ${maxNames} (split the list)`,
    );
  const bad = domains.findIndex((d) => typeof d !== 'string');
  if (bad !== -1) throw new ApiError(400, 'invalid-request', `domains[${bad}] is not a string`);
  return domains as string[];
}

/** Registers the /v1 routes and /healthz in their own scope (JSON-only body parsing). */
export async function v1Routes(app: FastifyInstance, options: V1RouteOptions): Promise<void> {
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeAllContentTypeParsers();
  // Bytes first, so that invalid UTF-8 is refused instead of decoded into U+FFFD.
  app.addContentTypeParser(
    'application/json',
    { parseAs: 'buffer', bodyLimit: options.bodyLimit },
    (request, body, done) => {
      const bytes = body as Buffer;
      if (bytes.length === 0)
        return done(new ApiError(400, 'empty-body', 'send {"domains": ["example.com", ...]} as JSON'), undefined);
      let text: string;
      try {
        text = decodeUtf8(bytes);
      } catch (error) {
        return done(error as Error, undefined);
      }
      parseJson(request, text, done);
    },
  );

  app.post('/v1/score', { bodyLimit: options.bodyLimit }, async (request, reply) => {
    const domains = domainsOf(request.body, options.maxNames);
    const model = options.scorer.metadata.version;
    const results = await scoreInputs(domains, options.batcher, options.context);
    if (!shouldStream(results)) return { model, results };
    return reply.type('application/json; charset=utf-8').send(resultsStream(model, results));
  });

  app.get('/v1/model', async () => options.scorer.metadata);

  // Once shutdown begins fastify answers 503 itself, so balancers stop sending traffic.
  app.get('/healthz', async () => ({
    status: 'ok',
    model: options.scorer.metadata.version,
    engine: options.scorer.engine,
    backend: options.scorer.backend,
    pending: options.batcher.pending,
  }));
}
