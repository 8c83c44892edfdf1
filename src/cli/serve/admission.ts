/**
 * Admission before the body is read: a request to a scoring route holds room in the queue for the
 * most names its Content-Length can carry, or is answered 503 at once. Under overload, refusing
 * costs no JSON parse and no name parsing, so the refusals cannot starve the work already admitted.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { BusyError, type Batcher } from './batcher.js';
import { sendError } from './errors.js';

/** Fewest bytes a scorable name takes in a /v1/score body: `"a.b",`. */
const MIN_BYTES_PER_NAME = 6;

/** The most names the request can hand the batcher (0: not a scoring route). */
export function namesBound(method: string, url: string, contentLength: string | undefined, maxNames: number): number {
  const path = url.split('?', 1)[0];
  if (path === '/' && (method === 'PUT' || method === 'POST')) return 1;
  if (path !== '/v1/score' || method !== 'POST') return 0;
  const bytes = contentLength === undefined ? NaN : Number(contentLength);
  if (!Number.isSafeInteger(bytes) || bytes < 0) return maxNames;
  return Math.min(maxNames, Math.max(1, Math.ceil(bytes / MIN_BYTES_PER_NAME)));
}

/** Installs the hooks: hold at onRequest, give back once the body is parsed or the request ends. */
export function installAdmission(app: FastifyInstance, batcher: Batcher, maxNames: number): void {
  const held = new WeakMap<FastifyRequest, number>();
  const release = async (request: FastifyRequest): Promise<void> => {
    const count = held.get(request);
    if (count === undefined) return;
    held.delete(request);
    batcher.release(count);
  };
  app.addHook('onRequest', async (request, reply) => {
    const bound = namesBound(request.method, request.url, request.headers['content-length'], maxNames);
    if (bound === 0) return;
    if (!batcher.reserve(bound)) {
      return sendError(new BusyError('the scoring queue is full; retry after a second'), request, reply);
    }
    held.set(request, bound);
  });
  // The handler's own score() call checks the exact name count, so the hold ends with parsing.
  app.addHook('preHandler', release);
  app.addHook('onResponse', release);
  app.addHook('onRequestAbort', release);
}
