import type { InjectOptions } from 'fastify';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS } from '../../src/cli/serve/app.js';
import { serverFixture, type Fixture } from './helpers/serve-fixture.js';

let f: Fixture;
beforeAll(async () => {
  f = await serverFixture({ limits: { maxNames: 5, bodyBytes: 4096, seedBodyBytes: 256 } });
});
afterAll(async () => {
  await f.close();
});

type Inject = InjectOptions;

async function expectError(request: Inject, status: number, code: string): Promise<Record<string, unknown>> {
  const response = await f.app.inject(request);
  expect(response.statusCode).toBe(status);
  expect(response.headers['content-type']).toMatch(/^application\/json/);
  const body = JSON.parse(response.body) as Record<string, unknown>;
  expect(body).toMatchObject({ error: code, statusCode: status });
  expect(typeof body['message']).toBe('string');
  return body;
}

const json = { 'content-type': 'application/json' };

describe('errors are JSON with a stable code, and the server goes on', () => {
  it.each<[string, Inject, number, string]>([
    ['seed: empty body', { method: 'PUT', url: '/' }, 400, 'empty-body'],
    ['seed: blank body', { method: 'POST', url: '/', payload: '  \n' }, 400, 'empty-body'],
    ['seed: body over the limit', { method: 'PUT', url: '/', payload: 'a'.repeat(300) }, 413, 'body-too-large'],
    [
      'seed: bytes that are not UTF-8',
      { method: 'PUT', url: '/', payload: Buffer.from([0x65, 0x78, 0xff, 0x2e, 0x63, 0x6f]) },
      400,
      'invalid-utf8',
    ],
    [
      'seed: an input that is not a scorable host',
      { method: 'PUT', url: '/', payload: 'localhost' },
      422,
      'unscorable',
    ],
    ['wrong method on /', { method: 'GET', url: '/' }, 405, 'method-not-allowed'],
    ['wrong method on /v1/score', { method: 'GET', url: '/v1/score' }, 405, 'method-not-allowed'],
    ['wrong method on /healthz', { method: 'DELETE', url: '/healthz' }, 405, 'method-not-allowed'],
    ['unknown path', { method: 'GET', url: '/v2/score' }, 404, 'not-found'],
    ['v1: no body', { method: 'POST', url: '/v1/score' }, 400, 'empty-body'],
    ['v1: empty JSON body', { method: 'POST', url: '/v1/score', headers: json, payload: '' }, 400, 'empty-body'],
    [
      'v1: invalid JSON',
      { method: 'POST', url: '/v1/score', headers: json, payload: '{"domains": [' },
      400,
      'invalid-json',
    ],
    [
      'v1: JSON that is not UTF-8',
      {
        method: 'POST',
        url: '/v1/score',
        headers: json,
        payload: Buffer.concat([Buffer.from('{"domains": ["a'), Buffer.from([0xc3, 0x28]), Buffer.from('.com"]}')]),
      },
      400,
      'invalid-utf8',
    ],
    [
      'v1: prototype poisoning',
      { method: 'POST', url: '/v1/score', headers: json, payload: '{"domains": [], "__proto__": {"x": 1}}' },
      400,
      'invalid-json',
    ],
    ['v1: not an object', { method: 'POST', url: '/v1/score', payload: ['a.com'] }, 400, 'invalid-request'],
    [
      'v1: domains not an array',
      { method: 'POST', url: '/v1/score', payload: { domains: 'a.com' } },
      400,
      'invalid-request',
    ],
    [
      'v1: a name that is not a string',
      { method: 'POST', url: '/v1/score', payload: { domains: ['a.com', 7] } },
      400,
      'invalid-request',
    ],
    [
      'v1: more names than the limit',
      {
        method: 'POST',
        url: '/v1/score',
        payload: { domains: ['a.com', 'b.com', 'c.com', 'd.com', 'e.com', 'f.com'] },
      },
      413,
      'too-many-names',
    ],
    [
      'v1: body over the limit',
      { method: 'POST', url: '/v1/score', payload: { domains: ['x'.repeat(5000)] } },
      413,
      'body-too-large',
    ],
    [
      'v1: not JSON',
      { method: 'POST', url: '/v1/score', headers: { 'content-type': 'text/plain' }, payload: 'a.com' },
      415,
      'unsupported-media-type',
    ],
  ])('%s', async (_label, request, status, code) => {
    await expectError(request, status, code);
    const after = await f.app.inject({ method: 'PUT', url: '/', payload: 'still-up.example.com' });
    expect(after.statusCode).toBe(200);
  });

  it('405 says which methods are allowed', async () => {
    const response = await f.app.inject({ method: 'PATCH', url: '/' });
    expect(response.headers['allow']).toBe('PUT, POST');
  });

  it('the unscorable seed answer keeps the input under the seed key', async () => {
    const body = await expectError({ method: 'PUT', url: '/', payload: '192.168.0.1' }, 422, 'unscorable');
    expect(body).toMatchObject({ 'input query': '192.168.0.1', reason: 'ip' });
  });

  it('the default limits are the documented ones', () => {
    expect(DEFAULT_LIMITS).toMatchObject({
      maxNames: 10_000,
      bodyBytes: 1024 * 1024,
      seedBodyBytes: 16 * 1024,
      requestTimeoutMs: 10_000,
    });
  });
});

