/**
 * PUT and POST / : the seed Snowman's interface. The body is the raw name (curl -d sends it as a
 * form, which it is not), so this scope reads every content type as bytes.
 */
import type { FastifyInstance } from 'fastify';
import { parseDomain, type ScorableHost } from '../../core/domain.js';
import type { Batcher } from './batcher.js';
import { ApiError } from './errors.js';
import { seedResponse } from './seed-format.js';
import { decodeUtf8 } from './utf8.js';

export interface SeedRouteOptions {
  readonly batcher: Batcher;
  readonly bodyLimit: number;
  /**
   * True when the decision stops the name for being on the packaged threat list. The seed answer
   * has only a score, so a listed name answers 1 (known malicious), which every seed client's
   * threshold reads as the dangerous verdict the other surfaces give.
   */
  isListed?(parsed: ScorableHost): boolean;
}

/** Registers PUT/POST / in its own scope (its body parsing must not leak into /v1). */
export async function seedRoute(app: FastifyInstance, options: SeedRouteOptions): Promise<void> {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: options.bodyLimit }, (_request, body, done) =>
    done(null, body),
  );
  app.route({
    method: ['PUT', 'POST'],
    url: '/',
    bodyLimit: options.bodyLimit,
    handler: async (request, reply) => {
      const bytes = request.body as Buffer | undefined;
      const input = bytes && bytes.length > 0 ? decodeUtf8(bytes) : '';
      const parsed = parseDomain(input);
      if (!parsed.ok && parsed.reason === 'empty') {
        throw new ApiError(
          400,
          'empty-body',
          'send the name to score as the body, e.g. curl -d "example.com" -X PUT http://127.0.0.1:8080/',
        );
      }
      if (!parsed.ok) {
        return reply.code(422).send({
          'input query': input,
          error: 'unscorable',
          reason: parsed.reason,
          message: parsed.message,
          statusCode: 422,
        });
      }
      if (options.isListed?.(parsed)) return reply.type('application/json').send(seedResponse(input, 1));
      const [score] = await options.batcher.score([parsed.host]);
      return reply.type('application/json').send(seedResponse(input, score!.score));
    },
  });
}
