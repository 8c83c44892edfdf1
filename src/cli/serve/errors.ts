/**
 * Every failure leaves the server as JSON: `{"error": "<code>", "message": "<sentence>",
 * "statusCode": n}`. Codes are stable (scripts may test them); messages are for people.
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import http from 'node:http';
import type { Socket } from 'node:net';
import { BusyError } from './batcher.js';

/** An error the API reports deliberately, with its status and code. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(message);
  }
}

export interface ErrorBody {
  readonly error: string;
  readonly message: string;
  readonly statusCode: number;
}

export function errorBody(statusCode: number, code: string, message: string): ErrorBody {
  return { error: code, message, statusCode };
}

// Fastify's own errors (body parsing, limits) mapped to this API's codes.
const FASTIFY_CODES: Record<string, [number, string]> = {
  FST_ERR_CTP_BODY_TOO_LARGE: [413, 'body-too-large'],
  FST_ERR_CTP_EMPTY_JSON_BODY: [400, 'empty-body'],
  FST_ERR_CTP_INVALID_JSON_BODY: [400, 'invalid-json'],
  FST_ERR_CTP_INVALID_MEDIA_TYPE: [415, 'unsupported-media-type'],
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: [400, 'bad-content-length'],
  FST_ERR_CTP_INVALID_TYPE: [400, 'bad-content-type'],
};

function toBody(error: FastifyError | Error): { body: ErrorBody; headers: Record<string, string> } {
  if (error instanceof ApiError)
    return { body: errorBody(error.statusCode, error.code, error.message), headers: { ...error.headers } };
  if (error instanceof BusyError)
    return { body: errorBody(503, 'busy', error.message), headers: { 'retry-after': '1' } };
  const code = (error as FastifyError).code;
  const mapped = code === undefined ? undefined : FASTIFY_CODES[code];
  if (mapped) return { body: errorBody(mapped[0], mapped[1], error.message), headers: {} };
  if (error instanceof SyntaxError)
    return { body: errorBody(400, 'invalid-json', `the body is not valid JSON: ${error.message}`), headers: {} };
  const status = (error as FastifyError).statusCode;
  if (status !== undefined && status >= 400 && status < 500)
    return { body: errorBody(status, 'bad-request', error.message), headers: {} };
  return { body: errorBody(500, 'internal', 'internal error; the server logged the details'), headers: {} };
}

/** Sends `error` as this API's JSON error (logging server-side failures). */
export function sendError(error: FastifyError | Error, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const { body, headers } = toBody(error);
  if (body.statusCode >= 500 && body.error !== 'busy') request.log.error({ err: error }, 'request failed');
  return reply.code(body.statusCode).headers(headers).type('application/json; charset=utf-8').send(body);
}

/** Known paths and their methods: a known path with another method is a 405, not a 404. */
export function installNotFound(app: FastifyInstance, routes: Readonly<Record<string, readonly string[]>>): void {
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?', 1)[0]!;
    const allowed = routes[path];
    if (allowed) {
      return sendError(
        new ApiError(
          405,
          'method-not-allowed',
          `${request.method} is not allowed on ${path}; use ${allowed.join(', ')}`,
          { allow: allowed.join(', ') },
        ),
        request,
        reply,
      );
    }
    return sendError(new ApiError(404, 'not-found', `no such endpoint: ${request.method} ${path}`), request, reply);
  });
}

/** Errors below HTTP (a slow client, oversized headers, garbage): answered as JSON too, then the socket closes. */
export function clientErrorHandler(error: NodeJS.ErrnoException, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, code, message] =
    error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
      ? [408, 'request-timeout', 'the request did not arrive in time']
      : error.code === 'HPE_HEADER_OVERFLOW'
        ? [431, 'headers-too-large', 'the request headers are too large']
        : [400, 'bad-http', 'the request is not valid HTTP/1.1'];
  const body = JSON.stringify(errorBody(status, code, message));
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${http.STATUS_CODES[status]}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy();
}