describe('overload and slow clients', () => {
  it('answers 503 busy with Retry-After when the queue is full', async () => {
    const busy = await serverFixture({ batcher: { maxPending: 2 } });
    try {
      const response = await busy.app.inject({
        method: 'POST',
        url: '/v1/score',
        payload: { domains: ['a.com', 'b.com', 'c.com'] },
      });
      expect(response.statusCode).toBe(503);
      expect(response.headers['retry-after']).toBe('1');
      expect(JSON.parse(response.body)).toMatchObject({ error: 'busy' });
    } finally {
      await busy.close();
    }
  });

  it('refuses before reading the body when the queue is full: the parser never sees it', async () => {
    const full = await serverFixture({ batcher: { maxPending: 100 } });
    try {
      // Hold the model so the queue stays full.
      const predict = full.scorer.predict.bind(full.scorer);
      let open!: () => void;
      const gate = new Promise<void>((resolve) => (open = resolve));
      full.scorer.predict = async (hosts) => (await gate, predict(hosts));
      const queued = full.batcher.score(Array.from({ length: 100 }, (_, i) => `queued${i}.com`));
      // Not JSON and not UTF-8: parsed, each would be a 400; refused first, both are 503.
      const bodies = [Buffer.from('{"domains": [nope'), Buffer.from([0x7b, 0xff, 0xfe, 0x7d])];
      for (const payload of bodies) {
        const response = await full.app.inject({
          method: 'POST',
          url: '/v1/score',
          payload,
          headers: { 'content-type': 'application/json' },
        });
        expect(response.statusCode).toBe(503);
        expect(response.headers['retry-after']).toBe('1');
        expect(JSON.parse(response.body)).toMatchObject({ error: 'busy' });
      }
      const seed = await full.app.inject({ method: 'PUT', url: '/', payload: Buffer.from([0xff]) });
      expect(seed.statusCode).toBe(503);
      open();
      expect(await queued).toHaveLength(100);
      // With room again the same bodies reach the parser, and every hold was given back.
      const parsed = await full.app.inject({
        method: 'POST',
        url: '/v1/score',
        payload: bodies[0]!,
        headers: { 'content-type': 'application/json' },
      });
      expect(parsed.statusCode).toBe(400);
      expect((await full.app.inject({ method: 'PUT', url: '/', payload: Buffer.from([0xff]) })).statusCode).toBe(400);
      expect(full.batcher.reserved).toBe(0);
      expect(full.batcher.pending).toBe(0);
    } finally {
      await full.close();
    }
  });

  it('cuts off a client that does not finish its request in time, with a JSON 408', async () => {
    const slow = await serverFixture({ limits: { requestTimeoutMs: 300, headersTimeoutMs: 300 } });
    try {
      await slow.app.listen({ port: 0, host: '127.0.0.1' });
      const { port } = slow.app.server.address() as { port: number };
      const socket = connect(port, '127.0.0.1');
      // Headers promise 20 bytes; only 4 ever come.
      socket.write('PUT / HTTP/1.1\r\nHost: localhost\r\nContent-Length: 20\r\n\r\nexam');
      const reply = await new Promise<string>((resolve, reject) => {
        let data = '';
        socket.setEncoding('utf8').on('data', (chunk: string) => (data += chunk));
        socket.on('close', () => resolve(data));
        socket.on('error', reject);
      });
      expect(reply).toMatch(/^HTTP\/1\.1 408 /);
      expect(JSON.parse(reply.slice(reply.indexOf('\r\n\r\n') + 4))).toMatchObject({
        error: 'request-timeout',
        statusCode: 408,
      });
    } finally {
      await slow.close();
    }
  });
});
